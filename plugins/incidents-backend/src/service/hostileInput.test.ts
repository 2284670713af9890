import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { api, startIncidentsBackend } from '../__testUtils__/testBackend';

/**
 * Property-based: malformed, oversized, wrongly typed, NUL-bearing and injection-shaped
 * payloads on every write endpoint and both webhooks, against PostgreSQL (where NULs, long
 * refs and big numbers fail unless refused first). A refused request is a 4xx that names
 * the problem and leaves the database as it was; nothing is ever a 5xx.
 */

jest.setTimeout(120_000);

const AM_TOKEN = 'am-token-0123456789abcdef';
const EV_KEY = 'ev-key-checkout-0123456789';
const RUNS = 50;

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20 }).map(s => `${s}\u0000${s}`),
  fc.constantFrom(
    "'; DROP TABLE incidents; --",
    '" OR 1=1 --',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    'x'.repeat(300),
    `user:default/${'a'.repeat(300)}`,
    'component:default/checkout\u0000',
    '\u0000',
    '9'.repeat(40),
    '2026-13-45T99:99:99Z',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(2 ** 31, 2 ** 63, -1, 1e300, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
/** An object with some of `keys` (and maybe others), each hostile. */
const bodyOf = (keys: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(keys.map(k => [k, hostileValue])), {
      requiredKeys: [],
    }),
    fc.jsonValue({ maxDepth: 2 }),
  );

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'hostile input on %s',
  databaseId => {
    let server: Server;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({
          entities: [
            component('checkout', { owner: 'group:default/team-checkout' }),
          ],
        }),
        config: {
          incidents: {
            alerts: {
              maxBodySize: '64kb',
              alertmanager: {
                receivers: [{ name: 'firebreak', token: AM_TOKEN }],
              },
              events: {
                routingKeys: [
                  { key: EV_KEY, entityRef: 'component:default/checkout' },
                ],
              },
            },
          },
        },
      });
      const declared = await request(server)
        .post(api('/v1/incidents'))
        .send({
          title: 'Checkout down',
          severity: 'SEV3',
          affectedEntityRefs: ['component:default/checkout'],
        });
      if (declared.status !== 201) {
        throw new Error(`Could not declare INC-1: ${declared.text}`);
      }
    });

    const snapshot = async () => ({
      incidents: await knex('incidents')
        .orderBy('id')
        .select('id', 'version', 'title', 'phase', 'severity'),
      timeline: (await knex('incident_timeline').count({ n: '*' }).first())?.n,
      roles: await knex('incident_roles')
        .orderBy(['incident_id', 'role'])
        .select(),
      pages: (await knex('incident_pages').count({ n: '*' }).first())?.n,
      alerts: (await knex('alerts').count({ n: '*' }).first())?.n,
    });

    const endpoints: Array<{
      name: string;
      send(body: unknown): request.Test;
      keys: string[];
    }> = [
      {
        name: 'POST /v1/incidents',
        send: b => json(request(server).post(api('/v1/incidents')), b),
        keys: [
          'title',
          'severity',
          'affectedEntityRefs',
          'summary',
          'regions',
          'restricted',
        ],
      },
      {
        name: 'PATCH /v1/incidents/INC-1',
        send: b => json(request(server).patch(api('/v1/incidents/INC-1')), b),
        keys: ['version', 'title', 'severity', 'summary', 'costImpact'],
      },
      {
        name: 'POST /v1/incidents/INC-1/transitions',
        send: b =>
          json(request(server).post(api('/v1/incidents/INC-1/transitions')), b),
        keys: ['transition', 'version', 'note'],
      },
      {
        name: 'POST /v1/incidents/INC-1/timeline',
        send: b =>
          json(request(server).post(api('/v1/incidents/INC-1/timeline')), b),
        keys: ['kind', 'body', 'url'],
      },
      {
        name: 'PUT /v1/incidents/INC-1/roles',
        send: b =>
          json(request(server).put(api('/v1/incidents/INC-1/roles')), b),
        keys: ['role', 'userRef', 'version', 'note'],
      },
      {
        name: 'POST /v1/incidents/INC-1/pages',
        send: b =>
          json(request(server).post(api('/v1/incidents/INC-1/pages')), b),
        keys: ['reason', 'userRefs', 'groupRefs'],
      },
      {
        name: 'POST /v1/alerts/alertmanager',
        send: b =>
          json(
            request(server)
              .post(api('/v1/alerts/alertmanager'))
              .set('Authorization', `Bearer ${AM_TOKEN}`),
            b,
          ),
        keys: [
          'version',
          'groupKey',
          'status',
          'receiver',
          'alerts',
          'groupLabels',
        ],
      },
      {
        name: 'POST /v1/alerts/events',
        send: b =>
          json(
            request(server).post(api('/v1/alerts/events')),
            typeof b === 'object' && b && !Array.isArray(b)
              ? { routing_key: EV_KEY, ...b }
              : b,
          ),
        keys: ['event_action', 'dedup_key', 'payload', 'links'],
      },
    ];

    it('names the field of a ref over 255 characters and of a NUL in text', async () => {
      const before = await snapshot();
      const role = await endpoints[4].send({
        role: 'qa-strategist',
        userRef: `user:default/${'a'.repeat(300)}`,
      });
      expect(role.status).toBe(400);
      expect(role.body.error.message).toContain(
        'userRef: must be at most 255 characters',
      );
      const note = await endpoints[3].send({ kind: 'note', body: 'a\u0000b' });
      expect(note.status).toBe(400);
      expect(note.body.error.message).toContain(
        'body: must not contain NUL characters',
      );
      expect(await snapshot()).toEqual(before);
    });

    it.each(endpoints.map(e => [e.name, e] as const))(
      '%s: refuses with a 4xx naming the problem, never a 5xx, and changes nothing',
      async (_, endpoint) => {
        await fc.assert(
          fc.asyncProperty(bodyOf(endpoint.keys), async body => {
            const before = await snapshot();
            const res = await endpoint.send(body);
            const refused = res.status >= 400;
            const after = refused ? await snapshot() : before;
            expect({
              serverError: res.status >= 500,
              // A refusal says what is wrong, and writes nothing.
              explained:
                !refused || String(res.body.error?.message).length > 10,
              unchanged: after,
            }).toEqual({
              serverError: false,
              explained: true,
              unchanged: before,
            });
          }),
          { numRuns: RUNS },
        );
      },
    );
  },
);

function json(test: request.Test, body: unknown): request.Test {
  return test
    .set('Authorization', mockCredentials.user.header())
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
}
