import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { refKey } from '@firebreak/plugin-incidents-common';

/**
 * Ownership and blast radius of affected entities, from the catalog, in a constant number of
 * batched round trips whatever the number of entities:
 *
 * 1. the affected entities, by refs;
 * 2. their dependents: entities that `dependsOn` them or `consumesApi` an API they provide
 *    (one filtered query);
 * 3. the systems (and domains named directly) of entities without an owner, by refs;
 * 4. the domains of those systems that have no owner either, by refs.
 *
 * Steps 2–4 are skipped when there is nothing to ask.
 */

/** How an entity's owner was found. */
export type OwnerSource = 'entity' | 'system' | 'domain';

export interface EntityOwnership {
  entityRef: string;
  kind: string;
  ownerRef?: string;
  ownerVia?: OwnerSource;
  /** The system or domain the owner was inherited from. */
  inheritedFrom?: string;
}

export interface DownstreamEntity extends EntityOwnership {
  /** The affected entities it depends on (directly or through an API they provide). */
  dependsOn: string[];
}

export interface OwnershipResult {
  /** Affected refs (as given) → the entity, or undefined when not in the catalog. */
  entities: Map<string, Entity | undefined>;
  /** Affected refs → how they are owned. */
  affected: Map<string, EntityOwnership>;
  downstream: DownstreamEntity[];
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.providesApis',
  'relations',
];

/** Most dependents listed on one incident; the rest are left off. */
export const DOWNSTREAM_LIMIT = 200;

function fullRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/** Full, lower-case ref: how incidents store entity refs and how the catalog compares them. */
function refOf(entity: Entity): string {
  return refKey(stringifyEntityRef(entity));
}

function relationTargets(
  entity: Entity,
  type: string,
  kind?: string,
): string[] {
  return (entity.relations ?? [])
    .filter(
      r =>
        r.type === type &&
        (!kind ||
          r.targetRef.startsWith(`${kind.toLocaleLowerCase('en-US')}:`)),
    )
    .map(r => r.targetRef);
}

/** The entity's own owner: `spec.owner`, or its `ownedBy` relation. */
export function ownOwner(entity: Entity): string | undefined {
  const namespace = entity.metadata.namespace ?? 'default';
  return (
    fullRef(entity.spec?.owner, 'group', namespace) ??
    relationTargets(entity, 'ownedBy')[0]
  );
}

/** `spec.system` or a `partOf` relation to a system. */
function systemOf(entity: Entity): string | undefined {
  const namespace = entity.metadata.namespace ?? 'default';
  return (
    fullRef(entity.spec?.system, 'system', namespace) ??
    relationTargets(entity, 'partOf', 'system')[0]
  );
}

/** `spec.domain` or a `partOf` relation to a domain (systems and subdomains). */
function domainOf(entity: Entity): string | undefined {
  const namespace = entity.metadata.namespace ?? 'default';
  return (
    fullRef(entity.spec?.domain, 'domain', namespace) ??
    relationTargets(entity, 'partOf', 'domain')[0]
  );
}

function providedApis(entity: Entity): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const fromSpec = Array.isArray(entity.spec?.providesApis)
    ? (entity.spec!.providesApis as unknown[]).map(api =>
        fullRef(api, 'api', namespace),
      )
    : [];
  const own =
    entity.kind.toLocaleLowerCase('en-US') === 'api' ? [refOf(entity)] : [];
  return [
    ...own,
    ...fromSpec.filter((r): r is string => Boolean(r)),
    ...relationTargets(entity, 'providesApi'),
  ];
}

function uniqueRefs(refs: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const ref of refs) {
    if (!byKey.has(refKey(ref))) {
      byKey.set(refKey(ref), ref);
    }
  }
  return [...byKey.values()];
}

async function byRefs(
  catalog: CatalogService,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, Entity>> {
  const found = new Map<string, Entity>();
  if (refs.length === 0) {
    return found;
  }
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: FIELDS },
    { credentials },
  );
  items.forEach((entity, index) => {
    if (entity) {
      found.set(refKey(refs[index]), entity);
    }
  });
  return found;
}

/** Resolves owners (with the system → domain fallback) and the blast radius. */
export async function resolveOwnership(
  catalog: CatalogService,
  entityRefs: string[],
  credentials: BackstageCredentials,
): Promise<OwnershipResult> {
  const entities = new Map<string, Entity | undefined>();
  const affected = new Map<string, EntityOwnership>();
  if (entityRefs.length === 0) {
    return { entities, affected, downstream: [] };
  }

  // 1. The affected entities.
  const found = await byRefs(catalog, entityRefs, credentials);
  for (const ref of entityRefs) {
    entities.set(ref, found.get(refKey(ref)));
  }
  const present = [...found.values()];
  const affectedKeys = new Set(present.map(e => refKey(refOf(e))));

  // 2. Their dependents, in one filtered query.
  const apiProviders = new Map<string, string>();
  for (const entity of present) {
    for (const api of providedApis(entity)) {
      apiProviders.set(refKey(api), refOf(entity));
    }
  }
  const dependents: Entity[] = [];
  if (present.length > 0) {
    const filter: Record<string, string[]>[] = [
      { 'relations.dependsOn': present.map(refOf) },
    ];
    if (apiProviders.size > 0) {
      filter.push({ 'relations.consumesApi': [...apiProviders.keys()] });
    }
    const { items } = await catalog.getEntities(
      { filter, fields: FIELDS, limit: DOWNSTREAM_LIMIT },
      { credentials },
    );
    for (const entity of items) {
      if (!affectedKeys.has(refKey(refOf(entity)))) {
        dependents.push(entity);
      }
    }
  }

  // 3 and 4. Owners inherited from systems, then domains.
  const everyone = [...present, ...dependents];
  const ownerless = everyone.filter(e => !ownOwner(e));
  const containers = new Map<string, Entity>();
  const firstHop = uniqueRefs(
    ownerless.flatMap(e => {
      const isSystem = e.kind.toLocaleLowerCase('en-US') === 'system';
      const ref = isSystem ? domainOf(e) : systemOf(e) ?? domainOf(e);
      return ref ? [ref] : [];
    }),
  );
  for (const [k, v] of await byRefs(catalog, firstHop, credentials)) {
    containers.set(k, v);
  }
  const secondHop = uniqueRefs(
    [...containers.values()]
      .filter(
        c => c.kind.toLocaleLowerCase('en-US') === 'system' && !ownOwner(c),
      )
      .flatMap(c => {
        const domain = domainOf(c);
        return domain && !containers.has(refKey(domain)) ? [domain] : [];
      }),
  );
  for (const [k, v] of await byRefs(catalog, secondHop, credentials)) {
    containers.set(k, v);
  }

  const ownershipOf = (entity: Entity): EntityOwnership => {
    const entityRef = refOf(entity);
    const own = ownOwner(entity);
    if (own) {
      return {
        entityRef,
        kind: entity.kind,
        ownerRef: own,
        ownerVia: 'entity',
      };
    }
    const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
    const systemRef = isSystem ? undefined : systemOf(entity);
    const system = systemRef ? containers.get(refKey(systemRef)) : undefined;
    const systemOwner = system && ownOwner(system);
    if (system && systemOwner) {
      return {
        entityRef,
        kind: entity.kind,
        ownerRef: systemOwner,
        ownerVia: 'system',
        inheritedFrom: refOf(system),
      };
    }
    const domainRef = system ? domainOf(system) : domainOf(entity);
    const domain = domainRef ? containers.get(refKey(domainRef)) : undefined;
    const domainOwner = domain && ownOwner(domain);
    if (domain && domainOwner) {
      return {
        entityRef,
        kind: entity.kind,
        ownerRef: domainOwner,
        ownerVia: 'domain',
        inheritedFrom: refOf(domain),
      };
    }
    return { entityRef, kind: entity.kind };
  };

  for (const ref of entityRefs) {
    const entity = found.get(refKey(ref));
    if (entity) {
      affected.set(ref, ownershipOf(entity));
    }
  }

  const downstream = dependents
    .map(entity => {
      const dependsOn = uniqueRefs([
        ...relationTargets(entity, 'dependsOn').filter(t =>
          affectedKeys.has(refKey(t)),
        ),
        ...relationTargets(entity, 'consumesApi').flatMap(api => {
          const provider = apiProviders.get(refKey(api));
          return provider ? [provider] : [];
        }),
      ]);
      return { ...ownershipOf(entity), dependsOn };
    })
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));

  return { entities, affected, downstream };
}
