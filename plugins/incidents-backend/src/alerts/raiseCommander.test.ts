import { TestDatabases } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Server } from 'node:http';
import request from 'supertest';
import { component, group } from '../__testUtils__/entities';
import { api, startIncidentsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const TOKEN = 'raise-token-0123456789';
const PLATFORM = 'group:default/platform-reliability';
const CHECKOUT = 'group:default/team-checkout';

/** Every week, all week: pat commands SEV1/SEV2, alice is the checkout team's on-call. */
const schedule = (id: string, groupRef: string, member: string) => ({
  id,
  groupRef,
  members: [member],
  shiftLength: { days: 7 },
  handoff: { weekday: 'monday', time: '09:00' },
  timeZone: 'UTC',
});

const config = {
  incidents: {
    onCall: {
      schedules: [
        schedule('platform', PLATFORM, 'user:default/pat'),
        schedule('checkout', CHECKOUT, 'user:default/alice'),
      ],
    },
    alerts: {
      alertmanager: { receivers: [{ name: 'firebreak', token: TOKEN }] },
      rules: [
        {
          id: 'errors-minor',
          match: { alertname: 'Errors', level: 'minor' },
          severity: 'SEV3',
          group: 'errors',
        },
        {
          id: 'errors-major',
          match: { alertname: 'Errors', level: 'major' },
          severity: 'SEV2',
          group: 'errors',
        },
        {
          id: 'errors-critical',
          match: { alertname: 'Errors', level: 'critical' },
          severity: 'SEV1',
          group: 'errors',
        },
      ],
    },
  },
};

const alert = (level: string) => ({
  status: 'firing',
  labels: { alertname: 'Errors', level, service: 'checkout' },
  annotations: { summary: `checkout errors (${level})` },
  startsAt: '2026-11-27T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: `fp-${level}`,
});

const payload = (level: string) => ({
  version: '4',
  groupKey: `{}:{level="${level}"}`,
  status: 'firing',
  receiver: 'firebreak',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager',
  alerts: [alert(level)],
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'a severity raised by an alert, on %s',
  databaseId => {
    let server: Server;
    const sent: NotificationSendOptions[] = [];

    beforeEach(async () => {
      sent.length = 0;
      server = await startIncidentsBackend({
        knex: await databases.init(databaseId),
        catalog: catalogServiceMock({
          entities: [
            group('platform-reliability'),
            group('team-checkout', { schedule: 'checkout' }),
            component('checkout', { owner: CHECKOUT }),
          ],
        }),
        config,
        features: [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) => {
                sent.push(options);
              },
            }),
          }),
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => ({ publish: async () => {} }),
          }),
        ],
      });
    });

    const post = (level: string) =>
      request(server)
        .post(api('/v1/alerts/alertmanager'))
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(payload(level));

    const pagedUsers = () =>
      sent
        .filter(s => s.payload.topic === 'firebreak-page')
        .map(s => (s.recipients as { entityRef: string[] }).entityRef[0]);

    it('re-runs the commander assignment in the transaction of the raise', async () => {
      const declared = await post('minor');
      expect(declared.status).toBe(200);
      expect(declared.body.declared).toEqual(['INC-1']);
      const before = await request(server).get(api('/v1/incidents/INC-1'));
      expect(before.body).toMatchObject({
        severity: 'SEV3',
        commanderRef: 'user:default/alice',
      });
      expect(pagedUsers()).toEqual(['user:default/alice']);

      // The SEV1 rule of the same group raises INC-1: the platform on-call takes command.
      const raised = await post('critical');
      expect(raised.body).toMatchObject({ declared: [], updated: ['INC-1'] });
      const after = await request(server).get(api('/v1/incidents/INC-1'));
      expect(after.body).toMatchObject({
        severity: 'SEV1',
        commanderRef: 'user:default/pat',
      });
      expect(pagedUsers()).toEqual(['user:default/alice', 'user:default/pat']);

      // One story on the timeline, all from one write: the raise, the handoff, the page,
      // and alice's page cancelled, at one instant.
      const timeline = (
        await request(server)
          .get(api('/v1/incidents/INC-1/timeline'))
          .query({ limit: 100 })
      ).body.items as { at: string; body: string; details: any }[];
      const raiseAt = timeline.findIndex(e => e.body.includes('SEV3 → SEV1'));
      expect(raiseAt).toBeGreaterThan(0);
      const story = timeline.slice(raiseAt);
      expect(new Set(story.map(e => e.at)).size).toBe(1);
      expect(story.map(e => e.details.action).filter(Boolean)).toEqual(
        expect.arrayContaining(['handoff', 'cancelled']),
      );

      // A repeat of the critical alert changes nothing more.
      await post('critical');
      expect(pagedUsers()).toHaveLength(2);
      const pages = await request(server).get(api('/v1/incidents/INC-1/pages'));
      expect(
        pages.body.items.map((p: any) => [p.targetUserRef, p.status]),
      ).toEqual([
        ['user:default/alice', 'cancelled'],
        ['user:default/pat', 'open'],
      ]);
    });

    it("names the new commander's other SEV2 commands when an alert raises to SEV2", async () => {
      const other = await request(server)
        .post(api('/v1/incidents'))
        .send({
          title: 'Checkout payments failing',
          severity: 'SEV2',
          affectedEntityRefs: ['component:default/checkout'],
        });
      expect(other.status).toBe(201);
      expect(other.body.commanderRef).toBe('user:default/pat');

      const declared = await post('minor');
      const [ref] = declared.body.declared;
      expect(ref).not.toBe(other.body.ref);
      await post('major');
      const after = await request(server).get(api(`/v1/incidents/${ref}`));
      expect(after.body).toMatchObject({
        severity: 'SEV2',
        commanderRef: 'user:default/pat',
      });
      const timeline = (
        await request(server)
          .get(api(`/v1/incidents/${ref}/timeline`))
          .query({ limit: 100 })
      ).body.items as { kind: string; body: string }[];
      expect(timeline.map(e => e.body)).toContainEqual(
        expect.stringContaining(
          `pat is IC of ${other.body.ref} (SEV2) already; assigned anyway as the platform reliability on-call`,
        ),
      );
    });
  },
);
