import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { TransitionId } from '@firebreak/plugin-incidents-common';
import { component } from '../../__testUtils__/entities';
import {
  Harness,
  PAYMENTS,
  PLATFORM,
  T0,
  createHarness,
  responseGroups,
  users,
} from '../../__testUtils__/responseHarness';
import { decideTransition } from '../../domain';
import { resolvePolicy } from '../../domain/policy';
import { PostmortemJobs } from './PostmortemJobs';
import { PostmortemService } from './PostmortemService';

jest.setTimeout(60_000);

const entities = [
  ...responseGroups,
  component('checkout', { owner: PAYMENTS }),
];
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function wire(h: Harness) {
  const service = new PostmortemService({
    db: h.knex,
    transactions: h.store,
    policy: resolvePolicy(),
  });
  const jobs = new PostmortemJobs({
    db: h.knex,
    clock: h.clock,
    logger: mockServices.logger.mock(),
    kick: () => h.delivery.run(),
  });
  return { service, jobs };
}

async function recoveredSev1(h: Harness, service: PostmortemService) {
  const incident = await h.declare({
    title: 'Checkout down',
    severity: 'SEV1',
    affectedEntityRefs: ['component:default/checkout'],
  });
  const steps: TransitionId[] = [
    'start-triage',
    'root-cause-found',
    'deploy-full',
    'recovered',
  ];
  for (const id of steps) {
    await service.transition(
      { id: incident.id },
      { actor: users.pat, at: h.clock.now().toISOString() },
      current => {
        const d = decideTransition(current, id, { now: h.clock.now() });
        if (!d.allowed) throw new Error(d.message);
        return { transition: d.transition, change: d.change };
      },
    );
  }
  return incident;
}

const outboxKeys = async (h: Harness, prefix: string) =>
  (
    await h
      .knex('incident_outbox')
      .where('key', 'like', `${prefix}%`)
      .select('key')
  ).map(r => r.key as string);

describe.each(databases.eachSupportedId())(
  'postmortem jobs on %s',
  databaseId => {
    it('notifies the draft, then the overdue once, with two replicas running at once', async () => {
      const h = await createHarness({
        knex: await databases.init(databaseId),
        entities,
      });
      const other = await createHarness({
        knex: h.knex,
        entities,
        skipMigrations: true,
      });
      const a = wire(h);
      const b = wire(other);
      const incident = await recoveredSev1(h, a.service);

      expect(h.sent('firebreak-postmortem')).toEqual([
        expect.objectContaining({
          to: [users.pat, PAYMENTS],
          title: `Postmortem of ${incident.ref} drafted: due 2025-02-08 10:00 UTC`,
        }),
      ]);

      // The review meeting invites its attendees.
      const draft = await a.service.get(incident.id, h.clock.now());
      await a.service.save(
        { id: incident.id },
        {
          version: draft.version,
          sections: {},
          reviewMeeting: {
            at: hours(30).toISOString(),
            attendeeRefs: [users.alice, PAYMENTS],
          },
        },
        { actor: users.pat, at: h.clock.now().toISOString() },
      );
      expect(h.sent('firebreak-postmortem').at(-1)).toEqual(
        expect.objectContaining({
          to: [users.alice, PAYMENTS],
          title: `Postmortem review of ${incident.ref}: 2025-02-07 16:00 UTC`,
        }),
      );

      h.clock.set(hours(47));
      other.clock.set(hours(47));
      expect(await a.jobs.notifyOverduePostmortems()).toBe(0);

      h.clock.set(hours(49));
      other.clock.set(hours(49));
      const [x, y] = await Promise.all([
        a.jobs.notifyOverduePostmortems(),
        b.jobs.notifyOverduePostmortems(),
      ]);
      expect(x + y).toBe(1);
      expect(await a.jobs.notifyOverduePostmortems()).toBe(0);
      expect(await outboxKeys(h, `postmortem:${incident.id}:overdue`)).toEqual([
        `postmortem:${incident.id}:overdue:2025-02-08T10:00:00.000Z`,
      ]);
      const overdue = [
        ...h.sent('firebreak-postmortem'),
        ...other.sent('firebreak-postmortem'),
      ].filter(n => n.title.includes('overdue'));
      expect(overdue).toEqual([
        expect.objectContaining({
          to: [users.pat, PAYMENTS],
          severity: 'high',
        }),
      ]);
    });

    it('tells each owning team of its overdue action items once per week', async () => {
      const h = await createHarness({
        knex: await databases.init(databaseId),
        entities,
      });
      const other = await createHarness({
        knex: h.knex,
        entities,
        skipMigrations: true,
      });
      const a = wire(h);
      const b = wire(other);
      const incident = await recoveredSev1(h, a.service);
      const add = (
        title: string,
        ownerRef: string,
        dueAt: Date,
        status?: 'done',
      ) =>
        a.service
          .createActionItem(
            { id: incident.id },
            { priority: 'P1', title, ownerRef, dueAt: dueAt.toISOString() },
            { actor: users.pat, at: h.clock.now().toISOString() },
          )
          .then(item =>
            status
              ? a.service.updateActionItem(
                  item.id,
                  { version: 1, status },
                  {
                    actor: users.pat,
                    at: h.clock.now().toISOString(),
                    incidentId: incident.id,
                  },
                )
              : item,
          );
      await add('Alert on config drift', PAYMENTS, hours(24));
      await add('Canary config pushes', PAYMENTS, hours(30));
      await add('Runbook', PLATFORM, hours(24));
      await add('Already done', PLATFORM, hours(24), 'done');
      await add('Not due yet', 'group:default/qa', hours(500));

      // Thursday 2025-02-13: overdue; both replicas run.
      for (const r of [h, other]) r.clock.set(hours(7 * 24));
      await Promise.all([
        a.jobs.remindOverdueActionItems(),
        b.jobs.remindOverdueActionItems(),
      ]);
      expect((await outboxKeys(h, 'action-items:')).sort()).toEqual([
        'action-items:group:default/payments:week:2025-02-10',
        'action-items:group:default/platform-reliability:week:2025-02-10',
      ]);
      const sent = [
        ...h.sent('firebreak-action-items'),
        ...other.sent('firebreak-action-items'),
      ];
      expect(sent.map(n => [n.to, n.title]).sort()).toEqual([
        [[PAYMENTS], '2 overdue action items for payments'],
        [[PLATFORM], '1 overdue action item for platform-reliability'],
      ]);

      // Later the same week: nothing new. The next week: again.
      for (const r of [h, other]) r.clock.set(hours(9 * 24));
      await a.jobs.remindOverdueActionItems();
      expect(await outboxKeys(h, 'action-items:')).toHaveLength(2);
      for (const r of [h, other]) r.clock.set(hours(11 * 24));
      await b.jobs.remindOverdueActionItems();
      expect(
        await outboxKeys(
          h,
          'action-items:group:default/payments:week:2025-02-17',
        ),
      ).toHaveLength(1);
      expect(await outboxKeys(h, 'action-items:')).toHaveLength(4);
    });
  },
);

const pg = databases.eachSupportedId().filter(([id]) => id === 'POSTGRES_15');

describe.each(pg)('postmortem jobs with two schedulers on %s', databaseId => {
  it('fires the overdue notice and the cadence once with two backend replicas', async () => {
    const knex = await databases.init(databaseId);
    const replicas = [
      await createHarness({ knex, entities }),
      await createHarness({ knex, entities, skipMigrations: true }),
    ];
    const wired = replicas.map(wire);
    const incident = await recoveredSev1(replicas[0], wired[0].service);
    await wired[0].service.createActionItem(
      { id: incident.id },
      {
        priority: 'P0',
        title: 'Alert on drift',
        ownerRef: PAYMENTS,
        dueAt: hours(1).toISOString(),
      },
      { actor: users.pat, at: T0.toISOString() },
    );
    for (const r of replicas) r.clock.set(hours(72));

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
    for (const { jobs } of wired) {
      const scheduler = DefaultSchedulerService.create({
        database: mockServices.database({ knex }),
        logger: mockServices.logger.mock(),
        metrics: metrics as any,
        rootLifecycle: mockServices.rootLifecycle.mock(),
        httpRouter: mockServices.httpRouter.mock(),
        pluginMetadata: { getId: () => 'incidents' },
      });
      await jobs.schedule(scheduler, { signal: abort.signal });
    }
    const deadline = Date.now() + 20_000;
    const done = async () =>
      (await outboxKeys(replicas[0], `postmortem:${incident.id}:overdue`))
        .length > 0 &&
      (await outboxKeys(replicas[0], 'action-items:')).length > 0;
    while (!(await done()) && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    // Give the other replica's scheduler the chance to (wrongly) run too.
    await new Promise(resolve => setTimeout(resolve, 1500));
    abort.abort();

    expect(
      await outboxKeys(replicas[0], `postmortem:${incident.id}:overdue`),
    ).toHaveLength(1);
    expect(await outboxKeys(replicas[0], 'action-items:')).toEqual([
      'action-items:group:default/payments:week:2025-02-03',
    ]);
  });
});
