/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import {
  INCIDENT_RESOURCE_TYPE,
  incidentReadPermission,
} from '@firebreak/plugin-incidents-common';
import express from 'express';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { permissionsWithPolicy } from '../__testUtils__/permissionPolicy';
import { api, startIncidentsBackend } from '../__testUtils__/testBackend';
import { ALERT_INGESTION_PATHS } from '../alerts/createAlerts';
import {
  createIncidentConditionalDecision,
  incidentConditions,
} from './permissions/conditions';
import { createRouter } from './router';
import { createAlertsRouter } from './routes/alerts';
import { createCommsRouter } from './routes/comms';

jest.setTimeout(120_000);

type Route = { method: string; path: string };

/** Every route of an express router, nested routers included. */
function routesOf(router: express.Router): Route[] {
  return (router.stack as any[]).flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(method => ({
        method,
        path: layer.route.path as string,
      }));
    }
    return layer.handle?.stack ? routesOf(layer.handle) : [];
  });
}

/** The plugin's route table, read from the routers themselves (a new route is in it). */
async function routeTable(): Promise<Route[]> {
  const stub = new Proxy({}, { get: () => stub }) as any;
  const main = await createRouter({
    store: stub,
    policy: stub,
    httpAuth: stub,
    permissions: stub,
    auditor: stub,
    catalog: stub,
    logger: stub,
    visibility: stub,
    declarer: stub,
    response: stub,
  });
  const alerts = createAlertsRouter({
    ingestor: stub,
    store: stub,
    incidents: stub,
    config: { maxBodySize: '1mb', eventsMaxBodySize: '1mb' } as any,
    httpAuth: stub,
    permissions: stub,
    auditor: stub,
    catalog: stub,
    logger: stub,
    visibility: stub,
  });
  const comms = createCommsRouter({
    httpAuth: stub,
    permissions: stub,
    auditor: stub,
    store: stub,
    visibility: stub,
    comms: stub,
    db: stub,
    clock: stub,
  });
  return [...routesOf(alerts), ...routesOf(comms), ...routesOf(main)];
}

const PUBLIC = ['/health', ...ALERT_INGESTION_PATHS];

/** The principals of the matrix, as policies. */
const policies: Record<
  string,
  (r: Parameters<PermissionPolicy['handle']>[0]) => PolicyDecision
> = {
  allowed: () => ({ result: AuthorizeResult.ALLOW }),
  denied: () => ({ result: AuthorizeResult.DENY }),
  // Incidents only when restricted (none is): every incident is hidden, every basic permission denied.
  conditional: ({ permission }) =>
    isResourcePermission(permission, INCIDENT_RESOURCE_TYPE)
      ? createIncidentConditionalDecision(
          permission,
          incidentConditions.isRestricted(),
        )
      : { result: AuthorizeResult.DENY },
  // Reads every incident and holds every basic permission, but changes only restricted ones.
  reader: ({ permission }) => {
    if (!isResourcePermission(permission, INCIDENT_RESOURCE_TYPE)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return isPermission(permission, incidentReadPermission)
      ? { result: AuthorizeResult.ALLOW }
      : createIncidentConditionalDecision(
          permission,
          incidentConditions.isRestricted(),
        );
  },
};

/** Writes decided by a basic permission alone (declaring, routing an alert). */
const BASIC_WRITES = ['post /v1/incidents'];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'route x principal matrix on %s',
  databaseId => {
    let server: Server;
    let knex: Knex;
    let current = policies.allowed;
    const ids = { incident: '', alert: '', page: '' };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({
          entities: [
            component('checkout', { owner: 'group:default/team-checkout' }),
          ],
        }),
        // The policy changes between requests of one caller here: no reuse of a decision.
        config: { incidents: { cache: { seconds: 0 } } },
        features: [
          permissionsWithPolicy({ handle: async r => current(r) }, knex),
        ],
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
      ids.incident = declared.body.id;
      await addPage();
      ids.alert = randomUUID();
    });

    /** A new open page of INC-1, for someone else (the allowed principal acknowledges it). */
    async function addPage() {
      ids.page = randomUUID();
      await knex('incident_pages').insert({
        id: ids.page,
        incident_id: ids.incident,
        target_user_ref: 'user:default/someone-else',
        target_group_ref: null,
        paged_by: 'user:default/mock',
        reason: 'matrix',
        sent_at: new Date(),
        ack_due_at: new Date(),
        escalation_level: 0,
      });
    }

    const pathOf = (path: string) =>
      path
        .replace(/^\/v1\/alerts\/:id/, `/v1/alerts/${ids.alert}`)
        .replace(':id', 'INC-1')
        .replace(':pageId', ids.page)
        .replace(':role', 'incident-commander')
        .replace(':itemId', 'triage-containment');

    const call = (route: Route) =>
      (request(server) as any)
        [route.method](api(pathOf(route.path)))
        .set('Authorization', mockCredentials.user.header())
        .send({});

    const snapshot = async () => ({
      incidents: await knex('incidents').select('id', 'version', 'phase'),
      timeline: await knex('incident_timeline').count({ n: '*' }).first(),
      roles: await knex('incident_roles').count({ n: '*' }).first(),
      pages: await knex('incident_pages').select('id', 'ack_at'),
      postmortems: await knex('incident_postmortems').count({ n: '*' }).first(),
      actionItems: await knex('incident_action_items')
        .count({ n: '*' })
        .first(),
    });

    it('covers a route table that the routers report', async () => {
      const routes = await routeTable();
      expect(routes.length).toBeGreaterThan(25);
      expect(routes).toContainEqual({ method: 'post', path: '/v1/incidents' });
    });

    it('reaches every route for an allowed principal (no 401/403/5xx)', async () => {
      current = policies.allowed;
      for (const route of await routeTable()) {
        if (PUBLIC.includes(route.path)) continue;
        const res = await call(route);
        const refused = [401, 403].includes(res.status) || res.status >= 500;
        expect({ ...route, refused }).toEqual({ ...route, refused: false });
      }
    });

    it.each(['denied', 'conditional'])(
      'refuses every route to a %s principal, shows nothing and writes nothing',
      async principal => {
        current = policies[principal];
        const before = await snapshot();
        const wrong: string[] = [];
        for (const route of await routeTable()) {
          if (PUBLIC.includes(route.path)) continue;
          const res = await call(route);
          const body = JSON.stringify(res.body);
          const what = `${route.method} ${route.path} -> ${res.status}`;
          if (res.status < 300) {
            // Only a read may answer, and with nothing of a hidden incident.
            if (route.method !== 'get') wrong.push(`${what}: a write answered`);
            if (body.includes(ids.incident) || body.includes('INC-1')) {
              wrong.push(`${what}: shows the incident`);
            }
          } else if (
            res.status >= 500 ||
            // A reader the policy lets see some incidents may be told a query is wrong.
            (!(principal === 'conditional' && route.method === 'get') &&
              ![403, 404].includes(res.status))
          ) {
            wrong.push(`${what}: ${body.slice(0, 200)}`);
          }
        }
        expect(wrong).toEqual([]);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('refuses every write on a visible incident with 403 to a reader who may not change it', async () => {
      current = policies.reader;
      await addPage();
      const before = await snapshot();
      const wrong: string[] = [];
      for (const route of await routeTable()) {
        const name = `${route.method} ${route.path}`;
        if (
          PUBLIC.includes(route.path) ||
          route.method === 'get' ||
          BASIC_WRITES.includes(name)
        ) {
          continue;
        }
        const res = await call(route);
        // A write naming INC-1 (in its path) is decided on INC-1; others may not find their target.
        const expected = route.path.startsWith('/v1/incidents/:id')
          ? [403]
          : [400, 403, 404];
        if (!expected.includes(res.status)) {
          wrong.push(`${name} -> ${res.status}: ${res.text.slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });
  },
);

// With the default cache, the plugin's own barrier (credentials/cachedCredentials.ts) stands
// in for Backstage's: every route but the public ones refuses a request without a valid
// token with 401, before and after the same route was reached with a valid one.
describe.each(databases.eachSupportedId())(
  'authentication of every route on %s',
  databaseId => {
    let server: Server;

    beforeAll(async () => {
      server = await startIncidentsBackend({
        knex: await databases.init(databaseId),
        catalog: catalogServiceMock({ entities: [] }),
        config: {},
        features: [],
      });
    });

    // (The test backend takes a request without the header as the mock user's.)
    const call = (route: Route, authorization: string) =>
      (request(server) as any)
        [route.method](api(route.path.replace(/:[a-zA-Z]+/g, 'x')))
        .set('Authorization', authorization)
        .send({})
        .then((res: request.Response) => res.status);

    it('answers 401 without a token or with an invalid one, on every route but the public ones', async () => {
      const wrong: string[] = [];
      for (const round of ['before', 'after']) {
        for (const route of await routeTable()) {
          const name = `${round}: ${route.method} ${route.path}`;
          if (PUBLIC.includes(route.path)) continue;
          const none = await call(route, mockCredentials.none.header());
          const invalid = await call(
            route,
            mockCredentials.user.invalidHeader(),
          );
          if (none !== 401 || invalid !== 401) {
            wrong.push(`${name} -> ${none} / ${invalid}`);
          }
          // The valid token, so that the next round runs with it kept.
          if ((await call(route, mockCredentials.user.header())) === 401) {
            wrong.push(`${name} -> 401 with a valid token`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it("leaves Backstage's own routes of the plugin to Backstage's barrier", async () => {
      const none = mockCredentials.none.header();
      expect(
        await call(
          {
            method: 'get',
            path: '/.well-known/backstage/permissions/metadata',
          },
          none,
        ),
      ).toBe(401);
      expect(
        await call(
          {
            method: 'get',
            path: '/.well-known/backstage/permissions/metadata',
          },
          mockCredentials.service.header(),
        ),
      ).toBe(200);
    });

    it('lets the public paths through without a token', async () => {
      for (const path of ['/health', '/v1/status', '/status']) {
        expect(
          await call({ method: 'get', path }, mockCredentials.none.header()),
        ).not.toBe(401);
      }
    });
  },
);
