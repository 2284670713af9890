import { Entity } from '@backstage/catalog-model';

/**
 * A small catalog for the communication tests: the Payments system is a status page
 * component (its checkout service is part of it); the internal admin tool is not.
 */
export const STATUS_ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'firebreak.io/status-page-component': 'Payments' },
    },
    spec: { owner: 'group:default/payments' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/payments' },
      { type: 'hasPart', targetRef: 'component:default/checkout' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'payments',
    },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/payments' },
      { type: 'partOf', targetRef: 'system:default/payments' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'search',
      namespace: 'default',
      annotations: { 'firebreak.io/status-page-component': 'Search' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/search',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/search' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'admin-tool', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
  },
];
