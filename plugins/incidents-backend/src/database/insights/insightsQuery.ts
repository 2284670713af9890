import {
  IncidentPolicy,
  InsightsResponse,
  OPEN_ACTION_ITEM_STATUSES,
  SEVERITIES,
  Severity,
  SlaCompliance,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { VisibilityScope } from '../../domain/visibility';
import { bothCases } from '../incidentEntities';
import { toDbTimestamp } from '../rows';
import { whereIncidentVisible } from '../visibility';
import { isPostgres } from '../dialect';

export interface InsightsFilter {
  from: string;
  to: string;
  severities?: Severity[];
  /** Owners of affected entities (a team and its sub-teams). */
  ownerRefs?: string[];
  visibleTo: VisibilityScope;
  now: Date;
}

/**
 * Minutes between two timestamp columns, in each dialect's own arithmetic: in PostgreSQL as
 * double precision (`date_part`), since `extract` gives numeric, whose division over a
 * range's twelve thousand rows took a fifth of the weekly aggregate.
 */
function minutesExpr(db: Knex, from: string, to: string): string {
  return isPostgres(db)
    ? `(date_part('epoch', ${to} - ${from}) / 60)`
    : `((${to} - ${from}) / 60000.0)`;
}

/** Monday (UTC) of a timestamp column, as text YYYY-MM-DD. */
function weekExpr(db: Knex, column: string): string {
  return isPostgres(db)
    ? `to_char(date_trunc('week', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`
    : `date(${column} / 1000, 'unixepoch', 'weekday 0', '-6 days')`;
}

/** The incidents the figures are over: declared in [from, to), visible, filtered. */
export function incidentsInRange(
  db: Knex,
  filter: InsightsFilter,
): Knex.QueryBuilder {
  const query = db('incidents')
    .where('incidents.declared_at', '>=', toDbTimestamp(filter.from))
    .where('incidents.declared_at', '<', toDbTimestamp(filter.to));
  whereIncidentVisible(query, db, filter.visibleTo);
  if (filter.severities) query.whereIn('incidents.severity', filter.severities);
  if (filter.ownerRefs) {
    query.whereIn(
      'incidents.id',
      db('incident_entities')
        .select('incident_id')
        .whereIn('owner_ref', bothCases(filter.ownerRefs)),
    );
  }
  return query;
}

/**
 * The rows of `table` (incident_entities, incident_action_items) of the incidents in the
 * range: by their copy of the declaration time (migration 20261203000000), so that an index
 * yields the range's rows rather than a join with the whole history; and among the visible,
 * filtered incidents when the figures are narrower than everything declared in the range.
 */
function rowsOfIncidentsInRange(
  db: Knex,
  table: 'incident_entities' | 'incident_action_items',
  filter: InsightsFilter,
): Knex.QueryBuilder {
  const query = db(table)
    .where(`${table}.incident_declared_at`, '>=', toDbTimestamp(filter.from))
    .where(`${table}.incident_declared_at`, '<', toDbTimestamp(filter.to));
  if (
    filter.visibleTo.kind !== 'all' ||
    filter.severities ||
    filter.ownerRefs
  ) {
    query.whereIn(
      `${table}.incident_id`,
      incidentsInRange(db, filter).select('incidents.id'),
    );
  }
  return query;
}

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const round1 = (v: unknown) => {
  const n = num(v);
  return n === undefined ? undefined : Math.round(n * 10) / 10;
};

/** The three clocks whose means are reported, by their column prefix. */
const CLOCKS = ['mtta', 'mttr', 'ttm'] as const;

/** The range's row: every column of the weeks' rows is a count or a sum, so they add up. */
function sumOfWeeks(weeks: Record<string, unknown>[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const week of weeks) {
    for (const [column, value] of Object.entries(week)) {
      if (column !== 'week_start' && value !== null && value !== undefined) {
        totals[column] = (totals[column] ?? 0) + Number(value);
      }
    }
  }
  return totals;
}

const MILESTONES = [
  ['acknowledge', 'acknowledged_at', 'acknowledgeMinutes'],
  ['mitigation', 'mitigated_at', 'mitigationMinutes'],
  ['resolution', 'resolved_at', 'resolutionMinutes'],
] as const;

/**
 * The leadership figures, each one aggregate query (GROUP BY in the database, never a row
 * per incident in memory): means of the three clocks overall and per week, counts by
 * severity and owning team, SLA compliance per milestone against the policy, and the
 * completion of the action items of those incidents.
 */
export async function queryInsights(
  db: Knex,
  policy: IncidentPolicy,
  filter: InsightsFilter,
): Promise<InsightsResponse> {
  const mtta = minutesExpr(
    db,
    'incidents.declared_at',
    'incidents.acknowledged_at',
  );
  const mttr = minutesExpr(
    db,
    'incidents.declared_at',
    'incidents.resolved_at',
  );
  const ttm = minutesExpr(
    db,
    'incidents.declared_at',
    'incidents.mitigated_at',
  );
  // Sums and counts rather than means: the weeks add up to the range's totals.
  const minutesOf = { mtta, mttr, ttm };
  const sums = CLOCKS.flatMap(name => [
    db.raw(`sum(${minutesOf[name]}) as ${name}_sum`),
    db.raw(`count(${minutesOf[name]}) as ${name}_n`),
  ]);

  const targetOf = (key: (typeof MILESTONES)[number][2]) =>
    `case ${policy.severities
      .map(
        s => `when incidents.severity = '${s.id}' then ${Number(s.sla[key])}`,
      )
      .join(' ')} end`;
  const bySeverity = SEVERITIES.map(s =>
    db.raw(`sum(case when incidents.severity = ? then 1 else 0 end) as ??`, [
      s,
      s.toLowerCase(),
    ]),
  );
  const slaColumns = MILESTONES.flatMap(([name, column, key]) => {
    const minutes = minutesExpr(
      db,
      'incidents.declared_at',
      `incidents.${column}`,
    );
    return [
      db.raw(`count(incidents.${column}) as ${name}_measured`),
      db.raw(
        `sum(case when incidents.${column} is not null and ${minutes} <= ${targetOf(
          key,
        )} then 1 else 0 end) as ${name}_met`,
      ),
    ];
  });

  // Three aggregates, side by side: per week (the range's totals are the weeks' sums, so
  // the range's incidents are read once), per owning team, and the action items of the
  // range's incidents.
  const week = weekExpr(db, 'incidents.declared_at');
  const [weekRows, ownerRows, [items]] = await Promise.all([
    incidentsInRange(db, filter)
      .select([
        db.raw(`${week} as week_start`),
        db.raw('count(*) as incidents'),
        ...sums,
        ...bySeverity,
        ...slaColumns,
      ])
      .groupByRaw(week)
      .orderBy('week_start') as Promise<Record<string, unknown>[]>,
    rowsOfIncidentsInRange(db, 'incident_entities', filter)
      .where('incident_entities.relation', 'affected')
      .whereNotNull('incident_entities.owner_ref')
      .select(
        'incident_entities.owner_ref',
        db.raw('count(distinct incident_entities.incident_id) as n'),
      )
      .groupBy('incident_entities.owner_ref')
      .orderBy([{ column: 'n', order: 'desc' }, { column: 'owner_ref' }])
      .limit(20) as Promise<{ owner_ref: string; n: unknown }[]>,
    rowsOfIncidentsInRange(db, 'incident_action_items', filter).select([
      db.raw('count(*) as total'),
      db.raw(`sum(case when status = 'done' then 1 else 0 end) as done`),
      db.raw(`sum(case when status = 'wont_do' then 1 else 0 end) as wont_do`),
      db.raw(
        `sum(case when status in (${OPEN_ACTION_ITEM_STATUSES.map(
          () => '?',
        ).join(', ')}) then 1 else 0 end) as open`,
        OPEN_ACTION_ITEM_STATUSES,
      ),
      db.raw(
        `sum(case when status in (${OPEN_ACTION_ITEM_STATUSES.map(
          () => '?',
        ).join(', ')}) and due_at < ? then 1 else 0 end) as overdue`,
        [...OPEN_ACTION_ITEM_STATUSES, filter.now],
      ),
    ]) as Promise<Record<string, unknown>[]>,
  ]);

  const totals = sumOfWeeks(weekRows);
  const sla: SlaCompliance[] = MILESTONES.map(([name]) => {
    const measured = Number(totals[`${name}_measured`] ?? 0);
    const met = Number(totals[`${name}_met`] ?? 0);
    return {
      milestone: name,
      met,
      measured,
      ...(measured ? { ratio: met / measured } : {}),
    };
  });
  const total = Number(items?.total ?? 0);
  const done = Number(items?.done ?? 0);
  const wontDo = Number(items?.wont_do ?? 0);
  const withMeans = (row: Record<string, unknown>) => {
    const mean = (name: (typeof CLOCKS)[number]) =>
      Number(row[`${name}_n`] ?? 0) > 0
        ? round1(Number(row[`${name}_sum`]) / Number(row[`${name}_n`]))
        : undefined;
    const [mttaMinutes, mttrMinutes, mitigationMinutes] = CLOCKS.map(mean);
    return {
      ...(mttaMinutes !== undefined ? { mttaMinutes } : {}),
      ...(mttrMinutes !== undefined ? { mttrMinutes } : {}),
      ...(mitigationMinutes !== undefined ? { mitigationMinutes } : {}),
    };
  };
  return {
    from: filter.from,
    to: filter.to,
    totals: { incidents: totals.incidents ?? 0, ...withMeans(totals) },
    weeks: weekRows.map(row => ({
      weekStart: String(row.week_start),
      incidents: Number(row.incidents),
      bySeverity: Object.fromEntries(
        SEVERITIES.map(s => [s, Number(row[s.toLowerCase()] ?? 0)]),
      ) as Record<Severity, number>,
      ...withMeans(row),
    })),
    bySeverity: SEVERITIES.map(severity => ({
      severity,
      incidents: Number(totals[severity.toLowerCase()] ?? 0),
    })),
    byOwner: ownerRows.map(r => ({
      ownerRef: r.owner_ref,
      incidents: Number(r.n),
    })),
    sla,
    actionItems: {
      total,
      done,
      wontDo,
      open: Number(items?.open ?? 0),
      overdue: Number(items?.overdue ?? 0),
      ...(total ? { completion: (done + wontDo) / total } : {}),
    },
  };
}
