import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';

/**
 * Catalog entities for tests. The in-memory catalog does not stitch relations, so builders
 * write the relations the real catalog would derive from the spec.
 */

type Relation = { type: string; targetRef: string };

function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  relations: Relation[] = [],
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec,
    relations,
  };
}

export function component(
  name: string,
  options: {
    owner?: string;
    system?: string;
    dependsOn?: string[];
    providesApis?: string[];
    consumesApis?: string[];
  } = {},
): Entity {
  const relations: Relation[] = [
    ...(options.owner ? [{ type: 'ownedBy', targetRef: options.owner }] : []),
    ...(options.system ? [{ type: 'partOf', targetRef: options.system }] : []),
    ...(options.dependsOn ?? []).map(targetRef => ({
      type: 'dependsOn',
      targetRef,
    })),
    ...(options.providesApis ?? []).map(targetRef => ({
      type: 'providesApi',
      targetRef,
    })),
    ...(options.consumesApis ?? []).map(targetRef => ({
      type: 'consumesApi',
      targetRef,
    })),
  ];
  return entity(
    'Component',
    name,
    {
      type: 'service',
      lifecycle: 'production',
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.system ? { system: options.system } : {}),
    },
    relations,
  );
}

export function api(name: string, owner?: string): Entity {
  return entity(
    'API',
    name,
    {
      type: 'openapi',
      lifecycle: 'production',
      definition: '{}',
      ...(owner ? { owner } : {}),
    },
    owner ? [{ type: 'ownedBy', targetRef: owner }] : [],
  );
}

export function system(
  name: string,
  options: { owner?: string; domain?: string } = {},
): Entity {
  return entity(
    'System',
    name,
    {
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
    },
    [
      ...(options.owner ? [{ type: 'ownedBy', targetRef: options.owner }] : []),
      ...(options.domain
        ? [{ type: 'partOf', targetRef: options.domain }]
        : []),
    ],
  );
}

export function domain(name: string, owner?: string): Entity {
  return entity(
    'Domain',
    name,
    owner ? { owner } : {},
    owner ? [{ type: 'ownedBy', targetRef: owner }] : [],
  );
}

export function group(
  name: string,
  annotations: { schedule?: string; lead?: string } = {},
): Entity {
  return entity('Group', name, { type: 'team', children: [] }, [], {
    ...(annotations.schedule
      ? { 'firebreak.io/oncall-schedule': annotations.schedule }
      : {}),
    ...(annotations.lead ? { 'firebreak.io/lead': annotations.lead } : {}),
  });
}

export function user(name: string, memberOf: string[] = []): Entity {
  return entity(
    'User',
    name,
    { memberOf },
    memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
  );
}
