import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { api, component, domain, system } from '../__testUtils__/entities';
import { resolveOwnership } from './ownership';

const credentials = mockCredentials.user();

function catalogWith(entities: Parameters<typeof catalogServiceMock>[0]) {
  const catalog = catalogServiceMock(entities);
  const calls = {
    byRefs: jest.spyOn(catalog, 'getEntitiesByRefs'),
    query: jest.spyOn(catalog, 'getEntities'),
    queryEntities: jest.spyOn(catalog, 'queryEntities'),
    byRef: jest.spyOn(catalog, 'getEntityByRef'),
  };
  const total = () =>
    calls.byRefs.mock.calls.length +
    calls.query.mock.calls.length +
    calls.queryEntities.mock.calls.length +
    calls.byRef.mock.calls.length;
  return { catalog, calls, total };
}

describe('resolveOwnership', () => {
  describe('owners', () => {
    const entities = [
      component('checkout', {
        owner: 'group:default/payments',
        system: 'system:default/shop',
      }),
      component('cart', { system: 'system:default/shop' }),
      component('ledger', { system: 'system:default/finance' }),
      component('orphan', { system: 'system:default/lonely' }),
      component('loose'),
      system('shop', {
        owner: 'group:default/shop-team',
        domain: 'domain:default/commerce',
      }),
      system('finance', { domain: 'domain:default/money' }),
      system('lonely', { domain: 'domain:default/nobody' }),
      system('platform', { domain: 'domain:default/money' }),
      domain('commerce', 'group:default/commerce-leads'),
      domain('money', 'group:default/cfo-office'),
      domain('nobody'),
    ];

    it('uses the entity’s own owner first', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/checkout'],
        credentials,
      );
      expect(result.affected.get('component:default/checkout')).toEqual({
        entityRef: 'component:default/checkout',
        kind: 'Component',
        ownerRef: 'group:default/payments',
        ownerVia: 'entity',
      });
    });

    it('falls back to the system’s owner', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/cart'],
        credentials,
      );
      expect(result.affected.get('component:default/cart')).toEqual({
        entityRef: 'component:default/cart',
        kind: 'Component',
        ownerRef: 'group:default/shop-team',
        ownerVia: 'system',
        inheritedFrom: 'system:default/shop',
      });
    });

    it('falls back to the domain’s owner when the system has none', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/ledger'],
        credentials,
      );
      expect(result.affected.get('component:default/ledger')).toEqual({
        entityRef: 'component:default/ledger',
        kind: 'Component',
        ownerRef: 'group:default/cfo-office',
        ownerVia: 'domain',
        inheritedFrom: 'domain:default/money',
      });
    });

    it('uses the domain of an ownerless system named as affected', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['system:default/platform'],
        credentials,
      );
      expect(result.affected.get('system:default/platform')).toMatchObject({
        ownerRef: 'group:default/cfo-office',
        ownerVia: 'domain',
      });
    });

    it('leaves the owner empty when nothing up the chain has one', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/orphan', 'component:default/loose'],
        credentials,
      );
      expect(result.affected.get('component:default/orphan')).toEqual({
        entityRef: 'component:default/orphan',
        kind: 'Component',
      });
      expect(result.affected.get('component:default/loose')).toEqual({
        entityRef: 'component:default/loose',
        kind: 'Component',
      });
    });

    it('maps unknown refs to undefined', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/nope', 'component:default/checkout'],
        credentials,
      );
      expect(result.entities.get('component:default/nope')).toBeUndefined();
      expect(result.entities.get('component:default/checkout')).toBeDefined();
      expect(result.affected.has('component:default/nope')).toBe(false);
    });
  });

  describe('blast radius', () => {
    const entities = [
      component('payments', {
        owner: 'group:default/payments',
        providesApis: ['api:default/payments-api'],
      }),
      api('payments-api', 'group:default/payments'),
      component('checkout', {
        owner: 'group:default/checkout-team',
        dependsOn: ['component:default/payments'],
      }),
      component('invoices', {
        system: 'system:default/billing',
        consumesApis: ['api:default/payments-api'],
      }),
      component('search', {
        owner: 'group:default/search',
        dependsOn: ['component:default/catalog'],
      }),
      system('billing', { owner: 'group:default/billing' }),
    ];

    it('lists dependents and API consumers with their owners', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/payments'],
        credentials,
      );
      expect(result.downstream).toEqual([
        {
          entityRef: 'component:default/checkout',
          kind: 'Component',
          ownerRef: 'group:default/checkout-team',
          ownerVia: 'entity',
          dependsOn: ['component:default/payments'],
        },
        {
          entityRef: 'component:default/invoices',
          kind: 'Component',
          ownerRef: 'group:default/billing',
          ownerVia: 'system',
          inheritedFrom: 'system:default/billing',
          dependsOn: ['component:default/payments'],
        },
      ]);
    });

    it('does not list an affected entity as downstream of another', async () => {
      const { catalog } = catalogWith({ entities });
      const result = await resolveOwnership(
        catalog,
        ['component:default/payments', 'component:default/checkout'],
        credentials,
      );
      expect(result.downstream.map(d => d.entityRef)).toEqual([
        'component:default/invoices',
      ]);
    });
  });

  describe('batched catalog calls', () => {
    const N = 30;
    const many = Array.from({ length: N }, (_, i) => [
      // Every second service has no owner of its own: its system's domain owns it.
      component(
        `svc-${i}`,
        i % 2
          ? { system: `system:default/sys-${i}` }
          : { owner: `group:default/team-${i}` },
      ),
      system(`sys-${i}`, { domain: `domain:default/dom-${i}` }),
      domain(`dom-${i}`, `group:default/dom-owner-${i}`),
      component(`client-${i}`, {
        system: `system:default/sys-${i}`,
        dependsOn: [`component:default/svc-${i}`],
      }),
    ]).flat();

    it('makes the same, constant number of calls for 1 and for 30 entities', async () => {
      const one = catalogWith({ entities: many });
      const single = await resolveOwnership(
        one.catalog,
        ['component:default/svc-1'],
        credentials,
      );
      expect(single.affected.get('component:default/svc-1')?.ownerRef).toBe(
        'group:default/dom-owner-1',
      );

      const all = catalogWith({ entities: many });
      const refs = Array.from(
        { length: N },
        (_, i) => `component:default/svc-${i}`,
      );
      const result = await resolveOwnership(all.catalog, refs, credentials);

      // affected by refs, dependents by one query, systems by refs, domains by refs
      expect(all.total()).toBe(4);
      expect(all.calls.byRefs).toHaveBeenCalledTimes(3);
      expect(all.calls.query).toHaveBeenCalledTimes(1);
      expect(one.total()).toBe(all.total());

      expect(result.affected.get('component:default/svc-7')?.ownerRef).toBe(
        'group:default/dom-owner-7',
      );
      expect(result.affected.get('component:default/svc-8')?.ownerRef).toBe(
        'group:default/team-8',
      );
      expect(result.downstream).toHaveLength(N);
      expect(
        result.downstream.find(
          d => d.entityRef === 'component:default/client-3',
        ),
      ).toMatchObject({
        ownerRef: 'group:default/dom-owner-3',
        ownerVia: 'domain',
      });
    });

    it('skips the fallback calls when every entity has an owner', async () => {
      const { catalog, total, calls } = catalogWith({
        entities: [component('a', { owner: 'group:default/x' })],
      });
      await resolveOwnership(catalog, ['component:default/a'], credentials);
      expect(total()).toBe(2);
      expect(calls.query).toHaveBeenCalledWith(
        expect.objectContaining({
          filter: [{ 'relations.dependsOn': ['component:default/a'] }],
        }),
        { credentials },
      );
    });
  });
});
