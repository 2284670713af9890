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
