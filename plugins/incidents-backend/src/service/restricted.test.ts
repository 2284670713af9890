/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectNotFound"] }] */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { incidentsPlugin } from '../plugin';
import {
  defaultIncidentsPolicy,
  permissionsWithPolicy,
} from '../__testUtils__/permissionPolicy';
import { readIncidentsPolicyGroups } from './visibility';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

jest.setTimeout(120_000);

const AM_TOKEN = 'am-token-0123456789abcdef';
const T0 = '2026-11-27T10:00:00.000Z';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const entities = [
  component('checkout', 'group:default/team-checkout'),
  component('payments-api', 'group:default/team-payments'),
];

/** Who is who: the user, then the groups they belong to. */
const people = {
  dana: ['user:default/dana'], // declares INC-1 and INC-3
  ivan: ['user:default/ivan'], // holds a role on INC-1
  pat: ['user:default/pat'], // paged for INC-1
  sam: ['user:default/sam', 'group:default/security'], // group paged for INC-1
  olga: ['user:default/olga', 'group:default/privacy'], // default viewer group
  sec: ['user:default/sec', 'group:default/secops'],
  zed: ['user:default/zed', 'group:default/team-payments'], // unrelated
  yan: ['user:default/yan', 'group:default/team-payments'], // unrelated too
  lea: ['user:default/lea', 'group:default/leadership'], // reads everything
};
type Person = keyof typeof people;

const as = (person: Person) => mockCredentials.user.header(people[person][0]);

const config = (restricted?: JsonObject): JsonObject => ({
  incidents: {
    alerts: {
      alertmanager: { receivers: [{ name: 'firebreak', token: AM_TOKEN }] },
    },
    ...(restricted ? { restricted } : {}),
  },
});

const securityAlert = {
  version: '4',
  groupKey: 'g-sec',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'firebreak',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.com',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'FirebreakSecurityDataExfiltration',
        severity: 'sev1',
        firebreak_trigger: 'security_data_exfiltration',
        firebreak_restricted: 'true',
        backstage_entity: 'component:default/payments-api',
      },
      annotations: { summary: 'Exfiltration from payments-api' },
      startsAt: T0,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example.com/graph',
      fingerprint: 'f00dfeedf00dfeed',
    },
  ],
};

/** A restricted security alert that names no entity (it stays in the unrouted inbox). */
const unroutedRestrictedAlert = (fingerprint: string) => ({
  ...securityAlert.alerts[0],
  labels: {
    alertname: 'FirebreakSecurityUnauthorizedAccess',
    severity: 'sev1',
    firebreak_trigger: 'security_unauthorized_access',
    firebreak_restricted: 'true',
  },
  fingerprint,
});

/** Permissions allowed to everyone on top of the default decisions (a laxer policy). */
let allowedToEveryone: string[] = [];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'restricted incidents on %s',
  databaseId => {
    let server: Server;
    let knex: Knex;
    /** INC-1: restricted, declared by dana; INC-2: restricted, from a security alert. */
    let inc1: { id: string; ref: string };
    let inc2: { id: string; ref: string };
    let signals: { publish: jest.Mock };

    const api = (path: string) => `/api/incidents${path}`;

    async function start(restricted?: JsonObject) {
      knex = await databases.init(databaseId);
      signals = { publish: jest.fn(async () => {}) };
      const base = defaultIncidentsPolicy(
        readIncidentsPolicyGroups(new ConfigReader(config(restricted))),
      );
      const backend = await startTestBackend({
        features: [
          incidentsPlugin,
          permissionsWithPolicy(
            {
              handle: async (query, user) =>
                allowedToEveryone.includes(query.permission.name)
                  ? { result: AuthorizeResult.ALLOW }
                  : base.handle(query, user),
            },
            knex,
          ),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => catalogServiceMock({ entities }),
          }),
          mockServices.userInfo.mock({
            async getUserInfo(credentials) {
              const ref = (credentials.principal as { userEntityRef: string })
                .userEntityRef;
              const person = Object.values(people).find(p => p[0] === ref);
              return {
                userEntityRef: ref,
                ownershipEntityRefs: person ?? [ref],
              };
            },
          }).factory,
          mockServices.rootConfig.factory({ data: config(restricted) }),
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => signals,
          }),
        ],
      });
      server = backend.server;

      const declare = async (title: string) => {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .set('Authorization', as('dana'))
          .send({
            title,
            severity: 'SEV2',
            affectedEntityRefs: ['component:default/checkout'],
          });
        expect(res.status).toBe(201);
        return res.body;
      };
      inc1 = await declare('Leaked credentials');
      await knex('incidents')
        .where({ id: inc1.id })
        .update({ restricted: true });
      const ingested = await request(server)
        .post(api('/v1/alerts/alertmanager'))
        .set('Authorization', `Bearer ${AM_TOKEN}`)
        .send(securityAlert);
      expect(ingested.body.declared).toEqual(['INC-2']);
      const [row] = await knex('incidents').where({ number: 2 }).select('id');
      inc2 = { id: row.id, ref: 'INC-2' };
      await declare('Checkout slow');

      await knex('incident_roles').insert({
        incident_id: inc1.id,
        role: 'incident-commander',
        user_ref: people.ivan[0],
        assigned_at: new Date(T0),
        assigned_by: people.dana[0],
        version: 1,
      });
      const page = (target: { user?: string; group?: string }) => ({
        id: randomUUID(),
        incident_id: inc1.id,
        target_user_ref: target.user ?? null,
        target_group_ref: target.group ?? null,
        paged_by: people.dana[0],
        reason: 'Security incident',
        sent_at: new Date(T0),
        ack_due_at: new Date(T0),
        escalation_level: 0,
      });
      await knex('incident_pages').insert([
        page({ user: people.pat[0] }),
        page({ group: 'group:default/security' }),
      ]);
    }

    const list = async (authorization: string) => {
      const res = await request(server)
        .get(api('/v1/incidents?includeTotal=true'))
        .set('Authorization', authorization);
      expect(res.status).toBe(200);
      return {
        refs: (res.body.items as { ref: string }[]).map(i => i.ref),
        total: res.body.total,
      };
    };

    const expectNotFound = (res: request.Response) => {
      expect({ status: res.status, name: res.body.error?.name }).toEqual({
        status: 404,
        name: 'NotFoundError',
      });
    };

    describe('with the default viewer groups', () => {
      beforeAll(() => start({ readerGroups: ['group:default/leadership'] }));

      it.each([
        ['the declarer', 'dana', ['INC-3', 'INC-1']],
        ['a role holder', 'ivan', ['INC-3', 'INC-1']],
        ['a paged user', 'pat', ['INC-3', 'INC-1']],
        ['a member of a paged group', 'sam', ['INC-3', 'INC-1']],
        ['a viewer-group member', 'olga', ['INC-3', 'INC-2', 'INC-1']],
        ['an unrelated user', 'zed', ['INC-3']],
      ] as const)(
        'lists for %s only what they may see, counted alike',
        async (_, person, refs) => {
          expect(await list(as(person))).toEqual({
            refs,
            total: { count: refs.length, capped: false },
          });
        },
      );

      it('lists everything for services', async () => {
        expect(await list(mockCredentials.service.header())).toEqual({
          refs: ['INC-3', 'INC-2', 'INC-1'],
          total: { count: 3, capped: false },
        });
      });

      it('pages the list without gaps or leaks', async () => {
        const first = await request(server)
          .get(api('/v1/incidents'))
          .query({ limit: 1, includeTotal: 'true' })
          .set('Authorization', as('dana'));
        expect(first.body.items.map((i: any) => i.ref)).toEqual(['INC-3']);
        expect(first.body.total).toEqual({ count: 2, capped: false });
        const second = await request(server)
          .get(api('/v1/incidents'))
          .query({ limit: 1, cursor: first.body.nextCursor })
          .set('Authorization', as('dana'));
        expect(second.body.items.map((i: any) => i.ref)).toEqual(['INC-1']);
        expect(second.body.nextCursor).toBeUndefined();
      });

      it.each(['dana', 'ivan', 'pat', 'sam', 'olga'] as const)(
        'lets %s read INC-1 and its data',
        async person => {
          for (const path of [
            `/v1/incidents/${inc1.ref}`,
            `/v1/incidents/${inc1.id}`,
            `/v1/incidents/${inc1.ref}/timeline`,
            `/v1/incidents/${inc1.ref}/roles`,
            `/v1/incidents/${inc1.ref}/checklist`,
            `/v1/incidents/${inc1.ref}/pages`,
            `/v1/incidents/${inc1.ref}/alerts`,
          ]) {
            const res = await request(server)
              .get(api(path))
              .set('Authorization', as(person));
            expect({ path, status: res.status }).toEqual({ path, status: 200 });
          }
        },
      );

      it('answers 404 to anyone else, as for an unknown incident', async () => {
        for (const path of [
          `/v1/incidents/${inc1.ref}`,
          `/v1/incidents/${inc1.ref.toLowerCase()}`,
          `/v1/incidents/${inc1.id}`,
          `/v1/incidents/${inc1.ref}/timeline`,
          `/v1/incidents/${inc1.ref}/roles`,
          `/v1/incidents/${inc1.ref}/roles/suggestions`,
          `/v1/incidents/${inc1.ref}/checklist`,
          `/v1/incidents/${inc1.ref}/pages`,
          `/v1/incidents/${inc1.ref}/alerts`,
          `/v1/incidents/${inc2.ref}`,
        ]) {
          const res = await request(server)
            .get(api(path))
            .set('Authorization', as('zed'));
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
        }
        const hidden = await request(server)
          .get(api(`/v1/incidents/${inc1.ref}`))
          .set('Authorization', as('zed'));
        const unknown = await request(server)
          .get(api('/v1/incidents/INC-99'))
          .set('Authorization', as('zed'));
        expect(hidden.body.error.message).toBe('Incident INC-1 not found');
        expect(unknown.body.error.message).toBe('Incident INC-99 not found');
      });

      it('refuses writes by anyone else with 404 and writes nothing', async () => {
        const writes = [
          request(server)
            .post(api(`/v1/incidents/${inc1.ref}/transitions`))
            .send({ transition: 'start-triage' }),
          request(server)
            .patch(api(`/v1/incidents/${inc1.ref}`))
            .send({ version: 1, title: 'Nothing to see' }),
          request(server).post(api(`/v1/incidents/${inc1.ref}/acknowledge`)),
          request(server)
            .post(api(`/v1/incidents/${inc1.ref}/timeline`))
            .send({ kind: 'note', body: 'hello' }),
          request(server)
            .put(api(`/v1/incidents/${inc1.ref}/roles`))
            .send({ role: 'qa-strategist', userRef: people.zed[0] }),
          request(server)
            .patch(
              api(`/v1/incidents/${inc1.ref}/checklist/triage-containment`),
            )
            .send({ done: true }),
          request(server)
            .post(api(`/v1/incidents/${inc1.ref}/pages`))
            .send({ userRefs: [people.zed[0]], reason: 'let me in' }),
        ];
        for (const write of writes) {
          expectNotFound(await write.set('Authorization', as('zed')));
        }
        const row = await knex('incidents').where({ id: inc1.id }).first();
        expect(row).toMatchObject({ version: 1, phase: 'declared' });
      });

      it('lets the declarer write', async () => {
        const res = await request(server)
          .post(api(`/v1/incidents/${inc1.ref}/timeline`))
          .set('Authorization', as('dana'))
          .send({ kind: 'note', body: 'Rotating the keys' });
        expect(res.status).toBe(201);
      });

      it('hides the alerts of hidden incidents', async () => {
        const alerts = async (person: Person) =>
          (
            await request(server)
              .get(api('/v1/alerts'))
              .query({ entityRef: 'component:default/payments-api' })
              .set('Authorization', as(person))
          ).body;
        const seen = await alerts('olga');
        expect(seen.total).toEqual({ count: 1, capped: false });
        expect(seen.items[0].incidentRef).toBe('INC-2');
        expect(await alerts('zed')).toEqual({
          items: [],
          total: { count: 0, capped: false },
        });

        const one = (person: Person) =>
          request(server)
            .get(api(`/v1/alerts/${seen.items[0].id}`))
            .set('Authorization', as(person));
        expect((await one('olga')).status).toBe(200);
        expectNotFound(await one('zed'));
      });

      /** Alertmanager's webhook with `alerts` as one group. */
      const ingestAlerts = async (groupKey: string, alerts: object[]) => {
        const ingested = await request(server)
          .post(api('/v1/alerts/alertmanager'))
          .set('Authorization', `Bearer ${AM_TOKEN}`)
          .send({ ...securityAlert, groupKey, alerts });
        expect(ingested.status).toBe(200);
      };
      const unroutedInbox = async (
        person: Person,
        query: Record<string, number> = {},
      ) =>
        (
          await request(server)
            .get(api('/v1/alerts/unrouted'))
            .query(query)
            .set('Authorization', as(person))
        ).body;

      it('hides restricted alerts outside any incident from outsiders', async () => {
        await ingestAlerts('g-sec-unrouted', [
          unroutedRestrictedAlert('beefbeefbeefbeef'),
        ]);
        const inbox = (person: Person) => unroutedInbox(person);
        const seen = await inbox('olga');
        expect(seen.items).toHaveLength(1);
        expect(seen.items[0].restricted).toBe(true);
        expect((await inbox('zed')).items).toEqual([]);
        expect((await inbox('dana')).items).toEqual([]);
        const one = await request(server)
          .get(api(`/v1/alerts/${seen.items[0].id}`))
          .set('Authorization', as('zed'));
        expectNotFound(one);
      });

      it('counts only the unrouted alerts a caller may see, past a first page too', async () => {
        const plain = (fingerprint: string) => ({
          ...securityAlert.alerts[0],
          labels: { alertname: 'DiskFilling', severity: 'warning' },
          fingerprint,
        });
        await ingestAlerts('g-count', [
          unroutedRestrictedAlert('cafecafecafecafe'),
          plain('0a0a0a0a0a0a0a0a'),
          plain('0b0b0b0b0b0b0b0b'),
        ]);
        const inbox = (person: Person, limit: number) =>
          unroutedInbox(person, { limit });
        // The whole inbox on one page is its own count; a page of one is counted in SQL.
        const restrictedSeen: Record<string, number> = {};
        for (const person of ['olga', 'zed'] as const) {
          const all = await inbox(person, 200);
          const first = await inbox(person, 1);
          expect(first.items).toHaveLength(1);
          expect(first.total).toEqual({
            count: all.items.length,
            capped: false,
          });
          expect(all.items.length).toBeGreaterThanOrEqual(2);
          restrictedSeen[person] = all.items.filter(
            (a: { restricted: boolean }) => a.restricted,
          ).length;
        }
        expect(restrictedSeen.zed).toBe(0);
        expect(restrictedSeen.olga).toBeGreaterThanOrEqual(1);
      });

      it('hides an alert that moved on to a hidden incident from the old incident', async () => {
        const [alert] = await knex('alerts')
          .where({ incident_id: inc2.id })
          .select('id');
        const [inc3] = await knex('incidents')
          .where({ number: 3 })
          .select('id');
        // The alert was INC-3's before the restricted INC-2 took it over.
        await knex('incident_alerts').insert({
          incident_id: inc3.id,
          alert_id: alert.id,
          moved_at: new Date(T0),
        });
        const tab = async (person: Person) =>
          (
            await request(server)
              .get(api('/v1/incidents/INC-3/alerts'))
              .set('Authorization', as(person))
          ).body.items.map((a: { id: string }) => a.id);
        expect(await tab('olga')).toEqual([alert.id]);
        expect(await tab('zed')).toEqual([]);
        await knex('incident_alerts')
          .where({ incident_id: inc3.id, alert_id: alert.id })
          .delete();
      });

      it('signals changes of restricted incidents to their audience only', async () => {
        // INC-2 was declared restricted (security alert): not even its declaration is broadcast.
        const inc2Signals = signals.publish.mock.calls
          .map(([s]) => s)
          .filter(s => s.message.incidentId === inc2.id);
        expect(inc2Signals.length).toBeGreaterThan(0);
        for (const s of inc2Signals) {
          expect(s.recipients).toEqual({
            type: 'user',
            entityRef: expect.arrayContaining([
              'group:default/platform-reliability',
              'group:default/privacy',
            ]),
          });
        }

        const note = async (ref: string) => {
          signals.publish.mockClear();
          const res = await request(server)
            .post(api(`/v1/incidents/${ref}/timeline`))
            .set('Authorization', as('dana'))
            .send({ kind: 'note', body: 'Status' });
          expect(res.status).toBe(201);
          // Nothing of the incident but its id, ref and version: clients refetch.
          for (const [s] of signals.publish.mock.calls) {
            expect(Object.keys(s.message).sort()).toEqual([
              'incidentId',
              'incidentRef',
              'kind',
              'version',
            ]);
          }
          return signals.publish.mock.calls.map(([s]) => ({
            channel: s.channel,
            recipients: s.recipients,
          }));
        };

        const audience = {
          type: 'user',
          entityRef: [
            'user:default/dana', // declarer
            'user:default/ivan', // role holder
            'user:default/pat', // paged user
            'group:default/security', // paged group
            'group:default/platform-reliability', // viewer groups
            'group:default/privacy',
            'group:default/leadership', // reader groups
          ],
        };
        expect(await note(inc1.ref)).toEqual([
          { channel: 'firebreak:incidents', recipients: audience },
        ]);

        expect(await note('INC-3')).toEqual([
          { channel: 'firebreak:incidents', recipients: { type: 'broadcast' } },
        ]);
      });

      it('shows insights to those allowed, counting and listing only what they may see', async () => {
        const range = {
          from: '2026-01-01T00:00:00Z',
          to: '2026-12-31T00:00:00Z',
        };
        const insights = (person: Person, path = '/v1/insights') =>
          request(server)
            .get(api(path))
            .query(range)
            .set('Authorization', as(person));
        const refused = await insights('zed');
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toContain('incident.insights.read');
        expect((await insights('zed', '/v1/insights/incidents')).status).toBe(
          403,
        );

        const all = await insights('lea');
        expect(all.body.totals.incidents).toBe(3);
        // The same caller and filter within a minute: the figures of a moment ago, not a
        // recount; another filter is its own count.
        await knex('incidents')
          .where({ number: 3 })
          .update({ severity: 'SEV4' });
        expect((await insights('lea')).body).toEqual(all.body);
        const sev4 = await request(server)
          .get(api('/v1/insights'))
          .query({ ...range, severity: 'SEV4' })
          .set('Authorization', as('lea'));
        expect(sev4.body.totals.incidents).toBe(1);
        await knex('incidents')
          .where({ number: 3 })
          .update({ severity: 'SEV2' });
        const listed = await insights('lea', '/v1/insights/incidents');
        expect(listed.body.items.map((i: any) => i.ref)).toEqual([
          'INC-3',
          'INC-2',
          'INC-1',
        ]);

        // A policy that shows everyone the insights still counts for each only what they see.
        // Decisions on basic permissions are reused per caller for incidents.cache.seconds:
        // zed keeps the refusal of a moment ago; yan, asked for the first time, gets the new.
        allowedToEveryone = ['incident.insights.read'];
        try {
          expect((await insights('zed')).status).toBe(403);
          const figures = await insights('yan');
          expect(figures.status).toBe(200);
          expect(figures.body.totals.incidents).toBe(1);
          expect(
            figures.body.bySeverity.find((s: any) => s.severity === 'SEV2')
              .incidents,
          ).toBe(1);
          const drill = await insights('yan', '/v1/insights/incidents');
          expect(drill.body.items.map((i: any) => i.ref)).toEqual(['INC-3']);
          for (const text of [JSON.stringify(figures.body), drill.text]) {
            for (const trace of [inc1.id, inc2.id, 'Leaked credentials']) {
              expect(text).not.toContain(trace);
            }
          }
        } finally {
          allowedToEveryone = [];
        }
      });

      it('hides the pages of hidden incidents', async () => {
        const pages = async (person: Person) =>
          (
            await request(server)
              .get(api('/v1/pages'))
              .set('Authorization', as(person))
          ).body.items;
        expect(await pages('olga')).toHaveLength(2);
        expect(await pages('pat')).toHaveLength(2);
        expect(await pages('zed')).toEqual([]);
      });
      it('lets only those allowed incident.restricted.create declare restricted incidents', async () => {
        const declare = (person: Person) =>
          request(server)
            .post(api('/v1/incidents'))
            .set('Authorization', as(person))
            .send({
              title: 'Suspicious logins',
              severity: 'SEV2',
              affectedEntityRefs: ['component:default/checkout'],
              restricted: true,
            });
        const before = await knex('incidents').count({ n: '*' }).first();
        const refused = await declare('dana');
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toContain(
          'incident.restricted.create',
        );
        expect(await knex('incidents').count({ n: '*' }).first()).toEqual(
          before,
        );
        const declared = await declare('olga');
        expect(declared.status).toBe(201);
        expect(declared.body.restricted).toBe(true);
        expect((await list(as('zed'))).refs).not.toContain(declared.body.ref);
      });
    });

    describe('with configured viewer groups', () => {
      beforeAll(() => start({ viewerGroups: ['group:default/secops'] }));

      it('signals restricted incidents to the configured groups', async () => {
        signals.publish.mockClear();
        await request(server)
          .post(api(`/v1/incidents/${inc1.ref}/timeline`))
          .set('Authorization', as('sec'))
          .send({ kind: 'note', body: 'Looking' });
        const recipients = signals.publish.mock.calls.map(
          ([s]) => s.recipients,
        );
        expect(recipients).toHaveLength(1);
        for (const r of recipients) {
          expect(r.type).toBe('user');
          expect(r.entityRef).toContain('group:default/secops');
          expect(r.entityRef).not.toContain('group:default/privacy');
        }
      });

      it('shows restricted incidents to their members only', async () => {
        expect((await list(as('sec'))).total.count).toBe(3);
        expect((await list(as('olga'))).refs).toEqual(['INC-3']);
        expect((await list(as('zed'))).refs).toEqual(['INC-3']);
      });
    });
  },
);
