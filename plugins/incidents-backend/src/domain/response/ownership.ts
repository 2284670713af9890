import { IncidentEntity, refKey } from '@firebreak/plugin-incidents-common';
import { NewIncident } from '../types';

/** How one entity is owned (see catalog/ownership.ts). */
export interface OwnershipFacts {
  entityRef: string;
  ownerRef?: string;
  ownerVia?: 'entity' | 'system' | 'domain';
  inheritedFrom?: string;
}

/** A dependent of the affected entities. */
export interface DownstreamFacts extends OwnershipFacts {
  dependsOn: string[];
}

/**
 * Puts the resolved owners (with the system → domain fallback) on the affected entities and
 * lists the dependents as downstream, recording how each owner was found in the declared
 * entry's details.
 */
export function applyOwnership(
  incident: NewIncident,
  affected: ReadonlyMap<string, OwnershipFacts>,
  downstream: DownstreamFacts[],
): NewIncident {
  const byKey = new Map(
    [...affected.values()].map(o => [refKey(o.entityRef), o]),
  );
  const entities: IncidentEntity[] = incident.entities.map(entity => {
    const facts = byKey.get(refKey(entity.entityRef));
    const ownerRef = facts?.ownerRef ?? entity.ownerRef;
    return {
      entityRef: entity.entityRef,
      relation: entity.relation,
      ...(ownerRef ? { ownerRef } : {}),
    };
  });
  const present = new Set(entities.map(e => refKey(e.entityRef)));
  for (const dependent of downstream) {
    if (!present.has(refKey(dependent.entityRef))) {
      present.add(refKey(dependent.entityRef));
      entities.push({
        entityRef: dependent.entityRef,
        relation: 'downstream',
        ...(dependent.ownerRef ? { ownerRef: dependent.ownerRef } : {}),
      });
    }
  }

  const describe = (o: OwnershipFacts) => ({
    entityRef: o.entityRef,
    ownerRef: o.ownerRef ?? null,
    ownerVia: o.ownerVia ?? null,
    ...(o.inheritedFrom ? { inheritedFrom: o.inheritedFrom } : {}),
  });
  const [declared, ...rest] = incident.timeline;
  const timeline = declared
    ? [
        {
          ...declared,
          details: {
            ...declared.details,
            ownership: [...affected.values()].map(describe),
            downstream: downstream.map(d => ({
              ...describe(d),
              dependsOn: d.dependsOn,
            })),
          },
        },
        ...rest,
      ]
    : incident.timeline;
  return { ...incident, entities, timeline };
}

export { owningGroups } from '@firebreak/plugin-incidents-common';
