import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogEntitySummary } from '../domain';

/**
 * Looks up entities in ONE batched catalog call, with the caller's credentials so that a user
 * can only name entities they can see. Missing refs map to undefined.
 */
export async function lookupEntities(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, CatalogEntitySummary | undefined>> {
  const found = new Map<string, CatalogEntitySummary | undefined>();
  if (entityRefs.length === 0) {
    return found;
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
    },
    { credentials },
  );
  entityRefs.forEach((ref, index) => found.set(ref, items[index]));
  return found;
}
