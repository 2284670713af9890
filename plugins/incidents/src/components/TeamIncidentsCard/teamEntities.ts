import { CatalogApi } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A team and its sub-teams (parentOf), all levels, one catalog call per level. */
export async function teamAndSubTeams(
  catalog: CatalogApi,
  groupRef: string,
): Promise<string[]> {
  const seen = new Set([key(groupRef)]);
  let level = [key(groupRef)];
  for (let depth = 0; depth < 10 && level.length > 0; depth++) {
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: level,
      fields: ['relations'],
    });
    level = items
      .flatMap(e => e?.relations ?? [])
      .filter(r => r.type === 'parentOf' && !seen.has(key(r.targetRef)))
      .map(r => key(r.targetRef));
    level.forEach(r => seen.add(r));
  }
  return [...seen];
}

/** What a team and its sub-teams own, as entity refs (bounded). */
export async function ownedByTeams(
  catalog: CatalogApi,
  groupRefs: string[],
): Promise<string[]> {
  const { items } = await catalog.getEntities({
    filter: { 'relations.ownedBy': groupRefs },
    fields: ['kind', 'metadata.name', 'metadata.namespace'],
    limit: 100,
  });
  return items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'));
}
