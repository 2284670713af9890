/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Server } from 'node:http';
import request from 'supertest';
import {
  api,
  denying,
  expectError,
  startIncidentsBackend,
} from '../__testUtils__/testBackend';
import { component, domain, system } from '../__testUtils__/entities';

jest.setTimeout(180_000);

const withParts = (entity: Entity, parts: string[]): Entity => ({
  ...entity,
  relations: [
    ...(entity.relations ?? []),
    ...parts.map(targetRef => ({ type: 'hasPart', targetRef })),
  ],
});

const team = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(c => ({ type: 'parentOf', targetRef: c })),
});

// commerce (domain) > shop (system) > checkout, cart; commerce > billing (system) > invoices.
// Teams: engineering > commerce > payments (owns checkout), and search (outside).
const entities: Entity[] = [
  team('engineering', ['group:default/commerce']),
  team('commerce', ['group:default/payments']),
  team('payments'),
  team('search'),
  withParts(domain('commerce', 'group:default/commerce'), [
    'system:default/shop',
    'system:default/billing',
  ]),
  withParts(
    system('shop', { owner: 'group:default/commerce', domain: 'commerce' }),
    ['component:default/checkout', 'component:default/cart'],
  ),
  withParts(
    system('billing', { owner: 'group:default/commerce', domain: 'commerce' }),
    ['component:default/invoices'],
  ),
  component('checkout', {
    owner: 'group:default/payments',
    system: 'system:default/shop',
  }),
  component('cart', {
    owner: 'group:default/commerce',
    system: 'system:default/shop',
  }),
  component('invoices', {
    owner: 'group:default/commerce',
    system: 'system:default/billing',
  }),
  component('finder', { owner: 'group:default/search' }),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'incident roll-ups on %s',
  databaseId => {
    let server: Server;
    const refs: Record<string, string> = {};

    beforeAll(async () => {
      server = await startIncidentsBackend({
        knex: await databases.init(databaseId),
        catalog: catalogServiceMock({ entities }),
        config: {},
        features: [
          mockServices.auditor.mock().factory,
          mockServices.permissions.mock(denying()).factory,
        ],
      });
      for (const name of ['checkout', 'cart', 'invoices', 'finder']) {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .send({
            title: `${name} down`,
            severity: 'SEV3',
            affectedEntityRefs: [`component:default/${name}`],
          });
        if (res.status !== 201) throw new Error(JSON.stringify(res.body));
        refs[name] = res.body.ref;
      }
      const res = await request(server)
        .post(api('/v1/incidents'))
        .send({
          title: 'shop down',
          severity: 'SEV3',
          affectedEntityRefs: ['system:default/shop'],
        });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      refs.shop = res.body.ref;
    });

    /** Every page of a list, `limit` at a time: ref -> via. */
    const listAll = async (query: string, limit = 2) => {
      const rows: Record<string, string[] | undefined> = {};
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const res = await request(server)
          .get(api('/v1/incidents'))
          .query(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        for (const item of res.body.items) {
          expect(rows).not.toHaveProperty(item.ref);
          rows[item.ref] = item.via;
        }
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      return rows;
    };

    it("lists a system's incidents with its parts', each saying through which", async () => {
      expect(await listAll('entityRef=system:default/shop')).toEqual({
        [refs.shop]: undefined,
        [refs.checkout]: ['component:default/checkout'],
        [refs.cart]: ['component:default/cart'],
      });
    });

    it("lists a domain's incidents with its systems' and their parts', page by page", async () => {
      expect(await listAll('entityRef=domain:default/commerce', 1)).toEqual({
        [refs.shop]: ['system:default/shop'],
        [refs.checkout]: ['component:default/checkout'],
        [refs.cart]: ['component:default/cart'],
        [refs.invoices]: ['component:default/invoices'],
      });
    });

    it('lists a component without parts as before', async () => {
      expect(await listAll('entityRef=component:default/checkout')).toEqual({
        [refs.checkout]: undefined,
      });
    });

    it("lists a team's incidents with its sub-teams', two levels down", async () => {
      expect(await listAll('ownerRef=group:default/engineering')).toEqual({
        [refs.shop]: ['group:default/commerce'],
        [refs.checkout]: ['group:default/payments'],
        [refs.cart]: ['group:default/commerce'],
        [refs.invoices]: ['group:default/commerce'],
      });
      expect(await listAll('ownerRef=payments&status=open')).toEqual({
        [refs.checkout]: undefined,
      });
      expect(await listAll('ownerRef=group:default/search')).toEqual({
        [refs.finder]: undefined,
      });
    });

    it('combines a team with an entity (both must hold)', async () => {
      expect(
        await listAll(
          'ownerRef=group:default/payments&entityRef=system:default/shop',
        ),
      ).toEqual({ [refs.checkout]: ['component:default/checkout'] });
    });

    it('names a bad ownerRef', async () => {
      expectError(
        await request(server)
          .get(api('/v1/incidents'))
          .query('ownerRef=component:default/checkout'),
        400,
        'InputError',
        'ownerRef',
      );
    });
  },
);
