import {
  IncidentAlert,
  IncidentAlertsResponse,
  Page,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { z } from 'zod';
import { AlertFilter } from '../AlertsStore';
import { decodeAlertCursor, encodeAlertCursor } from '../cursor';
import { pageTotal } from '../keysetPage';
import { AlertRow, alertFromRow } from './alertRows';
import { VisibilityScope } from '../../domain/visibility';
import { whereAlertVisible } from '../visibility';
import { Db } from './sql';
import { withTextTimestamps } from '../textTimestamps';

/** The count of matching alerts stops here ("1000+"): never an unbounded count. */
export const ALERT_TOTAL_CAP = 1000;

/** Alerts with their incident's number (for the incident ref). */
export function selectAlerts(db: Db) {
  return db('alerts')
    .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
    .select('alerts.*', 'incidents.number as incident_number');
}

export async function getAlert(
  db: Knex,
  id: string,
  visibleTo?: VisibilityScope,
): Promise<IncidentAlert | undefined> {
  if (!z.string().uuid().safeParse(id).success) {
    return undefined;
  }
  const query = selectAlerts(db).where('alerts.id', id.toLowerCase()).first();
  if (visibleTo) {
    whereAlertVisible(query, db, visibleTo);
  }
  const row: AlertRow | undefined = await query;
  return row ? alertFromRow(row) : undefined;
}

/** Newest first, by start then id; the inbox is the unrouted filter. */
export async function listAlerts(
  db: Knex,
  filter: AlertFilter,
): Promise<Page<IncidentAlert>> {
  const after = filter.cursor ? decodeAlertCursor(filter.cursor) : undefined;
  const where = (query: Knex.QueryBuilder) => {
    if (filter.unrouted) query.whereNull('alerts.entity_ref');
    if (filter.entityRefs)
      query.whereIn('alerts.entity_ref', filter.entityRefs);
    if (filter.statuses) query.whereIn('alerts.status', filter.statuses);
    if (filter.source) query.where('alerts.source', filter.source);
    if (filter.visibleTo) whereAlertVisible(query, db, filter.visibleTo);
    return query;
  };
  const newestFirst = (query: Knex.QueryBuilder, table: string) =>
    query.orderBy([
      { column: `${table}.starts_at`, order: 'desc' },
      { column: `${table}.id`, order: 'desc' },
    ]);
  let rows: CountedRow[];
  if (after) {
    const at = new Date(after.t);
    const query = newestFirst(where(selectAlerts(db)), 'alerts')
      .where(inner =>
        inner
          .where('alerts.starts_at', '<', at)
          .orWhere(same =>
            same
              .where('alerts.starts_at', '=', at)
              .andWhere('alerts.id', '<', after.id),
          ),
      )
      .limit(filter.limit + 1);
    rows = await withTextTimestamps(db, query);
  } else {
    // A first page and its capped count in one statement: the keys of the newest
    // ALERT_TOTAL_CAP + 1 matches are counted as they are read, and only the page's head
    // of them is read in full.
    const matching = newestFirst(
      where(db('alerts').select('alerts.id', 'alerts.starts_at')),
      'alerts',
    )
      .limit(Math.max(ALERT_TOTAL_CAP, filter.limit) + 1)
      .as('matching');
    const head = newestFirst(
      db
        .from(matching)
        .select('matching.id', db.raw('count(*) over () as matching_count')),
      'matching',
    )
      .limit(filter.limit + 1)
      .as('head');
    const query = newestFirst(
      selectAlerts(db)
        .join(head, 'head.id', 'alerts.id')
        .select('head.matching_count'),
      'alerts',
    );
    rows = await withTextTimestamps(db, query);
  }
  const total = await pageTotal(filter, rows.length, async () => {
    if (!after) {
      return cappedTotal(rows[0]?.matching_count);
    }
    const matching = where(db('alerts'))
      .select('alerts.id')
      .limit(ALERT_TOTAL_CAP + 1)
      .as('matching');
    return cappedTotal(
      (await db.from(matching).count({ count: '*' }).first())?.count,
    );
  });
  const items = rows.slice(0, filter.limit).map(alertFromRow);
  const last = items[items.length - 1];
  return {
    items,
    total,
    ...(rows.length > filter.limit
      ? { nextCursor: encodeAlertCursor(last.startsAt, last.id) }
      : {}),
  };
}

/** An alert row of a first page, with how many alerts matched (up to the cap and one). */
type CountedRow = AlertRow & { matching_count?: number | string };

function cappedTotal(counted: number | string | undefined) {
  const count = Number(counted ?? 0);
  return {
    count: Math.min(count, ALERT_TOTAL_CAP),
    capped: count > ALERT_TOTAL_CAP,
  };
}

/** Every alert that belonged to the incident, and what they say about recovery. */
export async function listIncidentAlerts(
  db: Knex,
  incidentId: string,
  visibleTo?: VisibilityScope,
): Promise<IncidentAlertsResponse> {
  // A union of two index lookups (an OR of the two would scan every alert).
  const ids = db('alerts')
    .where('alerts.incident_id', incidentId)
    .select('alerts.id')
    .union(
      db('incident_alerts')
        .where('incident_alerts.incident_id', incidentId)
        .select('incident_alerts.alert_id'),
    );
  const query = selectAlerts(db);
  if (visibleTo) {
    whereAlertVisible(query, db, visibleTo);
  }
  const rows: AlertRow[] = await withTextTimestamps(db, query)
    .whereIn('alerts.id', ids)
    .orderBy([
      { column: 'alerts.starts_at', order: 'asc' },
      { column: 'alerts.id', order: 'asc' },
    ])
    .limit(1000);
  const items = rows.map(alertFromRow);
  // Recovery is judged on the alerts that are still this incident's (not those that
  // moved on to a later incident after this one closed).
  const current = items.filter(a => a.incidentId === incidentId);
  const firing = current.filter(a => a.status === 'firing').length;
  const acknowledged = current.filter(a => a.status === 'acknowledged').length;
  const resolved = current.filter(a => a.status === 'resolved').length;
  const cleared = current.length > 0 && resolved === current.length;
  const clearedAt = cleared
    ? current
        .map(a => a.endsAt ?? a.lastSeenAt)
        .sort()
        .at(-1)
    : undefined;
  return {
    items,
    summary: {
      total: current.length,
      firing,
      acknowledged,
      resolved,
      cleared,
      ...(clearedAt ? { clearedAt } : {}),
    },
  };
}
