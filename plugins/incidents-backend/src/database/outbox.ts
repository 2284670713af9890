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
  await insertEffects(db, effects, now, incidentId);
}

/**
 * Writes a new incident's effects into the outbox already claimed by their writer for
 * `leaseMs`, and returns the claims: the writer delivers them right after its commit
 * without a claim of its own. Only for an incident that the same transaction creates: it
 * has no earlier effect that these could overtake. A writer that dies before delivering
 * leaves them to another worker once the lease has passed, as with any claim.
 */
export async function enqueueClaimedEffects(
  trx: Knex.Transaction,
  effects: readonly Effect[],
  now: Date,
  incidentId: string,
  leaseMs: number,
): Promise<ClaimedEffect[]> {
  const claimedUntil = new Date(now.getTime() + leaseMs);
  const inserted = await insertEffects(trx, effects, now, incidentId, {
    claimed_until: claimedUntil,
    attempts: 1,
  });
  // A key written twice is stored once, as first written.
  const byKey = new Map<string, Effect>();
  for (const effect of effects) {
    if (!byKey.has(effect.key)) byKey.set(effect.key, effect);
  }
  return inserted
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(row => ({
      id: Number(row.id),
      attempts: 1,
      effect: byKey.get(row.key)!,
      incidentId,
      claimedUntil,
    }));
}

async function insertEffects(
  db: Knex | Knex.Transaction,
  effects: readonly Effect[],
  now: Date,
  incidentId?: string,
  claim?: { claimed_until: Date; attempts: number },
): Promise<{ id: number | string; key: string }[]> {
  const rows = effects.map(effect => ({
    key: effect.key,
    incident_id:
      incidentId ?? ('incidentId' in effect ? effect.incidentId : null),
    type: effect.type,
    payload: JSON.stringify(effect),
    created_at: now,
    next_attempt_at: now,
    attempts: 0,
    ...claim,
  }));
  const inserted: { id: number | string; key: string }[] = [];
  // Chunks keep the insert under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = db('incident_outbox')
      .insert(rows.slice(i, i + 100))
      .onConflict('key')
      .ignore();
    // Only a claim needs the ids back (a known key is not this writer's: not returned).
    if (claim) inserted.push(...(await chunk.returning(['id', 'key'])));
    else await chunk;
  }
  return inserted;
}

/** One effect a worker has claimed. */
export interface ClaimedEffect {
  id: number;
  attempts: number;
  effect: Effect;
  /** The incident it is about: effects of one incident are delivered in order. */
  incidentId?: string;
  /** The claim's lease: only the holder of this lease may hand the effect back. */
  claimedUntil: Date;
}

/**
 * How many failed attempts an effect holds back the later effects of its lane for: with the
 * doubling backoff from 1 s, about four minutes. An effect that keeps failing past that no
 * longer holds up its incident's later pages and notices; it keeps being retried.
 */
export const LANE_HOLD_ATTEMPTS = 8;

/** What the delivery worker needs of the outbox table. */
export class OutboxStore {
  constructor(private readonly db: Knex) {}

  /**
   * Claims up to `limit` due effects for `leaseMs`: another worker (on this replica or
   * another) skips them until the lease runs out, so a worker that died mid-delivery is
   * taken over once its lease has passed.
   *
   * The effects of one incident and type (its lane: its notifications, its events, …) go out
   * in their order. An effect is claimed only with every earlier undelivered effect of its
   * lane in the same claim: not while one is out with another worker (here or on another
   * replica), nor while one waits for its retry after a failure, for its first
   * {@link LANE_HOLD_ATTEMPTS} attempts.
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
    // The earlier undelivered effects of a lane that still hold it (not given up on).
    const earlierInLane = (outer: string) =>
      db('incident_outbox as earlier')
        .whereRaw(`earlier.incident_id = ${outer}.incident_id`)
        .whereRaw(`earlier.type = ${outer}.type`)
        .whereRaw(`earlier.id < ${outer}.id`)
        .whereNull('earlier.delivered_at')
        .where('earlier.attempts', '<', LANE_HOLD_ATTEMPTS)
        .select(db.raw('1'));
    const due = db('incident_outbox as o')
      .whereNull('o.delivered_at')
      .where('o.next_attempt_at', '<=', now)
      .where(inner =>
        inner.whereNull('o.claimed_until').orWhere('o.claimed_until', '<', now),
      )
      // Not behind an effect that another worker holds or that waits for its retry.
      .whereNotExists(
        earlierInLane('o').where(blocking =>
          blocking
            .where('earlier.claimed_until', '>=', now)
            .orWhere('earlier.next_attempt_at', '>', now),
        ),
      )
      // Oldest first, so that a lane's first effect comes before those that follow it.
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
    //
    // The second condition keeps a lane's order when workers race: an effect is left out if
    // an earlier one of its lane is undelivered and not among the rows this claim locked (a
    // worker whose claim has not committed yet holds it, or the limit cut it off).
    const claimedUntil = new Date(now.getTime() + options.leaseMs);
    const rows: {
      id: number | string;
      attempts: number | string;
      payload: string;
      incident_id: string | null;
    }[] = await db('incident_outbox')
      .withMaterialized('due', due)
      .whereIn('id', db('due').select('id'))
      .whereNotExists(
        earlierInLane('incident_outbox').whereNotIn(
          'earlier.id',
          db('due').select('id'),
        ),
      )
      .update({
        claimed_until: claimedUntil,
        attempts: db.raw('attempts + 1'),
      })
      .returning(['id', 'attempts', 'payload', 'incident_id']);
    // RETURNING promises no order: back into the claim's.
    return rows
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map(row => ({
        id: Number(row.id),
        attempts: Number(row.attempts),
        effect: JSON.parse(row.payload) as Effect,
        ...(row.incident_id ? { incidentId: row.incident_id } : {}),
        claimedUntil,
      }));
  }

  /**
   * Hands claimed effects back undelivered (their lane's earlier effect failed), as if they
   * had not been claimed: they wait behind that effect's retry.
   */
  async release(effects: readonly ClaimedEffect[]): Promise<void> {
    for (const lease of new Set(effects.map(e => e.claimedUntil.getTime()))) {
      // Only while the lease is still this claim's: past it, another worker may hold them.
      await this.db('incident_outbox')
        .whereIn(
          'id',
          effects
            .filter(e => e.claimedUntil.getTime() === lease)
            .map(e => e.id),
        )
        .whereNull('delivered_at')
        .where('claimed_until', new Date(lease))
        .update({
          claimed_until: null,
          attempts: this.db.raw('attempts - 1'),
        });
    }
  }

  /**
   * Extends claims for `leaseMs` from `now`, while they are still these claims' (their lease
   * not taken over); returns those it extended, in their order.
   */
  async renew(
    claims: readonly ClaimedEffect[],
    now: Date,
    leaseMs: number,
  ): Promise<ClaimedEffect[]> {
    const claimedUntil = new Date(now.getTime() + leaseMs);
    const renewed: ClaimedEffect[] = [];
    for (const lease of new Set(claims.map(e => e.claimedUntil.getTime()))) {
      const mine = claims.filter(e => e.claimedUntil.getTime() === lease);
      const ids: (number | string)[] = await this.db('incident_outbox')
        .whereIn(
          'id',
          mine.map(e => e.id),
        )
        .whereNull('delivered_at')
        .where('claimed_until', new Date(lease))
        .update({ claimed_until: claimedUntil })
        .returning('id')
        .then(rows => rows.map((r: { id: number | string }) => r.id));
      const kept = new Set(ids.map(Number));
      renewed.push(
        ...mine.filter(e => kept.has(e.id)).map(e => ({ ...e, claimedUntil })),
      );
    }
    return renewed.sort((a, b) => a.id - b.id);
  }

  /** Records effects as delivered: one statement for what a lane sent. */
  async markDelivered(
    ids: number | readonly number[],
    at: Date,
  ): Promise<void> {
    const all: readonly number[] = Array.isArray(ids) ? ids : [ids];
    if (all.length === 0) return;
    await this.db('incident_outbox')
      .whereIn('id', all)
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
