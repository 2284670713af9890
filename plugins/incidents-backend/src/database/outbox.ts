import { Knex } from 'knex';
import { Effect } from '../domain/effects';
import { isPostgres } from './dialect';

/** Writes effects into the outbox, inside the caller's transaction; a known key is a no-op. */
export async function enqueueEffects(
  db: Knex | Knex.Transaction,
  effects: readonly Effect[],
  now: Date,
  incidentId?: string,
): Promise<void> {
  if (effects.length === 0) {
    return;
  }
  const rows = effects.map(effect => ({
    key: effect.key,
    incident_id:
      incidentId ?? ('incidentId' in effect ? effect.incidentId : null),
    type: effect.type,
    payload: JSON.stringify(effect),
    created_at: now,
    next_attempt_at: now,
    attempts: 0,
  }));
  // Chunks keep the insert under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    await db('incident_outbox')
      .insert(rows.slice(i, i + 100))
      .onConflict('key')
      .ignore();
  }
}

/** One effect a worker has claimed. */
export interface ClaimedEffect {
  id: number;
  attempts: number;
  effect: Effect;
  /** The incident it is about: effects of one incident are delivered in order. */
  incidentId?: string;
}

/** What the delivery worker needs of the outbox table. */
export class OutboxStore {
  constructor(private readonly db: Knex) {}

  /**
   * Claims up to `limit` due effects for `leaseMs`: another worker (on this replica or
   * another) skips them until the lease runs out, so a worker that died mid-delivery is
   * taken over once its lease has passed.
   */
  async claim(
    now: Date,
    options: {
      limit: number;
      leaseMs: number;
      /** Only this incident's effects (its writer delivers them right after its commit). */
      incidentId?: string;
    },
  ): Promise<ClaimedEffect[]> {
    const db = this.db;
    const due = db('incident_outbox as o')
      .whereNull('o.delivered_at')
      .where('o.next_attempt_at', '<=', now)
      .where(inner =>
        inner.whereNull('o.claimed_until').orWhere('o.claimed_until', '<', now),
      )
      // An incident's effects go out in their order: none is claimed while an earlier one
      // of the same incident is out with another worker (here or on another replica).
      .whereNotExists(
        db('incident_outbox as earlier')
          .whereRaw('earlier.incident_id = o.incident_id')
          .whereRaw('earlier.id < o.id')
          .whereNull('earlier.delivered_at')
          .where('earlier.claimed_until', '>=', now)
          .select(db.raw('1')),
      )
      .orderBy('o.next_attempt_at')
      .orderBy('o.id')
      .limit(options.limit)
      .select('o.id');
    if (options.incidentId) {
      due.where('o.incident_id', options.incidentId);
    }
    if (isPostgres(db)) {
      due.forUpdate('o').skipLocked();
    }
    // One statement: the claim is atomic without a transaction around it (PostgreSQL skips
    // the rows another worker is claiming; SQLite has one writer at a time). The due ids are
    // a materialized CTE so that the locking subquery runs once: re-run on the inner side of
    // a join, `LIMIT … SKIP LOCKED` could pick other rows and claim more than the limit.
    const rows: {
      id: number | string;
      attempts: number | string;
      payload: string;
      incident_id: string | null;
      next_attempt_at: Date | string | number;
    }[] = await db('incident_outbox')
      .withMaterialized('due', due)
      .whereIn('id', db('due').select('id'))
      .update({
        claimed_until: new Date(now.getTime() + options.leaseMs),
        attempts: db.raw('attempts + 1'),
      })
      .returning([
        'id',
        'attempts',
        'payload',
        'incident_id',
        'next_attempt_at',
      ]);
    // RETURNING promises no order: back into the claim's.
    const at = (row: (typeof rows)[number]) =>
      new Date(row.next_attempt_at).getTime();
    return rows
      .sort((a, b) => at(a) - at(b) || Number(a.id) - Number(b.id))
      .map(row => ({
        id: Number(row.id),
        attempts: Number(row.attempts),
        effect: JSON.parse(row.payload) as Effect,
        ...(row.incident_id ? { incidentId: row.incident_id } : {}),
      }));
  }

  async markDelivered(id: number, at: Date): Promise<void> {
    await this.db('incident_outbox')
      .where({ id })
      .update({ delivered_at: at, claimed_until: null, last_error: null });
  }

  async markFailed(id: number, error: string, retryAt: Date): Promise<void> {
    await this.db('incident_outbox')
      .where({ id })
      .update({
        next_attempt_at: retryAt,
        claimed_until: null,
        last_error: error.slice(0, 2000),
      });
  }

  /** Deletes delivered effects older than `before`, in bounded batches. */
  async pruneDelivered(before: Date, batch = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = (
        await this.db('incident_outbox')
          .where('delivered_at', '<', before)
          .limit(batch)
          .select('id')
      ).map(r => r.id);
      if (ids.length === 0) {
        return total;
      }
      total += await this.db('incident_outbox').whereIn('id', ids).delete();
    }
  }
}
