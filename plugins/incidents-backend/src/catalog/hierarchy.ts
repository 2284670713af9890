import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Bounds on a roll-up, so that a cyclic or huge catalog cannot run away. */
const MAX_DEPTH = 10;
const MAX_REFS = 2000;

/**
 * `root` and everything below it along `relation` (`parentOf` for sub-teams, `hasPart` for
 * a domain's systems and a system's components, resources and APIs), all levels, one
 * batched catalog call per level. Lower-case refs; `root` first.
 */
export async function descendantsOf(
  catalog: CatalogService,
  root: string,
  relation: 'parentOf' | 'hasPart',
  credentials: BackstageCredentials,
): Promise<string[]> {
  const seen = new Set([key(root)]);
  let level = [key(root)];
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
