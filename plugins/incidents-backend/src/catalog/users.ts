import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Throws a 400 naming the first of `refs` (by request field) that is not a User entity in
 * the catalog. ONE batched catalog call, whatever the number of refs.
 */
export async function requireCatalogUsers(
  catalog: CatalogService,
  refs: Array<{ field: string; userRef: string }>,
  credentials: BackstageCredentials,
): Promise<void> {
  if (refs.length === 0) {
    return;
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs.map(r => r.userRef),
      fields: ['kind', 'metadata.name'],
    },
    { credentials },
  );
  const missing = refs.find(
    (_ref, index) => items[index]?.kind.toLocaleLowerCase('en-US') !== 'user',
  );
  if (missing) {
    throw new InputError(
      `Invalid request body: ${missing.field}: ${missing.userRef} is not a user in the catalog`,
    );
  }
}

/**
 * The teams (groups they are members of, `memberOf`) of each of `userRefs`, in ONE batched
 * catalog call: lower-cased user ref -> group refs. Users missing from the catalog are absent.
 */
export async function teamsOfUsers(
  catalog: CatalogService,
  userRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, string[]>> {
  const refs = [...new Set(userRefs.map(r => r.toLocaleLowerCase('en-US')))];
  const teams = new Map<string, string[]>();
  if (refs.length === 0) {
    return teams;
  }
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'relations'] },
    { credentials },
  );
  items.forEach((entity, index) => {
    if (entity?.kind.toLocaleLowerCase('en-US') !== 'user') return;
    teams.set(
      refs[index],
      (entity.relations ?? [])
        .filter(
          r =>
            r.type === 'memberOf' &&
            r.targetRef.toLocaleLowerCase('en-US').startsWith('group:'),
        )
        .map(r => r.targetRef),
    );
  });
  return teams;
}
