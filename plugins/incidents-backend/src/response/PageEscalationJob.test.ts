import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import { component } from '../__testUtils__/entities';
import {
  Harness,
  PAYMENTS,
  PLATFORM,
  T0,
  createHarness,
  responseGroups,
  users,
} from '../__testUtils__/responseHarness';
import {
  PAGE_ESCALATION_TASK_ID,
  readResponseJobsSchedule,
  scheduleResponseJobs,
} from './scheduleResponseJobs';
import { formatTime } from '../domain/response/time';

jest.setTimeout(60_000);

const entities = [
  ...responseGroups,
  component('checkout', { owner: PAYMENTS }),
];
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Page escalation on %s',
  databaseId => {
    let h: Harness;

    beforeEach(async () => {
      h = await createHarness({
        knex: await databases.init(databaseId),
        entities,
      });
    });

    const declare = (severity: 'SEV1' | 'SEV3') =>
      h.declare({
        title: 'Checkout down',
        severity,
        affectedEntityRefs: ['component:default/checkout'],
      });
    const pagesOf = (incidentId: string) =>
      h.pages.listIncidentPages(incidentId);
    const timelineBodies = async (incidentId: string) =>
      (await h.store.listTimeline(incidentId, { limit: 100 })).items.map(
        e => e.body,
      );

    it('escalates to the next on-call, then stops when the group has no lead, and says so', async () => {
      const incident = await declare('SEV1');
      h.notifications.send.mockClear();

      h.clock.set(minutes(14));
      expect(await h.escalation.run()).toBe(0);

      h.clock.set(minutes(15));
      expect(await h.escalation.run()).toBe(1);
      let pages = await pagesOf(incident.id);
      expect(pages).toEqual([
        expect.objectContaining({
          targetUserRef: users.pat,
          status: 'escalated',
          escalatedTo: users.priya,
          escalatedAt: minutes(15).toISOString(),
        }),
        expect.objectContaining({
          targetUserRef: users.priya,
          targetGroupRef: PLATFORM,
          escalationLevel: 1,
          parentPageId: pages[0].id,
          pagedBy: 'plugin:default/incidents',
          ackDueAt: minutes(30).toISOString(),
          status: 'open',
        }),
      ]);
      expect(h.sent('firebreak-page')).toEqual([
        expect.objectContaining({
          to: [users.priya],
          severity: 'critical',
          scope: `page:${pages[1].id}`,
        }),
      ]);

      expect(await h.escalation.run()).toBe(0);

      h.clock.set(minutes(30));
      expect(await h.escalation.run()).toBe(1);
      pages = await pagesOf(incident.id);
      expect(pages).toHaveLength(2);
      expect(pages[1]).toMatchObject({
        status: 'escalated',
        escalationNote: expect.stringContaining(
          'platform-reliability has no lead (annotation firebreak.io/lead), so escalation stops',
        ),
      });
      expect(pages[1].escalatedTo).toBeUndefined();
      expect(await timelineBodies(incident.id)).toEqual(
        expect.arrayContaining([
          `Escalation: pat did not acknowledge by ${formatTime(
            minutes(15),
          )}; escalated to priya (next on call for platform-reliability)`,
          `Escalation stopped: priya did not acknowledge by ${formatTime(
            minutes(30),
          )}; platform-reliability has no lead (annotation firebreak.io/lead), so escalation stops`,
        ]),
      );
      h.clock.set(minutes(600));
      expect(await h.escalation.run()).toBe(0);
      expect(h.sent('firebreak-page')).toHaveLength(1);
    });

    it('escalates a SEV3 after its 4 hours to the next on-call, then to the group’s lead', async () => {
      const incident = await declare('SEV3');
      h.clock.set(minutes(240));
      expect(await h.escalation.run()).toBe(1);
      h.clock.set(minutes(480));
      expect(await h.escalation.run()).toBe(1);
      h.clock.set(minutes(720));
      expect(await h.escalation.run()).toBe(1);

      const pages = await pagesOf(incident.id);
      expect(
        pages.map(p => [p.targetUserRef, p.escalationLevel, p.status]),
      ).toEqual([
        [users.alice, 0, 'escalated'],
        [users.bob, 1, 'escalated'],
        [users.lena, 2, 'escalated'],
      ]);
      expect(pages[2].escalationNote).toContain(
        'the lead of payments did not acknowledge either',
      );
      expect(h.sent('firebreak-page').map(n => n.to)).toEqual([
        [users.alice],
        [users.bob],
        [users.lena],
      ]);
    });

    it('does not escalate an acknowledged page; the IC’s acknowledgement sets the SLA clock', async () => {
      const incident = await declare('SEV1');
      const [page] = await pagesOf(incident.id);

      h.clock.set(minutes(5));
      const acknowledged = await h.paging.acknowledge(page.id, {
        actor: users.pat,
        credentials: mockCredentials.user(users.pat),
      });
      expect(acknowledged).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: minutes(5).toISOString(),
        acknowledgedBy: users.pat,
      });
      const after = await h.store.getIncident({ id: incident.id });
      expect(after?.acknowledgedAt).toBe(minutes(5).toISOString());
      expect(after?.version).toBe(incident.version + 1);

      h.clock.set(minutes(60));
      expect(await h.escalation.run()).toBe(0);
    });

    it('keeps a late acknowledgement after escalation', async () => {
      const incident = await declare('SEV1');
      h.clock.set(minutes(15));
      await h.escalation.run();
      const [first] = await pagesOf(incident.id);
      h.clock.set(minutes(16));
      const late = await h.paging.acknowledge(first.id, {
        actor: users.pat,
        credentials: mockCredentials.user(users.pat),
      });
      expect(late).toMatchObject({
        status: 'acknowledged',
        escalatedTo: users.priya,
      });
      expect((await timelineBodies(incident.id)).at(-1)).toBe(
        'pat acknowledged the page (after it escalated); incident acknowledged by its commander',
      );
    });

    it('escalates each page once when two replicas run the job at the same time', async () => {
      const other = await createHarness({
        knex: h.knex,
        entities,
        skipMigrations: true,
      });
      const incidents = [];
      for (let i = 0; i < 6; i++) {
        incidents.push(await declare(i % 2 ? 'SEV1' : 'SEV3'));
      }
      h.notifications.send.mockClear();

      for (const at of [minutes(240), minutes(480)]) {
        h.clock.set(at);
        other.clock.set(at);
        const [a, b] = await Promise.all([
          h.escalation.run(),
          other.escalation.run(),
        ]);
        expect(a + b).toBe(6);
      }

      for (const incident of incidents) {
        const pages = await pagesOf(incident.id);
        // each escalated exactly once per level: no duplicate pages at any level
        const levels = pages.map(p => p.escalationLevel);
        expect(new Set(levels).size).toBe(levels.length);
        expect(pages.filter(p => p.status === 'open')).toHaveLength(
          incident.severity === 'SEV3' ? 1 : 0,
        );
      }
      const sent = [
        ...h.sent('firebreak-page'),
        ...other.sent('firebreak-page'),
      ];
      // SEV3: alice→bob, bob→lena; SEV1: pat→priya, then the stop (no lead): no page.
      expect(sent).toHaveLength(3 * 2 + 3 * 1);
      expect(new Set(sent.map(n => n.scope)).size).toBe(sent.length);
    });
  },
);

const pg = databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15');

describe.each(pg)('Page escalation with two schedulers on %s', databaseId => {
  it('fires once per due page with two backend replicas sharing the database', async () => {
    const knex = await databases.init(databaseId);
    const replicas = [
      await createHarness({ knex, entities }),
      await createHarness({ knex, entities, skipMigrations: true }),
    ];
    const [a, b] = replicas;
    const incident = await a.declare({
      title: 'Checkout down',
      severity: 'SEV1',
      affectedEntityRefs: ['component:default/checkout'],
    });
    for (const replica of replicas) {
      replica.clock.set(minutes(15));
      replica.notifications.send.mockClear();
    }

    const metrics = {
      createCounter: () => ({ add: () => {} }),
      createHistogram: () => ({ record: () => {} }),
      createGauge: () => ({ record: () => {} }),
      createUpDownCounter: () => ({ add: () => {} }),
      createObservableCounter: () => ({ addCallback: () => {} }),
      createObservableGauge: () => ({ addCallback: () => {} }),
      createObservableUpDownCounter: () => ({ addCallback: () => {} }),
    };
    const abort = new AbortController();
    const runs = [0, 0];
    // One after the other: each replica's scheduler migrates its tables on first use.
    for (const [index, replica] of replicas.entries()) {
      await (() => {
        const scheduler = DefaultSchedulerService.create({
          database: mockServices.database({ knex }),
          logger: mockServices.logger.mock(),
          metrics: metrics as any,
          rootLifecycle: mockServices.rootLifecycle.mock(),
          httpRouter: mockServices.httpRouter.mock(),
          pluginMetadata: { getId: () => 'incidents' },
        });
        return scheduleResponseJobs({
          scheduler,
          schedule: readResponseJobsSchedule(
            new ConfigReader({
              incidents: {
                paging: { escalation: { frequency: { seconds: 1 } } },
              },
            }),
          ),
          logger: mockServices.logger.mock(),
          escalatePages: async () => {
            runs[index] += 1;
            return replica.escalation.run();
          },
          assignBacklog: () => replica.backlog.run(),
          deliverOutbox: async () => 0,
          repairCopies: async () => 0,
          signal: abort.signal,
        });
      })();
    }

    const deadline = Date.now() + 20_000;
    while (runs[0] + runs[1] < 4 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    abort.abort();

    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(4);
    const pages = await a.pages.listIncidentPages(incident.id);
    expect(pages.map(p => [p.targetUserRef, p.escalationLevel])).toEqual([
      [users.pat, 0],
      [users.priya, 1],
    ]);
    expect([...a.sent('firebreak-page'), ...b.sent('firebreak-page')]).toEqual([
      expect.objectContaining({
        to: [users.priya],
        scope: `page:${pages[1].id}`,
      }),
    ]);
    // One global task row shared by both replicas: the scheduler's lock.
    expect(
      await knex('backstage_backend_tasks__tasks')
        .where('id', PAGE_ESCALATION_TASK_ID)
        .count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    const [{ n }] = await knex('backstage_backend_tasks__tasks')
      .where('id', PAGE_ESCALATION_TASK_ID)
      .count({ n: '*' });
    expect(Number(n)).toBe(1);
  });
});
