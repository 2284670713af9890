import { Knex } from 'knex';

/** One SQL statement as knex sent it. */
export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
}

/** The statements `work` sends through `db` (PostgreSQL or SQLite), in order. */
export async function captureQueries(
  db: Knex,
  work: () => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    captured.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await work();
  } finally {
    db.off('query', listener);
  }
  return captured;
}

/** knex reports PostgreSQL statements with $1.. placeholders; knex.raw takes `?`, in order. */
function rawSql(query: CapturedQuery): string {
  return query.sql.replace(/\$\d+/g, '?');
}

/** The statement with its bindings inlined (for EXPLAIN and pgbench scripts). */
export function inlineSql(db: Knex, query: CapturedQuery): string {
  return db.raw(rawSql(query), query.bindings as Knex.RawBinding[]).toString();
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The PostgreSQL plan of a statement, as the JSON of EXPLAIN. */
export async function explain(
  db: Knex | Knex.Transaction,
  query: CapturedQuery,
): Promise<PlanNode> {
  const result = await db.raw(
    `EXPLAIN (FORMAT JSON) ${rawSql(query)}`,
    query.bindings as Knex.RawBinding[],
  );
  const json = result.rows[0]['QUERY PLAN'];
  return (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan;
}

/** The relations of `tables` that the plan reads with a sequential scan. */
export function sequentialScans(
  plan: PlanNode,
  tables: readonly string[],
): string[] {
  const found: string[] = [];
  const visit = (node: PlanNode) => {
    if (
      node['Node Type'] === 'Seq Scan' &&
      node['Relation Name'] &&
      tables.includes(node['Relation Name'])
    ) {
      found.push(node['Relation Name']);
    }
    node.Plans?.forEach(visit);
  };
  visit(plan);
  return found;
}

/** Tables that grow with the number of incidents: no list may scan them whole. */
export const LARGE_TABLES = [
  'incidents',
  'incident_timeline',
  'incident_entities',
  'incident_roles',
  'incident_pages',
  'alerts',
  'incident_postmortems',
  'incident_action_items',
];
