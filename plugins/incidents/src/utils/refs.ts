import { IncidentEntity } from '@firebreak/plugin-incidents-common';

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/** `user:default/alice` → `alice`; refs in another namespace keep it (`ops/alice`). */
export function shortRef(ref: string): string {
  const match = /^(?:[^:/\s]+:)?(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(ref.trim());
  if (!match) return ref;
  const [, namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}

/** Whether two entity refs name the same entity (refs compare case-insensitively). */
export function sameRef(a?: string, b?: string): boolean {
  return !!a && !!b && key(a) === key(b);
}

/** The distinct owning groups of the affected entities, in the order of the entities. */
export function owningGroups(entities: IncidentEntity[]): string[] {
  const groups = new Map<string, string>();
  for (const entity of entities) {
    if (
      entity.relation === 'affected' &&
      entity.ownerRef &&
      key(entity.ownerRef).startsWith('group:') &&
      !groups.has(key(entity.ownerRef))
    ) {
      groups.set(key(entity.ownerRef), entity.ownerRef);
    }
  }
  return [...groups.values()];
}
