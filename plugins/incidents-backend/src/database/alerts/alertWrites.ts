import { Knex } from 'knex';
import { AlertDecision, AlertState } from '../../domain/alerts/lifecycle';
import {
  ALL_COLUMNS,
  AlertRow,
  CORE_COLUMNS,
  MUTABLE_COLUMNS,
  rowFromState,
} from './alertRows';
import { chunks, compare } from './sql';

/** One alert of a write, before and after. */
export interface AlertWrite {
  decision: AlertDecision;
  next: AlertState;
  /** Set when this write attached the alert to an incident. */
  joined?: string;
  /** The (closed) incident the alert left for `joined`: it keeps it as history. */
  left?: string;
  /** The stored row already equals `next` (inserted so): no second write. */
  written?: boolean;
}

/**
 * Inserts alerts, or on conflict either only touches `last_seen_at` and returns the stored
 * core columns ('touch': the first statement of a delivery, which also locks the rows)
 * or overwrites every mutable column ('merge': the second). Rows in dedup-key order.
 *
 * 'touch' leaves exact repeats alone and does not return them (the same notification
 * twice writes nothing): same content digest, status, start and routing, and attached to
 * an incident unless they could not be (no rule severity, no entity). A repeat of an alert
 * still waiting for its incident comes back, so that it can claim one again.
 *
 * PostgreSQL (`pg`) gets bulk statements with all rows in one JSON parameter.
 */
export async function upsertAlerts(
  trx: Knex.Transaction,
  states: AlertState[],
  mode: 'touch' | 'merge',
  pg: boolean,
): Promise<AlertRow[]> {
  if (states.length === 0) {
    return [];
  }
  const rows = states.map(rowFromState) as unknown as Record<string, unknown>[];
  const same = (a: string, b: string) =>
    pg ? `${a} is not distinct from ${b}` : `${a} is ${b}`;
  const changedOnly =
    'not (alerts.content_hash = excluded.content_hash' +
    ' and alerts.status = excluded.status' +
    ' and alerts.starts_at = excluded.starts_at' +
    ` and ${same('alerts.entity_ref', 'excluded.entity_ref')}` +
    ` and ${same('alerts.route_note', 'excluded.route_note')}` +
    ' and (alerts.incident_id is not null or excluded.rule_severity is null or excluded.entity_ref is null))';
  if (pg) {
    const set =
      mode === 'touch'
        ? `last_seen_at = excluded.last_seen_at where ${changedOnly}`
        : MUTABLE_COLUMNS.map(c => `${c} = excluded.${c}`).join(', ');
    const columns = ALL_COLUMNS.join(', ');
    const returning =
      mode === 'touch' ? ` returning ${CORE_COLUMNS.join(', ')}` : '';
    // All rows in one JSON parameter, typed by the table's own row type.
    const sql = `insert into alerts (${columns}) select ${columns} from json_populate_recordset(null::alerts, ?::json) on conflict (source, scope, dedup_key) do update set ${set}${returning}`;
    const result = await trx.raw(sql, [JSON.stringify(rows)]);
    return result.rows;
  }
  const out: AlertRow[] = [];
  for (const chunk of chunks(rows)) {
    const query = trx('alerts')
      .insert(chunk)
      .onConflict(['source', 'scope', 'dedup_key']);
    if (mode === 'touch') {
      out.push(
        ...(await query
          .merge({ last_seen_at: chunk[0].last_seen_at })
          .where(trx.raw(changedOnly))
          .returning(CORE_COLUMNS)),
      );
    } else {
      await query.merge(MUTABLE_COLUMNS);
    }
  }
  return out;
}

/** Overwrites the stored alerts with `states`, locking them in dedup-key order. */
export async function writeAlerts(
  trx: Knex.Transaction,
  states: AlertState[],
  pg: boolean,
): Promise<void> {
  const sorted = [...states].sort((a, b) => compare(a.dedupKey, b.dedupKey));
  await upsertAlerts(trx, sorted, 'merge', pg);
}
