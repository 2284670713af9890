import type { IncidentEntity } from './types';

/**
 * Entity refs compare case-insensitively in Backstage: the key to put them in maps and sets
 * by (`User:Default/Alice` and `user:default/alice` are one entity).
 *
 * @public
 */
export function refKey(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** Whether two entity refs name the same entity. @public */
export function sameRef(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && refKey(a) === refKey(b);
}

/**
 * How a ref reads for people: `user:default/alice` → `alice`, `group:ops/sre` → `ops/sre`
 * (another namespace stays visible).
 *
 * @public
 */
export function shortRef(ref: string): string {
  const match = /^(?:[^:/\s]+:)?(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(ref.trim());
  if (!match) return ref;
  const [, namespace, name] = match;
  return namespace && namespace.toLocaleLowerCase('en-US') !== 'default'
    ? `${namespace}/${name}`
    : name;
}

/** The distinct owning groups of the affected entities, in the order of the entities. @public */
export function owningGroups(entities: readonly IncidentEntity[]): string[] {
  const groups = new Map<string, string>();
  for (const entity of entities) {
    const owner = entity.ownerRef;
    if (
      entity.relation === 'affected' &&
      owner &&
      refKey(owner).startsWith('group:') &&
      !groups.has(refKey(owner))
    ) {
      groups.set(refKey(owner), owner);
    }
  }
  return [...groups.values()];
}
