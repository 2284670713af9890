import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { NewIncident } from '../domain';
import { captureQueries } from '../__testUtils__/queryPlans';
import { DatabaseIncidentsStore } from './DatabaseIncidentsStore';
import {
  COUNTED_COMMANDS,
  readOpenCommandedIncidents,
} from './commandedIncidents';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const incident = (commander: string, i: number): NewIncident => ({
  title: `Storm ${i}`,
  summary: 'Everything pages',
  customerImpact: 'Some',
  severity: 'SEV2',
  regions: [],
  restricted: false,
  source: 'manual',
  createdBy: 'user:default/dana',
  declaredAt: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString(),
  entities: [],
  roles: [{ role: 'incident-commander', userRef: commander }],
  timeline: [],
});

interface AnalyzedNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: AnalyzedNode[];
}

/** Every scan of `table` in the plan, with the rows it returned per loop. */
function scansOf(node: AnalyzedNode, table: string): AnalyzedNode[] {
  return [
    ...(node['Relation Name'] === table ? [node] : []),
    ...(node.Plans ?? []).flatMap(child => scansOf(child, table)),
  ];
}

describe('the open commands of a storm commander on PostgreSQL', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    const store = await DatabaseIncidentsStore.create({
      database: mockServices.database({ knex }),
    });
    // One person commands many more open SEV2s than the rule counts; another a few.
    const storm = COUNTED_COMMANDS * 3;
    for (let i = 0; i < storm; i++) {
      await store.declareIncident(incident('user:default/alice', i));
    }
    for (let i = 0; i < 3; i++) {
      await store.declareIncident(incident('user:default/bob', storm + i));
    }
    // And, as in a real catalog, a thousand others command a few each: the planner's
    // estimate for one person is then a handful of entries.
    await knex.raw(`insert into incidents (id, number, title, summary, customer_impact,
        severity, phase, regions, source, created_by, declared_at, updated_at, version)
      select gen_random_uuid(), 1000 + g, title, summary, customer_impact, severity, phase,
        regions, source, created_by, declared_at, updated_at, version
      from incidents, generate_series(1, 3000) g where number = 1`);
    await knex.raw(`insert into incident_roles (incident_id, role, user_ref, assigned_at,
        assigned_by, version, incident_number, incident_severity, incident_restricted)
      select id, 'incident-commander', 'user:default/u' || (number % 1000), declared_at,
        created_by, 1, number, severity, false
      from incidents where number > 1000`);
    await knex.raw('analyze incidents');
    await knex.raw('analyze incident_roles');
  });

  it('reads at most the counted entries of each lane, as it runs, however many there are', async () => {
    const users = ['user:default/alice', 'user:default/bob'];
    const statements = await captureQueries(knex, async () => {
      const commands = await readOpenCommandedIncidents(knex, {
        userRefs: users,
        downTo: 'SEV2',
      });
      expect(commands.filter(c => c.userRef === 'user:default/alice')).toEqual([
        expect.objectContaining({ incidentRef: 'INC-1' }),
        expect.objectContaining({ incidentRef: 'INC-2' }),
        expect.objectContaining({
          incidentRef: 'INC-3',
          also: COUNTED_COMMANDS - 2,
          alsoAtLeast: true,
        }),
      ]);
    });
    // Replayed as it ran, with its settings, in one transaction: EXPLAIN ANALYZE of the read.
    // This table is small enough to scan; the bench's is not (sequential scans off, as there).
    const read = statements.find(s => /^\s*select/i.test(s.sql));
    expect(read).toBeDefined();
    const plan = await knex.transaction(async trx => {
      await trx.raw('set local enable_seqscan = off');
      for (const s of statements.filter(q => /^\s*set /i.test(q.sql))) {
        await trx.raw(s.sql);
      }
      const result = await trx.raw(
        `explain (analyze, format json) ${read!.sql.replace(/\$\d+/g, '?')}`,
        read!.bindings as Knex.RawBinding[],
      );
      return result.rows[0]['QUERY PLAN'][0].Plan as AnalyzedNode;
    });
    const scans = scansOf(plan, 'incident_roles');
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      // An index range read in order and stopped at its limit, never the whole lane.
      expect(scan['Node Type']).toBe('Index Scan');
      expect(scan['Actual Rows']).toBeLessThanOrEqual(COUNTED_COMMANDS + 1);
    }
  });
});
