import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Bounds on a roll-up, so that a cyclic or huge catalog cannot run away. */
const MAX_DEPTH = 10;
const MAX_REFS = 2000;

/**
 * `root` (one ref or several) and everything below it along `relation` (`parentOf` for
 * sub-teams, `hasPart` for a domain's systems and a system's components, resources and
 * APIs), all levels, one batched catalog call per level. Lower-case refs; the roots first.
 */
export async function descendantsOf(
  catalog: CatalogService,
  root: string | string[],
  relation: 'parentOf' | 'hasPart',
  credentials: BackstageCredentials,
): Promise<string[]> {
  const seen = new Set([root].flat().map(key));
  let level = [...seen];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: level, fields: ['relations'] },
      { credentials },
    );
    const next: string[] = [];
    for (const entity of items) {
      for (const r of entity?.relations ?? []) {
        const ref = key(r.targetRef);
        if (r.type === relation && !seen.has(ref) && seen.size < MAX_REFS) {
          seen.add(ref);
          next.push(ref);
        }
      }
    }
    level = next;
  }
  return [...seen];
}

/** Which of `refs` exist in the catalog, in one call. */
export async function existingRefs(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata.name'] },
    { credentials },
  );
  return new Set(refs.filter((_, i) => items[i]).map(key));
}

/**
 * Throws a 400 naming each request field whose ref is not in the catalog, after ONE
 * batched catalog call.
 */
export async function requireInCatalog(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  fields: { field: string; ref: string }[],
): Promise<void> {
  const found = await existingRefs(
    catalog,
    fields.map(f => f.ref),
    credentials,
  );
  const missing = fields.filter(f => !found.has(key(f.ref)));
  if (missing.length > 0) {
    throw new InputError(
      `Invalid request body: ${missing
        .map(m => `${m.field}: ${m.ref} is not in the catalog`)
        .join('; ')}`,
    );
  }
}

/** A list's roll-up filters, as the catalog resolves them. */
export interface RolledUp {
  /** The team asked for and its sub-teams, all levels down. */
  ownerRefs?: string[];
  /** The entities asked for and their parts (hasPart), all levels down. */
  entityRefs?: string[];
}

/**
 * Roll-up filters of every list (incidents, postmortems, action items, insights): a team
 * with its sub-teams, an entity (or several) with its parts.
 */
export async function rollUp(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  query: { ownerRef?: string; entityRef?: string | string[] },
): Promise<RolledUp> {
  const entityRefs = [query.entityRef ?? []].flat();
  return {
    ...(query.ownerRef
      ? {
          ownerRefs: await descendantsOf(
            catalog,
            query.ownerRef,
            'parentOf',
            credentials,
          ),
        }
      : {}),
    ...(entityRefs.length > 0
      ? {
          entityRefs: await descendantsOf(
            catalog,
            entityRefs,
            'hasPart',
            credentials,
          ),
        }
      : {}),
  };
}
