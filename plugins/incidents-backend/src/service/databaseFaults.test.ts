import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import {
  api,
  denying,
  startIncidentsBackend,
} from '../__testUtils__/testBackend';
import { TcpProxy } from '../__testUtils__/tcpProxy';

jest.setTimeout(60_000);

/**
 * The plugin's PostgreSQL goes away (a TCP proxy in front of the tests' PostgreSQL is cut)
 * and comes back: requests in between answer 503 with Retry-After and nothing about where
 * the database is; health reports the database; the backend recovers without a restart.
 */

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
];

const declaration = {
  title: 'Checkout failing',
  severity: 'SEV3',
  affectedEntityRefs: ['component:default/checkout'],
};

/** Anything that tells where the database is, or what failed inside. */
const LEAKS =
  /ECONNREFUSED|ECONNRESET|127\.0\.0\.1|5432|errno|syscall|address|port|stack|knex|pg-/i;

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
let proxy: TcpProxy;
// After the hook of testBackend.ts, which drops the backend's database through the proxy.
afterAll(async () => {
  await proxy?.stop();
});

describe('an unreachable PostgreSQL', () => {
  let direct: Knex;
  let proxied: Knex;
  let server: Server;

  beforeAll(async () => {
    direct = await databases.init('POSTGRES_15');
    const connection = direct.client.config
      .connection as Knex.PgConnectionConfig;
    proxy = await TcpProxy.start(
      connection.host ?? '127.0.0.1',
      Number(connection.port ?? 5432),
    );
    proxied = knexFactory({
      client: 'pg',
      connection: { ...connection, host: '127.0.0.1', port: proxy.port },
      pool: { min: 0, max: 4 },
      acquireConnectionTimeout: 3_000,
    });
    server = await startIncidentsBackend({
      knex: proxied,
      catalog: catalogServiceMock({ entities }),
      config: {},
      features: [mockServices.permissions.mock(denying()).factory],
    });
  });

  afterAll(async () => {
    await proxied.destroy();
  });

  const check = (res: request.Response) => {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.stringify(res.body)).not.toMatch(LEAKS);
    expect(res.text).not.toMatch(LEAKS);
  };

  it('answers 503 with Retry-After, reports it in health, and recovers by itself', async () => {
    const declared = await request(server)
      .post(api('/v1/incidents'))
      .send(declaration);
    expect(declared.status).toBe(201);
    expect((await request(server).get(api('/health'))).body).toEqual({
      status: 'ok',
      database: 'ok',
    });

    await proxy.cut();

    const health = await request(server).get(api('/health'));
    check(health);
    expect(health.body).toEqual({
      status: 'unavailable',
      database: 'unreachable',
    });
    const answers = [
      await request(server).get(api('/v1/incidents')),
      await request(server).get(api(`/v1/incidents/${declared.body.ref}`)),
      await request(server).get(
        api(`/v1/incidents/${declared.body.ref}/timeline`),
      ),
      await request(server).post(api('/v1/incidents')).send(declaration),
      await request(server)
        .post(api(`/v1/incidents/${declared.body.ref}/timeline`))
        .send({ kind: 'note', body: 'During the outage' }),
    ];
    for (const res of answers) {
      check(res);
      expect(res.body.error).toEqual({
        name: 'ServiceUnavailableError',
        message: 'The incidents database is unavailable; retry later.',
      });
    }

    await proxy.restore();

    expect((await request(server).get(api('/health'))).status).toBe(200);
    const list = await request(server).get(api('/v1/incidents'));
    expect(list.status).toBe(200);
    // Nothing of the refused writes was half-written.
    expect(list.body.items.map((i: { ref: string }) => i.ref)).toEqual([
      declared.body.ref,
    ]);
    const timeline = await direct('incident_timeline').count({ n: '*' });
    expect(Number(timeline[0].n)).toBe(
      (
        await request(server).get(
          api(`/v1/incidents/${declared.body.ref}/timeline`),
        )
      ).body.items.length,
    );
    const again = await request(server)
      .post(api('/v1/incidents'))
      .send(declaration);
    expect(again.status).toBe(201);
  });
});
