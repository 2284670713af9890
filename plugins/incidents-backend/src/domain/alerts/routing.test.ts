import { Entity } from '@backstage/catalog-model';
import { buildRoutingIndex, routeAlert } from './routing';

function entity(
  kind: string,
  name: string,
  namespace = 'default',
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  };
}

const invalid: string[] = [];
const index = buildRoutingIndex(
  [
    entity('Component', 'checkout'),
    entity('Component', 'Payments-API', 'shop'),
    entity('Resource', 'orders-db'),
    entity('Component', 'twin', 'a'),
    entity('Component', 'twin', 'b'),
    entity('Component', 'search', 'default', {
      'firebreak.io/alert-selector': 'job="search-api"',
    }),
    entity('Component', 'search-indexer', 'default', {
      'firebreak.io/alert-selector': 'job="search-api", component="indexer"',
    }),
    entity('Component', 'billing', 'default', {
      'firebreak.io/routing-key': 'billing-events, invoices',
    }),
    entity('Component', 'broken', 'default', {
      'firebreak.io/alert-selector': 'job=~"("',
    }),
  ],
  ref => invalid.push(ref),
);

describe('routeAlert', () => {
  it('routes by backstage_entity, then by service name', () => {
    expect(
      routeAlert(
        {
          labels: {
            backstage_entity: 'resource:default/orders-db',
            service: 'checkout',
          },
        },
        index,
      ),
    ).toEqual({
      entityRef: 'resource:default/orders-db',
      routedBy: 'label:backstage_entity',
    });
    expect(routeAlert({ labels: { service: 'checkout' } }, index)).toEqual({
      entityRef: 'component:default/checkout',
      routedBy: 'label:service',
    });
    // A name found in one namespace only; entity refs are case-insensitive.
    expect(
      routeAlert({ labels: { service: 'payments-api' } }, index).entityRef,
    ).toBe('component:shop/payments-api');
    expect(
      routeAlert({ labels: { backstage_entity: 'shop/Payments-API' } }, index)
        .entityRef,
    ).toBe('component:shop/payments-api');
  });

  it('does not guess between entities of the same name', () => {
    const route = routeAlert({ labels: { service: 'twin' } }, index);
    expect(route.entityRef).toBeUndefined();
    expect(route.note).toContain("'twin' names 2 entities");
  });

  it('falls back to the most specific alert selector', () => {
    expect(routeAlert({ labels: { job: 'search-api' } }, index)).toEqual({
      entityRef: 'component:default/search',
      routedBy: 'selector',
    });
    const indexer = routeAlert(
      { labels: { job: 'search-api', component: 'indexer' } },
      index,
    );
    expect(indexer).toMatchObject({
      entityRef: 'component:default/search-indexer',
      routedBy: 'selector',
    });
    expect(indexer.note).toContain('also matched component:default/search');
    expect(invalid).toEqual(['component:default/broken']);
  });

  it('routes events by routing key: config entity first, then the annotation', () => {
    expect(
      routeAlert(
        {
          labels: { service: 'checkout' },
          routingKeyEntityRef: 'resource:default/orders-db',
        },
        index,
      ),
    ).toEqual({
      entityRef: 'resource:default/orders-db',
      routedBy: 'routing-key',
    });
    expect(
      routeAlert({ labels: {}, routingKeyName: 'invoices' }, index),
    ).toEqual({
      entityRef: 'component:default/billing',
      routedBy: 'routing-key',
    });
  });

  it('explains why an alert is unrouted', () => {
    expect(routeAlert({ labels: { service: 'ghost' } }, index).note).toBe(
      'label service="ghost" names no catalog entity',
    );
    expect(routeAlert({ labels: {} }, index)).toEqual({
      note: 'no routing label (backstage_entity, service) and no firebreak.io/alert-selector matched',
    });
    expect(
      routeAlert({ labels: { app: 'checkout' } }, index, ['app']).entityRef,
    ).toBe('component:default/checkout');
  });
});
