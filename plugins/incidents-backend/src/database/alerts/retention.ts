import { OPEN_PHASES } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { toDbTimestamp } from '../rows';
import { Db, retryingTransaction } from './sql';

/** Rows per delete statement: short statements, so a backlog never locks `alerts` for long. */
export const RETENTION_BATCH_SIZE = 1_000;

/**
 * Resolved alerts unchanged and unseen since `before` that neither belong nor belonged
 * (`incident_alerts`) to an open incident. The history rows of the closed incidents they
 * belonged to go with them (ON DELETE CASCADE).
 */
function whereExpired(query: Knex.QueryBuilder, db: Db, before: Date) {
  const openIncidents = db('incidents')
    .select('id')
    .whereIn('phase', OPEN_PHASES);
  return query
    .where('alerts.status', 'resolved')
    .where('alerts.updated_at', '<', before)
    .where('alerts.last_seen_at', '<', before)
    .where(q =>
      q
        .whereNull('alerts.incident_id')
        .orWhereNotIn('alerts.incident_id', openIncidents),
    )
    .whereNotIn(
      'alerts.id',
      db('incident_alerts')
        .select('alert_id')
        .whereIn('incident_id', openIncidents.clone()),
    );
}

/**
 * Deletes expired alerts (see `whereExpired`) in batches of `batchSize`: each batch selects
 * ids, then deletes those still expired (an alert may fire again or join an incident in
 * between). Returns how many it deleted.
 */
export async function deleteExpiredAlerts(
  db: Knex,
  options: { before: string; batchSize?: number; signal?: AbortSignal },
): Promise<number> {
  const before = toDbTimestamp(options.before);
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  let deleted = 0;
  for (;;) {
    if (options.signal?.aborted) {
      return deleted;
    }
    const rows: { id: string }[] = await whereExpired(
      db('alerts').select('alerts.id'),
      db,
      before,
    )
      .orderBy('alerts.updated_at', 'asc')
      .limit(batchSize);
    if (rows.length === 0) {
      return deleted;
    }
    const ids = rows.map(r => r.id);
    // Retried on a deadlock with a concurrent delivery (which locks alerts in its own order).
    deleted += await retryingTransaction(db, trx =>
      whereExpired(
        trx('alerts').whereIn('alerts.id', ids),
        trx,
        before,
      ).delete(),
    );
    if (rows.length < batchSize) {
      return deleted;
    }
  }
}
