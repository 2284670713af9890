import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { BenchContext, READ_PATHS } from '../../bench/readPaths';
import {
  LARGE_TABLES,
  captureQueries,
  explain,
  sequentialScans,
} from '../__testUtils__/queryPlans';
import { DatabaseBacklogStore } from './DatabaseBacklogStore';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import { DatabaseRolesStore } from './DatabaseRolesStore';
import { OutboxStore } from './outbox';
import { listDueUpdatePrompts } from './communication/updatePrompts';
import { DEFAULT_UPDATE_CADENCE } from '../domain/communication';

jest.setTimeout(60_000);

/**
 * Every read path of `make bench` has an index to use on PostgreSQL: with sequential scans
 * disabled, the planner still finds a plan without one on the large tables (a table without
 * a usable index leaves it no choice). `make bench` checks the real plans at 100,000
 * incidents.
 */

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('query plans of the read paths on PostgreSQL', () => {
  let knex: Knex;
  let planner: Knex;

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    const store = await DatabaseIncidentsStore.create({
      database: mockServices.database({ knex }),
    });
    for (const [i, severity] of (['SEV1', 'SEV2', 'SEV3'] as const).entries()) {
      await store.declareIncident({
        title: `Certificate expiry on checkout ${i}`,
        summary: 'Latency above objective',
        customerImpact: 'Some customers cannot pay',
        severity,
        regions: ['eu-west-1'],
        restricted: i === 2,
        source: 'manual',
        createdBy: 'user:default/alice',
        declaredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        entities: [
          { entityRef: 'component:default/checkout', relation: 'affected' },
        ],
        timeline: [{ kind: 'declared', body: 'Declared', details: {} }],
      });
    }
    await knex.raw('analyze');
    const connection = knex.client.config.connection;
    planner = knexFactory({
      client: 'pg',
      connection,
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: any, done: (e: unknown, c: unknown) => void) =>
          conn.query('SET enable_seqscan = off', (e: unknown) => done(e, conn)),
      },
    });
  });

  afterAll(async () => {
    await planner?.destroy();
  });

  const replayed = READ_PATHS.filter(p => p.reads);

  it('covers the lists of the Incidents tab, the incident page, the incidents list, team pages and leadership', () => {
    expect(new Set(replayed.map(p => p.page))).toEqual(
      new Set([
        'Incidents tab',
        'Incident page',
        'Incidents list',
        'Team page',
        'Leadership',
      ]),
    );
  });

  // What the scheduled jobs and every declaration ask, on whichever replica runs them.
  const jobReads: [
    string,
    (db: Knex, store: DatabaseIncidentsStore) => Promise<unknown>,
  ][] = [
    [
      'backlog hand-over due',
      db => new DatabaseBacklogStore(db).listDue(new Date()),
    ],
    [
      'open incidents the on-call commands (IC assignment)',
      (db, store) =>
        new DatabaseRolesStore(db, store).openCommandedIncidents({
          userRefs: ['user:default/alice', 'user:default/bob'],
        }),
    ],
    [
      'open incidents due a stakeholder update prompt (prompt job)',
      db => listDueUpdatePrompts(db, DEFAULT_UPDATE_CADENCE, new Date(), 200),
    ],
    [
      "one incident's pending effects (delivery after a write)",
      async db =>
        new OutboxStore(db).claim(new Date(), {
          limit: 50,
          leaseMs: 1_000,
          incidentId: (await knex('incidents').first('id')).id,
        }),
    ],
  ];

  it.each(jobReads)('%s uses indexes', async (_, read) => {
    const store = await DatabaseIncidentsStore.create({
      database: mockServices.database({ knex: planner }),
      skipMigrations: true,
    });
    // The reads, and the claim's update of the rows it reads (EXPLAIN runs neither).
    const queries = (
      await captureQueries(planner, () => read(planner, store))
    ).filter(q => /^\s*(select|update|with)/i.test(q.sql));
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      const plan = await explain(planner, query);
      expect({
        sql: query.sql,
        scans: sequentialScans(plan, [...LARGE_TABLES, 'incident_outbox']),
      }).toEqual({ sql: query.sql, scans: [] });
    }
  });

  it.each(replayed.map(p => [`${p.page}: ${p.name}`, p] as const))(
    '%s uses indexes',
    async (_, path) => {
      const store = await DatabaseIncidentsStore.create({
        database: mockServices.database({ knex: planner }),
        skipMigrations: true,
      });
      const incident = await knex('incidents').where({ number: 1 }).first();
      const ctx: BenchContext = {
        entityRef: 'component:default/checkout',
        incidentRef: 'INC-1',
        incidentId: incident.id,
        longIncidentRef: 'INC-1',
        db: planner,
        incidents: store,
        scope: {
          kind: 'conditions',
          criteria: {
            anyOf: [
              { not: { rule: 'restricted' } },
              { rule: 'responder', refs: ['user:default/guest'] },
            ],
          },
        },
      };
      const queries = await captureQueries(planner, () => path.reads!(ctx));
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) {
        const plan = await explain(planner, query);
        expect({
          sql: query.sql,
          scans: sequentialScans(plan, LARGE_TABLES),
        }).toEqual({
          sql: query.sql,
          scans: [],
        });
      }
    },
  );
});
