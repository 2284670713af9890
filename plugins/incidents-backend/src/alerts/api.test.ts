/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import {
  api,
  expectError,
  startIncidentsBackend,
} from '../__testUtils__/testBackend';
import { Authorize, denying } from '../__testUtils__/testBackend';
import {
  defaultIncidentsPolicy,
  permissionsWithPolicy,
} from '../__testUtils__/permissionPolicy';

jest.setTimeout(120_000);

const AM_TOKEN = 'am-token-0123456789abcdef';
const KEY_PAYMENTS = 'ev-key-payments-0123456789';
const KEY_CHECKOUT = 'ev-key-checkout-0123456789';

function component(
  name: string,
  owner: string,
  annotations?: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(annotations ? { annotations } : {}),
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities: Entity[] = [
  component('checkout', 'group:default/team-checkout'),
  component('payments-api', 'group:default/team-payments', {
    'firebreak.io/routing-key': 'payments-events',
  }),
  component('search', 'group:default/team-search', {
    'firebreak.io/alert-selector': 'job="search-api"',
  }),
];

const config: JsonObject = {
  incidents: {
    alerts: {
      maxBodySize: '64kb',
      alertmanager: { receivers: [{ name: 'firebreak', token: AM_TOKEN }] },
      events: {
        routingKeys: [
          { key: KEY_PAYMENTS, name: 'payments-events' },
          { key: KEY_CHECKOUT, entityRef: 'component:default/checkout' },
        ],
      },
    },
  },
};

const T0 = '2026-11-27T10:00:00.000Z';
const T1 = '2026-11-27T10:05:00.000Z';

interface AmAlertOptions {
  status?: 'firing' | 'resolved';
  startsAt?: string;
  endsAt?: string;
  fingerprint?: string;
  annotations?: Record<string, string>;
}

function amAlert(labels: Record<string, string>, options: AmAlertOptions = {}) {
  const status = options.status ?? 'firing';
  return {
    status,
    labels,
    annotations: options.annotations ?? {
      summary: `${labels.service}: ${labels.alertname}`,
      description: 'Something is wrong',
      runbook_url: 'https://runbooks.example.com/x',
    },
    startsAt: options.startsAt ?? T0,
    endsAt:
      status === 'resolved' ? options.endsAt ?? T1 : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example.com/graph?g0.expr=up',
    fingerprint:
      options.fingerprint ??
      createHash('sha256')
        .update(JSON.stringify(Object.entries(labels).sort()))
        .digest('hex')
        .slice(0, 16),
  };
}

function amPayload(alerts: ReturnType<typeof amAlert>[], groupKey: string) {
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: alerts.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'firebreak',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com',
    alerts,
  };
}

const errorRate = (service: string, extra: Record<string, string> = {}) => ({
  alertname: 'FirebreakErrorRateCritical',
  severity: 'sev1',
  firebreak_trigger: 'error_rate_critical',
  service,
  ...extra,
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('alerts API on %s', databaseId => {
  let server: Server;
  let knex: Knex;
  let catalog: ReturnType<typeof catalogServiceMock>;

  async function start(
    options: {
      config?: JsonObject;
      defaultPolicy?: boolean;
      authorize?: Authorize;
    } = {},
  ) {
    catalog = catalogServiceMock({ entities });
    knex = await databases.init(databaseId);
    server = await startIncidentsBackend({
      knex,
      catalog,
      config: options.config ?? config,
      features: options.defaultPolicy
        ? [
            permissionsWithPolicy(
              defaultIncidentsPolicy({
                responderGroups: ['group:default/privacy'],
                readAllGroups: [],
              }),
              knex,
            ),
          ]
        : [
            mockServices.permissions.mock(options.authorize ?? denying())
              .factory,
          ],
    });
  }

  const postAm = (body: unknown, token = AM_TOKEN) =>
    request(server)
      .post(api('/v1/alerts/alertmanager'))
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  const postEvent = (body: object) =>
    request(server)
      .post(api('/v1/alerts/events'))
      .set('Authorization', mockCredentials.none.header())
      .send(body);

  const incidentsOf = async (entityRef: string) =>
    (
      await request(server)
        .get(api('/v1/incidents'))
        .query({ entityRef, limit: 100 })
    ).body.items as any[];

  const timeline = async (ref: string) =>
    (
      await request(server)
        .get(api(`/v1/incidents/${ref}/timeline`))
        .query({ limit: 100 })
    ).body.items as any[];

  const incidentAlerts = async (ref: string) =>
    (await request(server).get(api(`/v1/incidents/${ref}/alerts`))).body;

  describe('authentication and validation', () => {
    beforeAll(() => start());

    it('refuses missing or wrong bearer tokens with 401', async () => {
      const body = amPayload([amAlert(errorRate('checkout'))], 'g-auth');
      expectError(
        await request(server)
          .post(api('/v1/alerts/alertmanager'))
          .set('Authorization', mockCredentials.none.header())
          .send(body),
        401,
        'AuthenticationError',
      );
      expectError(
        await postAm(body, 'wrong-token-0123456789'),
        401,
        'AuthenticationError',
      );
      // A Backstage user token is not an Alertmanager receiver token either.
      expectError(
        await request(server)
          .post(api('/v1/alerts/alertmanager'))
          .set('Authorization', mockCredentials.user.header())
          .send(body),
        401,
        'AuthenticationError',
      );
      expect(await incidentsOf('component:default/checkout')).toHaveLength(0);
    });

    it('refuses missing or wrong routing keys with 401', async () => {
      const event = {
        event_action: 'trigger',
        payload: { summary: 'x', source: 'y', severity: 'critical' },
      };
      expectError(
        await postEvent(event),
        401,
        'AuthenticationError',
        'routing_key',
      );
      expectError(
        await postEvent({ ...event, routing_key: 'nope-nope-nope-nope' }),
        401,
        'AuthenticationError',
      );
    });

    it('names the problem of a malformed payload with 400', async () => {
      expectError(
        await postAm({
          version: '4',
          status: 'firing',
          alerts: [{ status: 'burning' }],
        }),
        400,
        'InputError',
        'alerts[0].status',
      );
      expectError(
        await postAm({ status: 'firing' }),
        400,
        'InputError',
        'alerts: Required',
      );
      expectError(
        await postAm(
          amPayload(
            [amAlert(errorRate('checkout'), { startsAt: 'yesterday' })],
            'g',
          ),
        ),
        400,
        'InputError',
        'alerts[0].startsAt',
      );
      const malformed = await request(server)
        .post(api('/v1/alerts/alertmanager'))
        .set('Authorization', `Bearer ${AM_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"alerts": [');
      expectError(malformed, 400, 'InputError', 'malformed JSON');
      expectError(
        await postEvent({ routing_key: KEY_CHECKOUT, event_action: 'trigger' }),
        400,
        'InputError',
        'payload: is required',
      );
      expectError(
        await postEvent({ routing_key: KEY_CHECKOUT, event_action: 'resolve' }),
        400,
        'InputError',
        'dedup_key',
      );
      expectError(
        await postEvent({
          routing_key: KEY_CHECKOUT,
          event_action: 'trigger',
          payload: { summary: 'x', source: 'y', severity: 'fatal' },
        }),
        400,
        'InputError',
        'payload.severity',
      );
    });

    it('reads no more than 512 KB of an Events v2 body before checking its routing key', async () => {
      await start({
        config: {
          ...config,
          incidents: {
            ...(config.incidents as JsonObject),
            alerts: {
              ...((config.incidents as JsonObject).alerts as JsonObject),
              maxBodySize: '5mb',
            },
          },
        },
      });
      const res = await postEvent({
        routing_key: 'not-a-key-of-ours-at-all',
        event_action: 'trigger',
        payload: {
          summary: 'x'.repeat(600 * 1024),
          source: 's',
          severity: 'critical',
        },
      });
      expectError(res, 413, 'PayloadTooLargeError', 'Events v2 limit (512kb)');
      await start();
    });

    it('refuses bodies over incidents.alerts.maxBodySize with 413', async () => {
      const big = amPayload(
        Array.from({ length: 300 }, (_, i) =>
          amAlert(errorRate('checkout', { instance: `pod-${i}` }), {
            annotations: { description: 'x'.repeat(300) },
          }),
        ),
        'g-big',
      );
      const res = await postAm(big);
      expectError(res, 413, 'PayloadTooLargeError', '64kb');
      expect(await incidentsOf('component:default/checkout')).toHaveLength(0);
    });
  });

  describe('declaration and dedup', () => {
    beforeEach(() => start());

    it('declares a SEV1 on the service, and a repeat changes nothing', async () => {
      const body = amPayload(
        [amAlert(errorRate('checkout', { instance: 'a' }))],
        '{}:{alertname="FirebreakErrorRateCritical", service="checkout"}',
      );
      const first = await postAm(body);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        created: 1,
        declared: ['INC-1'],
        unrouted: 0,
      });

      const [incident] = await incidentsOf('component:default/checkout');
      expect(incident).toMatchObject({
        ref: 'INC-1',
        severity: 'SEV1',
        source: 'alert',
        restricted: false,
        createdBy: 'alertmanager:default/firebreak',
        title: 'checkout: FirebreakErrorRateCritical',
      });
      const entriesBefore = await timeline('INC-1');
      expect(entriesBefore.map(e => e.kind)).toContain('alert');

      const again = await postAm(body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        created: 0,
        changed: 0,
        unchanged: 1,
        declared: [],
        updated: [],
      });
      expect(await incidentsOf('component:default/checkout')).toHaveLength(1);
      expect(await timeline('INC-1')).toHaveLength(entriesBefore.length);

      const alerts = await incidentAlerts('INC-1');
      expect(alerts.summary).toMatchObject({
        total: 1,
        firing: 1,
        cleared: false,
      });
      expect(alerts.items[0]).toMatchObject({
        status: 'firing',
        entityRef: 'component:default/checkout',
        routedBy: 'label:service',
        severity: 'SEV1',
        ruleIds: ['error_rate_critical', 'severity-label-sev1'],
        incidentRef: 'INC-1',
        generatorUrl: 'http://prometheus.example.com/graph?g0.expr=up',
      });
    });

    it('appends new alerts of the group and raises severity within a rule group', async () => {
      const major = {
        alertname: 'FirebreakErrorRateMajor',
        severity: 'sev2',
        firebreak_trigger: 'error_rate_major',
        service: 'checkout',
      };
      const r1 = await postAm(amPayload([amAlert(major)], 'g-major'));
      expect(r1.body.declared).toEqual(['INC-1']);
      const r2 = await postAm(
        amPayload(
          [amAlert(major), amAlert({ ...major, instance: 'b' })],
          'g-major',
        ),
      );
      expect(r2.body).toMatchObject({
        created: 1,
        unchanged: 1,
        declared: [],
        updated: ['INC-1'],
      });

      // The rate crosses 10%: the SEV1 rule (another Alertmanager group) raises INC-1.
      const r3 = await postAm(
        amPayload(
          [amAlert(errorRate('checkout'), { startsAt: T1 })],
          'g-critical',
        ),
      );
      expect(r3.body).toMatchObject({ declared: [], updated: ['INC-1'] });
      const incidents = await incidentsOf('component:default/checkout');
      expect(incidents).toHaveLength(1);
      expect(incidents[0].severity).toBe('SEV1');
      const entries = await timeline('INC-1');
      const raise = entries.find(e => e.kind === 'update');
      expect(raise.body).toContain('SEV2 → SEV1');
      expect(raise.details.changes).toEqual([
        { field: 'severity', before: 'SEV2', after: 'SEV1' },
      ]);
      expect((await incidentAlerts('INC-1')).summary.total).toBe(3);
    });

    it('logs resolutions and shows when all alerts cleared, without closing', async () => {
      const a = amAlert(errorRate('checkout', { instance: 'a' }));
      const b = amAlert(errorRate('checkout', { instance: 'b' }));
      await postAm(amPayload([a, b], 'g1'));
      const partly = await postAm(
        amPayload([{ ...a, status: 'resolved', endsAt: T1 }, b], 'g1'),
      );
      expect(partly.body).toMatchObject({ changed: 1, updated: ['INC-1'] });
      expect((await incidentAlerts('INC-1')).summary).toMatchObject({
        firing: 1,
        resolved: 1,
        cleared: false,
      });
      const resolvedAll = amPayload(
        [
          { ...a, status: 'resolved', endsAt: T1 },
          { ...b, status: 'resolved', endsAt: T1 },
        ],
        'g1',
      );
      await postAm(resolvedAll);
      const summary = (await incidentAlerts('INC-1')).summary;
      expect(summary).toMatchObject({
        total: 2,
        resolved: 2,
        cleared: true,
        clearedAt: T1,
      });
      const cleared = (await timeline('INC-1')).filter(e => e.details.cleared);
      expect(cleared).toHaveLength(1);
      expect(cleared[0].body).toContain('verify recovery');
      const [incident] = await incidentsOf('component:default/checkout');
      expect(incident.phase).toBe('declared');

      // At-least-once delivery: the resolved notification again changes nothing.
      const before = (await timeline('INC-1')).length;
      const again = await postAm(resolvedAll);
      expect(again.body).toMatchObject({ unchanged: 2, updated: [] });
      expect(await timeline('INC-1')).toHaveLength(before);

      // A late retry of the old firing notification is stale, not a new firing.
      const stale = await postAm(amPayload([a, b], 'g1'));
      expect(stale.body).toMatchObject({
        unchanged: 2,
        updated: [],
        declared: [],
      });
      expect((await incidentAlerts('INC-1')).summary.cleared).toBe(true);

      // The same alert firing again later is a new occurrence on the same open incident.
      const refire = await postAm(
        amPayload(
          [
            amAlert(errorRate('checkout', { instance: 'a' }), {
              startsAt: '2026-11-27T11:00:00Z',
            }),
          ],
          'g1',
        ),
      );
      expect(refire.body).toMatchObject({
        changed: 1,
        updated: ['INC-1'],
        declared: [],
      });
      const alerts = await incidentAlerts('INC-1');
      expect(alerts.summary.cleared).toBe(false);
      expect(
        alerts.items.find((x: any) => x.labels.instance === 'a').occurrences,
      ).toBe(2);
    });

    it('declares exactly one incident under concurrent deliveries of one group', async () => {
      const deliveries = Array.from({ length: 8 }, (_, i) =>
        amPayload(
          [
            amAlert(errorRate('checkout', { instance: 'shared' })),
            amAlert(errorRate('checkout', { instance: `only-${i}` })),
          ],
          'g-race',
        ),
      );
      const results = await Promise.all(deliveries.map(d => postAm(d)));
      expect(results.map(r => r.status)).toEqual(deliveries.map(() => 200));
      expect(results.flatMap(r => r.body.declared)).toEqual(['INC-1']);
      expect(await incidentsOf('component:default/checkout')).toHaveLength(1);
      const alerts = await incidentAlerts('INC-1');
      expect(alerts.summary.total).toBe(9);
      expect(alerts.items.every((a: any) => a.incidentRef === 'INC-1')).toBe(
        true,
      );
    });

    it('declares restricted security incidents with data exposure flagged', async () => {
      await start({ defaultPolicy: true });
      const res = await postAm(
        amPayload(
          [
            amAlert({
              alertname: 'FirebreakSecurityUnauthorizedAccess',
              severity: 'sev1',
              firebreak_trigger: 'security_unauthorized_access',
              firebreak_restricted: 'true',
              service: 'payments-api',
            }),
          ],
          'g-sec',
        ),
      );
      expect(res.body.declared).toEqual(['INC-1']);
      // Restricted: the default policy hides it from the mock user, not among its responders.
      expect(await incidentsOf('component:default/payments-api')).toEqual([]);
      const [incident] = (
        await request(server)
          .get(api('/v1/incidents'))
          .set('Authorization', mockCredentials.service.header())
          .query({ entityRef: 'component:default/payments-api' })
      ).body.items;
      expect(incident).toMatchObject({
        severity: 'SEV1',
        restricted: true,
        dataExposure: true,
      });
    });

    it('opens a new incident when the group fires after its incident closed', async () => {
      await postAm(
        amPayload([amAlert(errorRate('checkout', { instance: 'a' }))], 'g1'),
      );
      await knex('incidents').update({ phase: 'closed' });
      const later = await postAm(
        amPayload(
          [amAlert(errorRate('checkout', { instance: 'c' }), { startsAt: T1 })],
          'g1',
        ),
      );
      expect(later.body.declared).toEqual(['INC-2']);
      // The alert still firing moves on to INC-2; INC-1 keeps it in its history.
      expect((await incidentAlerts('INC-2')).summary).toMatchObject({
        total: 2,
        firing: 2,
      });
      const old = await incidentAlerts('INC-1');
      expect(old.items).toHaveLength(1);
      expect(old.summary.total).toBe(0);
    });
  });

  describe('hostile senders', () => {
    const OTHER_TOKEN = 'other-receiver-token-0123456789';
    beforeEach(() =>
      start({
        config: {
          incidents: {
            alerts: {
              ...((config.incidents as JsonObject).alerts as JsonObject),
              alertmanager: {
                receivers: [
                  { name: 'firebreak', token: AM_TOKEN },
                  { name: 'other', token: OTHER_TOKEN },
                ],
              },
            },
          },
        },
      }),
    );

    it('keeps each receiver to its own alerts', async () => {
      const labels = {
        alertname: 'DiskFilling',
        severity: 'warning',
        service: 'checkout',
      };
      const fingerprint = 'feedfacefeedface';
      await postAm(
        amPayload([amAlert(labels, { fingerprint })], 'g-disk'),
      ).expect(200);
      const resolved = amAlert(labels, { fingerprint, status: 'resolved' });
      await postAm(amPayload([resolved], 'g-disk'), OTHER_TOKEN).expect(200);
      const rows = await knex('alerts')
        .orderBy('scope')
        .select('scope', 'status');
      expect(rows).toEqual([
        { scope: 'firebreak', status: 'firing' },
        { scope: 'other', status: 'resolved' },
      ]);
    });

    it('strips NUL characters, so one odd alert does not fail its batch', async () => {
      const res = await postAm(
        amPayload(
          [
            amAlert(
              {
                alertname: 'Odd\u0000Name',
                severity: 'warning',
                service: 'checkout',
              },
              { annotations: { summary: 'nul \u0000 inside' } },
            ),
            amAlert({
              alertname: 'Plain',
              severity: 'warning',
              service: 'checkout',
            }),
          ],
          'g-nul',
        ),
      );
      expect(res.status).toBe(200);
      const rows = await knex('alerts')
        .orderBy('name')
        .select('name', 'summary');
      expect(rows).toEqual([
        { name: 'OddName', summary: 'nul  inside' },
        { name: 'Plain', summary: expect.any(String) },
      ]);
    });
  });

  describe('routing and the inbox', () => {
    beforeEach(() => start());

    it('routes by selector annotation and backstage_entity label', async () => {
      const res = await postAm(
        amPayload(
          [
            amAlert({ alertname: 'X', severity: 'sev2', job: 'search-api' }),
            amAlert({
              alertname: 'Y',
              severity: 'sev2',
              service: 'not-a-service',
              backstage_entity: 'component:default/payments-api',
            }),
          ],
          'g-r',
        ),
      );
      expect(res.body).toMatchObject({ unrouted: 0 });
      const search = await request(server)
        .get(api('/v1/alerts'))
        .query({ entityRef: 'component:default/search', status: 'active' });
      expect(search.body.items).toHaveLength(1);
      expect(search.body.items[0]).toMatchObject({
        routedBy: 'selector',
        severity: 'SEV2',
      });
      expect(await incidentsOf('component:default/search')).toHaveLength(1);
      const payments = await request(server)
        .get(api('/v1/alerts'))
        .query({ entityRef: 'component:default/payments-api' });
      expect(payments.body.items[0].routedBy).toBe('label:backstage_entity');
    });

    it('keeps unrouted alerts in the inbox, routes them by hand and declares', async () => {
      const res = await postAm(
        amPayload([amAlert(errorRate('mystery'))], 'g-unrouted'),
      );
      expect(res.body).toMatchObject({ unrouted: 1, declared: [] });
      const inbox = await request(server).get(api('/v1/alerts/unrouted'));
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toHaveLength(1);
      const alert = inbox.body.items[0];
      expect(alert.routeNote).toContain('service="mystery"');

      expectError(
        await request(server)
          .post(api(`/v1/alerts/${alert.id}/route`))
          .send({ entityRef: 'component:default/nope' }),
        400,
        'InputError',
        'not found in the catalog',
      );
      const routed = await request(server)
        .post(api(`/v1/alerts/${alert.id}/route`))
        .send({ entityRef: 'component:default/checkout' });
      expect(routed.status).toBe(200);
      expect(routed.body).toMatchObject({
        declared: true,
        incidentRef: 'INC-1',
      });
      expect(routed.body.alert).toMatchObject({
        routedBy: 'manual',
        entityRef: 'component:default/checkout',
      });
      const [incident] = await incidentsOf('component:default/checkout');
      expect(incident.createdBy).toBe(
        mockCredentials.user().principal.userEntityRef,
      );
      expect(
        (await request(server).get(api('/v1/alerts/unrouted'))).body.items,
      ).toHaveLength(0);

      // A repeat keeps the hand routing.
      const repeat = await postAm(
        amPayload([amAlert(errorRate('mystery'))], 'g-unrouted'),
      );
      expect(repeat.body).toMatchObject({
        unrouted: 0,
        unchanged: 1,
        declared: [],
      });
    });

    it('declares by hand from an alert no rule declares', async () => {
      await postAm(
        amPayload(
          [
            amAlert({
              alertname: 'DiskFilling',
              severity: 'warning',
              service: 'checkout',
            }),
          ],
          'g-w',
        ),
      );
      expect(await incidentsOf('component:default/checkout')).toHaveLength(0);
      const [alert] = (
        await request(server)
          .get(api('/v1/alerts'))
          .query({ entityRef: 'component:default/checkout', status: 'firing' })
      ).body.items;
      expect(alert.severity).toBeUndefined();
      const declared = await request(server)
        .post(api(`/v1/alerts/${alert.id}/declare`))
        .send({ severity: 'SEV3', title: 'Disk filling on checkout' });
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({
        declared: true,
        incidentRef: 'INC-1',
      });
      const [incident] = await incidentsOf('component:default/checkout');
      expect(incident).toMatchObject({
        severity: 'SEV3',
        title: 'Disk filling on checkout',
        source: 'manual',
      });
      expectError(
        await request(server)
          .post(api(`/v1/alerts/${alert.id}/declare`))
          .send({ severity: 'SEV3' }),
        409,
        'ConflictError',
        'INC-1',
      );
    });

    it('counts the alerts of a service on every page, by the page itself when it holds them all', async () => {
      await postAm(
        amPayload(
          ['a', 'b', 'c', 'd'].map((instance, i) =>
            amAlert(
              {
                alertname: 'DiskFilling',
                severity: 'warning',
                service: 'checkout',
                instance,
              },
              { startsAt: new Date(Date.parse(T0) + i * 1000).toISOString() },
            ),
          ),
          'g-disks',
        ),
      );
      const page = (query: Record<string, string | number>) =>
        request(server)
          .get(api('/v1/alerts'))
          .query({ entityRef: 'component:default/checkout', ...query });
      const first = (await page({ limit: 2 })).body;
      expect(first.items.map((a: any) => a.labels.instance)).toEqual([
        'd',
        'c',
      ]);
      expect(first.total).toEqual({ count: 4, capped: false });
      const second = (await page({ limit: 2, cursor: first.nextCursor })).body;
      expect(second.items.map((a: any) => a.labels.instance)).toEqual([
        'b',
        'a',
      ]);
      expect(second.total).toEqual({ count: 4, capped: false });
      expect(second.nextCursor).toBeUndefined();
      const whole = (await page({ limit: 4 })).body;
      expect(whole.items).toHaveLength(4);
      expect(whole.total).toEqual({ count: 4, capped: false });
      expect(whole.nextCursor).toBeUndefined();
      expect((await page({ limit: 4, status: 'resolved' })).body.total).toEqual(
        { count: 0, capped: false },
      );
    });

    it("caps the inbox's count at 1,000, on the first page and past it", async () => {
      // In payloads of 50 (the test config takes bodies up to 64 kB).
      const alerts = Array.from({ length: 1001 }, (_, i) =>
        amAlert(errorRate(`mystery-${i}`), {
          startsAt: new Date(Date.parse(T0) + i * 1000).toISOString(),
        }),
      );
      for (let from = 0; from < alerts.length; from += 50) {
        const part = alerts.slice(from, from + 50);
        expect((await postAm(amPayload(part, `g-many-${from}`))).status).toBe(
          200,
        );
      }
      const inbox = (query: Record<string, string | number>) =>
        request(server).get(api('/v1/alerts/unrouted')).query(query);
      const first = (await inbox({ status: 'active', limit: 2 })).body;
      expect(first.items.map((a: any) => a.labels.service)).toEqual([
        'mystery-1000',
        'mystery-999',
      ]);
      expect(first.total).toEqual({ count: 1000, capped: true });
      const second = (
        await inbox({ status: 'active', limit: 2, cursor: first.nextCursor })
      ).body;
      expect(second.items.map((a: any) => a.labels.service)).toEqual([
        'mystery-998',
        'mystery-997',
      ]);
      expect(second.total).toEqual({ count: 1000, capped: true });
      expect((await inbox({ status: 'resolved' })).body.total).toEqual({
        count: 0,
        capped: false,
      });
    });

    it('joins an open incident from the declare route only with incident.update on it', async () => {
      const diskFilling = (labels: Record<string, string>) =>
        amAlert({ alertname: 'DiskFilling', severity: 'warning', ...labels });
      /** INC-1 declared by hand for the group; a second alert of it left unrouted. */
      const openIncidentAndUnroutedAlert = async () => {
        await postAm(amPayload([diskFilling({ service: 'checkout' })], 'g-w'));
        const [first] = (
          await request(server)
            .get(api('/v1/alerts'))
            .query({ entityRef: 'component:default/checkout' })
        ).body.items;
        await request(server)
          .post(api(`/v1/alerts/${first.id}/declare`))
          .send({ severity: 'SEV3' })
          .expect(201);
        await postAm(amPayload([diskFilling({ instance: 'b' })], 'g-w'));
        const [unrouted] = (
          await request(server).get(api('/v1/alerts/unrouted'))
        ).body.items;
        return unrouted.id as string;
      };
      const declare = (id: string) =>
        request(server)
          .post(api(`/v1/alerts/${id}/declare`))
          .send({ severity: 'SEV2', entityRef: 'component:default/checkout' });
      const state = async (id: string) => ({
        alert: await knex('alerts').where({ id }).first(),
        incidents: await knex('incidents').select(),
        timeline: await knex('incident_timeline').count({ n: '*' }).first(),
      });

      await start({ authorize: denying('incident.update') });
      const refused = await openIncidentAndUnroutedAlert();
      const before = await state(refused);
      expectError(
        await declare(refused),
        403,
        'NotAllowedError',
        'incident.update',
      );
      expect(await state(refused)).toEqual(before);

      await start();
      const joined = await declare(await openIncidentAndUnroutedAlert());
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({
        declared: false,
        incidentRef: 'INC-1',
      });
    });

    it('requires credentials and permissions on the user routes', async () => {
      expectError(
        await request(server)
          .get(api('/v1/alerts'))
          .set('Authorization', mockCredentials.none.header()),
        401,
        'AuthenticationError',
      );
      expectError(
        await request(server).get(
          api('/v1/alerts/0e5c3f1e-0000-4000-8000-000000000000'),
        ),
        404,
        'NotFoundError',
      );
    });
  });

  describe('Events v2', () => {
    beforeEach(() => start());

    it('triggers, acknowledges and resolves by dedup key', async () => {
      const trigger = await postEvent({
        routing_key: KEY_CHECKOUT,
        event_action: 'trigger',
        dedup_key: 'db-down-1',
        payload: {
          summary: 'Checkout database unreachable',
          source: 'db-monitor',
          severity: 'critical',
          class: 'DatabaseDown',
          custom_details: { pool: 'primary', errors: 12 },
        },
        links: [
          { href: 'https://grafana.example.com/d/db', text: 'DB dashboard' },
        ],
      });
      expect(trigger.status).toBe(202);
      expect(trigger.body).toMatchObject({
        status: 'success',
        message: 'Event processed',
        dedup_key: 'db-down-1',
        declared: ['INC-1'],
      });
      const [incident] = await incidentsOf('component:default/checkout');
      expect(incident).toMatchObject({
        severity: 'SEV1',
        createdBy: expect.stringMatching(/^events:default\//),
      });

      const ack = await postEvent({
        routing_key: KEY_CHECKOUT,
        event_action: 'acknowledge',
        dedup_key: 'db-down-1',
      });
      expect(ack.status).toBe(202);
      expect((await incidentAlerts('INC-1')).summary).toMatchObject({
        acknowledged: 1,
        cleared: false,
      });
      // A trigger on an acknowledged alert is deduplicated and stays acknowledged.
      await postEvent({
        routing_key: KEY_CHECKOUT,
        event_action: 'trigger',
        dedup_key: 'db-down-1',
        payload: {
          summary: 'Checkout database unreachable',
          source: 'db-monitor',
          severity: 'critical',
        },
      });
      expect((await incidentAlerts('INC-1')).summary.acknowledged).toBe(1);

      const resolve = await postEvent({
        routing_key: KEY_CHECKOUT,
        event_action: 'resolve',
        dedup_key: 'db-down-1',
      });
      expect(resolve.status).toBe(202);
      expect((await incidentAlerts('INC-1')).summary).toMatchObject({
        resolved: 1,
        cleared: true,
      });

      // Unknown keys are accepted and ignored, as in Events v2.
      const unknown = await postEvent({
        routing_key: KEY_CHECKOUT,
        event_action: 'resolve',
        dedup_key: 'never-seen',
      });
      expect(unknown.status).toBe(202);
      expect(unknown.body).toMatchObject({ created: 0, unchanged: 1 });
    });

    it('routes by the routing-key annotation and only records warnings', async () => {
      const res = await postEvent({
        routing_key: KEY_PAYMENTS,
        event_action: 'trigger',
        payload: {
          summary: 'Queue growing',
          source: 'queue-monitor',
          severity: 'warning',
        },
      });
      expect(res.status).toBe(202);
      expect(res.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.declared).toEqual([]);
      const list = await request(server).get(api('/v1/alerts')).query({
        entityRef: 'component:default/payments-api',
        status: 'firing',
      });
      expect(list.body.items[0]).toMatchObject({
        routedBy: 'routing-key',
        name: 'queue-monitor',
      });
      expect(await incidentsOf('component:default/payments-api')).toHaveLength(
        0,
      );
    });
  });

  describe('availability', () => {
    it('answers 503 when the catalog cannot be reached for routing', async () => {
      await start();
      jest
        .spyOn(catalog, 'queryEntities')
        .mockRejectedValue(new Error('connect ECONNREFUSED 10.1.2.3:7007'));
      const res = await postAm(
        amPayload([amAlert(errorRate('checkout'))], 'g'),
      );
      expectError(res, 503, 'ServiceUnavailableError');
      expect(JSON.stringify(res.body)).not.toContain('10.1.2.3');
    });

    it('answers 503 when the database is unavailable', async () => {
      await start();
      await knex.destroy();
      const res = await postAm(
        amPayload([amAlert(errorRate('checkout'))], 'g'),
      );
      expectError(res, 503, 'ServiceUnavailableError');
      // Nothing of the driver's error (hosts, ports, users) in the body.
      expect(res.body.error.message).toBe(
        'The incidents database is unavailable; retry later.',
      );
      expect(JSON.stringify(res.body)).not.toMatch(
        /Unable to acquire|pool|ECONNREFUSED|127\.0\.0\.1|postgres/i,
      );
    });
  });
});
