import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  IncidentEntity,
  IncidentSource,
  Severity,
  declareIncidentSchema,
} from '@firebreak/plugin-incidents-common';
import type { z } from 'zod';
import { NewIncident } from './types';

/** A declaration after validation. */
export type Declaration = z.output<typeof declareIncidentSchema>;

/** The catalog fields a declaration needs from each affected entity. */
export type CatalogEntitySummary = Pick<Entity, 'kind' | 'metadata'> & {
  spec?: { owner?: unknown };
};

/** `component:checkout` → `component:default/checkout`. */
export function normalizeEntityRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref));
}

/** The distinct, normalised refs to look up in the catalog, in request order. */
export function entityRefsToLookUp(declaration: Declaration): string[] {
  return [...new Set(declaration.affectedEntityRefs.map(normalizeEntityRef))];
}

/** The owner of an entity as a full ref (`spec.owner: team-a` → `group:default/team-a`). */
export function ownerRefOf(entity: CatalogEntitySummary): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

export type DeclarationPlan =
  | { ok: true; incident: NewIncident }
  | { ok: false; problems: string[] };

/**
 * Turns a validated declaration and what the catalog knows about its affected entities into
 * the incident to store. Every affected entity must exist in the catalog; each unknown one is
 * reported with its position in the request.
 */
export function planDeclaration(
  declaration: Declaration,
  catalog: ReadonlyMap<string, CatalogEntitySummary | undefined>,
  context: {
    actor: string;
    now: Date;
    source?: IncidentSource;
    restricted?: boolean;
  },
): DeclarationPlan {
  const problems: string[] = [];
  const entities = new Map<string, IncidentEntity>();
  declaration.affectedEntityRefs.forEach((raw, index) => {
    const ref = normalizeEntityRef(raw);
    const entity = catalog.get(ref);
    if (!entity) {
      problems.push(
        `affectedEntityRefs[${index}]: entity ${ref} not found in the catalog`,
      );
      return;
    }
    const ownerRef = ownerRefOf(entity);
    entities.set(ref, {
      entityRef: ref,
      relation: 'affected',
      ...(ownerRef ? { ownerRef } : {}),
    });
  });
  if (problems.length > 0) {
    return { ok: false, problems };
  }

  const severity: Severity = declaration.severity;
  const source: IncidentSource = context.source ?? 'manual';
  return {
    ok: true,
    incident: {
      title: declaration.title,
      summary: declaration.summary,
      customerImpact: declaration.customerImpact,
      severity,
      regions: [...new Set(declaration.regions)],
      restricted: context.restricted ?? false,
      source,
      createdBy: context.actor,
      declaredAt: context.now.toISOString(),
      entities: [...entities.values()],
      timeline: [
        {
          kind: 'declared',
          body: `Declared ${severity}: ${declaration.title}`,
          details: {
            severity,
            source,
            affectedEntityRefs: [...entities.keys()],
          },
        },
      ],
    },
  };
}
