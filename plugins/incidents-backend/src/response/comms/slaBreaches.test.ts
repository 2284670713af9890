import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { ConfigReader } from '@backstage/config';
import { Incident } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DatabaseIncidentsStore } from '../../database/DatabaseIncidentsStore';
import { CommsDutiesHook } from '../../database/communication/commsDuties';
import { SlaWriteHook } from '../../database/sla/SlaWriteHook';
import { readSlaBreaches, readSlaRecords } from '../../database/sla/slaRecords';
import { NewIncident, decideAcknowledge, resolvePolicy } from '../../domain';
import { readCommsConfig } from './commsConfig';
import { SLA_TASK_ID, runSlaSweep, scheduleCommsJobs } from './CommsJobs';
import { captureQueries } from '../../__testUtils__/queryPlans';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const minutes = (n: number, ms = 0) => new Date(T0 + n * 60_000 + ms);
const policy = resolvePolicy();
const IC = 'user:default/ic';

async function storeOn(knex: Knex, skipMigrations = false) {
  const store = await DatabaseIncidentsStore.create({
    database: mockServices.database({ knex }),
    skipMigrations,
  });
  store.addWriteHook(
    new SlaWriteHook(policy, {
      warningLeadFraction: 0.2,
      leadershipGroupRef: 'group:default/leadership',
    }),
  );
  store.addWriteHook(new CommsDutiesHook(policy));
  return store;
}

const incident = (overrides: Partial<NewIncident> = {}): NewIncident => ({
  title: 'Checkout down',
  summary: 'Payments fail',
  customerImpact: 'Nobody can pay',
  severity: 'SEV1',
  regions: [],
  restricted: false,
  source: 'manual',
  createdBy: 'user:default/alice',
  declaredAt: minutes(0).toISOString(),
  entities: [
    {
      entityRef: 'component:default/checkout',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
  ],
  roles: [{ role: 'incident-commander', userRef: IC }],
  timeline: [{ kind: 'declared', body: 'Declared', details: {} }],
  ...overrides,
});

const slaEntries = async (knex: Knex, incidentId: string) =>
  (
    await knex('incident_timeline')
      .where({ incident_id: incidentId, kind: 'sla' })
      .orderBy('id')
  ).map(row => JSON.parse(row.details).milestone);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('SLA breaches on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseIncidentsStore;
  beforeEach(async () => {
    knex = await databases.init(databaseId);
    store = await storeOn(knex);
  });
  const sweepAt = (now: Date) =>
    runSlaSweep({ db: knex, incidents: store, clock: { now: () => now } });

  it('records the clocks at declaration, with the next due time on the incident', async () => {
    let declared = {} as Incident;
    const statements = await captureQueries(knex, async () => {
      declared = await store.declareIncident(incident());
    });
    // The incident's row is inserted with its due time: never updated in its declaration.
    expect(
      statements.filter(s => /^update\s+[`"]?incidents[`"]?\s/i.test(s.sql)),
    ).toEqual([]);
    expect(declared.slaDueAt).toBe(minutes(15).toISOString());
    expect(await readSlaRecords(knex, declared.id)).toEqual([
      expect.objectContaining({
        milestone: 'acknowledge',
        dueAt: minutes(15).toISOString(),
      }),
      expect.objectContaining({ milestone: 'mitigate' }),
      expect.objectContaining({ milestone: 'resolve' }),
    ]);
    const row = await knex('incidents').where({ id: declared.id }).first();
    expect(new Date(row.sla_due_at).toISOString()).toBe(
      minutes(15).toISOString(),
    );
  });

  it('a late acknowledgement records the breach in its own write, once', async () => {
    const declared = await store.declareIncident(incident());
    const { entries } = await store.mutateIncident(
      { id: declared.id },
      { actor: IC, at: minutes(15, 1).toISOString() },
      current => decideAcknowledge(current, minutes(15, 1)),
    );
    expect(entries.map(e => e.kind)).toEqual(['status', 'sla']);
    expect(await readSlaBreaches(knex, declared.id)).toEqual([
      expect.objectContaining({
        milestone: 'acknowledge',
        metAt: minutes(15, 1).toISOString(),
        breachedAt: minutes(15, 1).toISOString(),
      }),
    ]);
    await sweepAt(minutes(20));
    expect(await slaEntries(knex, declared.id)).toEqual(['acknowledge']);
  });

  it('an acknowledgement exactly at the due time meets the SLA', async () => {
    const declared = await store.declareIncident(incident());
    await store.mutateIncident(
      { id: declared.id },
      { actor: IC, at: minutes(15).toISOString() },
      current => decideAcknowledge(current, minutes(15)),
    );
    await sweepAt(minutes(16));
    expect(await readSlaBreaches(knex, declared.id)).toEqual([]);
  });

  it('the sweep breaches a clock just after its due time, not exactly at it, and only once', async () => {
    const declared = await store.declareIncident(incident());
    await sweepAt(minutes(15));
    expect(await slaEntries(knex, declared.id)).toEqual([]);
    expect((await readSlaRecords(knex, declared.id))[0].warnedAt).toBe(
      minutes(15).toISOString(),
    );
    await sweepAt(minutes(15, 1));
    await sweepAt(minutes(16));
    expect(await slaEntries(knex, declared.id)).toEqual(['acknowledge']);
    expect(await sweepAt(minutes(17))).toBe(0);

    // Told through the outbox, once each: the warning to the IC, the breach to the IC, the
    // owning team and (SEV1) the leadership group.
    const notices = (
      await knex('incident_outbox')
        .where({ type: 'notify' })
        .where('key', 'like', `sla:${declared.id}:%`)
        .orderBy('id')
    ).map(row => JSON.parse(row.payload));
    expect(notices.map(n => [n.key, n.recipients])).toEqual([
      [`sla:${declared.id}:acknowledge:warning`, [IC]],
      [
        `sla:${declared.id}:acknowledge:breach`,
        [IC, 'group:default/payments', 'group:default/leadership'],
      ],
    ]);
  });

  it('leaves closed incidents alone and has nothing due for them', async () => {
    const declared = await store.declareIncident(
      incident({ severity: 'SEV4' }),
    );
    await knex('incidents')
      .where({ id: declared.id })
      .update({ phase: 'closed' });
    expect(await sweepAt(minutes(100_000))).toBe(0);
  });
});

const pg = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(pg)('SLA breaches with two replicas on %s', databaseId => {
  it('records each breach once when two replicas sweep at the same time', async () => {
    const knex = await databases.init(databaseId);
    const replicas = [await storeOn(knex), await storeOn(knex, true)];
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      ids.push((await replicas[0].declareIncident(incident())).id);
    }
    const now = minutes(61);
    await Promise.all(
      [...replicas, ...replicas].map(incidents =>
        runSlaSweep({ db: knex, incidents, clock: { now: () => now } }),
      ),
    );
    for (const id of ids) {
      expect((await slaEntries(knex, id)).sort()).toEqual([
        'acknowledge',
        'mitigate',
      ]);
    }
  });

  it('runs as one global task for two schedulers: each breach once', async () => {
    const knex = await databases.init(databaseId);
    const replicas = [await storeOn(knex), await storeOn(knex, true)];
    const declared = await replicas[0].declareIncident(
      incident({
        declaredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      }),
    );
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
    const config = readCommsConfig(
      new ConfigReader({
        incidents: { sla: { checkFrequency: { seconds: 1 } } },
      }),
    );
    for (const [index, incidents] of replicas.entries()) {
      await scheduleCommsJobs({
        scheduler: DefaultSchedulerService.create({
          database: mockServices.database({ knex }),
          logger: mockServices.logger.mock(),
          metrics: metrics as any,
          rootLifecycle: mockServices.rootLifecycle.mock(),
          httpRouter: mockServices.httpRouter.mock(),
          pluginMetadata: { getId: () => 'incidents' },
        }),
        config,
        logger: mockServices.logger.mock(),
        sweep: async () => {
          runs[index] += 1;
          return runSlaSweep({
            db: knex,
            incidents,
            clock: { now: () => new Date() },
          });
        },
        prompt: async () => 0,
        signal: abort.signal,
      });
    }
    const deadline = Date.now() + 20_000;
    while (runs[0] + runs[1] < 4 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    abort.abort();
    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(4);
    expect(await slaEntries(knex, declared.id)).toEqual(['acknowledge']);
    const [{ n }] = await knex('backstage_backend_tasks__tasks')
      .where('id', SLA_TASK_ID)
      .count({ n: '*' });
    expect(Number(n)).toBe(1);
  });
});
