import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** A group's lists roll up its sub-teams (ownerRef); any other entity's, its parts. */
export function entityScope(entity: Entity): {
  ownerRef?: string;
  entityRef?: string;
} {
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return entity.kind.toLocaleLowerCase('en-US') === 'group'
    ? { ownerRef: ref }
    : { entityRef: ref };
}
