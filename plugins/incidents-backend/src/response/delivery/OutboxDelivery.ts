import { LoggerService } from '@backstage/backend-plugin-api';
import { Clock } from '../../domain/clock';
import { Effect, EffectType } from '../../domain/effects';
import {
  ClaimedEffect,
  LANE_HOLD_ATTEMPTS,
  OutboxStore,
} from '../../database/outbox';

/**
 * How long a lane's sent effects may wait to be recorded as delivered: what a dead replica
 * redelivers is at most this much of one lane.
 */
const MARK_EVERY_MS = 1_000;

/** Sends one effect; throws to have it retried. */
export type EffectHandler<T extends EffectType = EffectType> = (
  effect: Extract<Effect, { type: T }>,
) => Promise<void>;

export type EffectHandlers = { [T in EffectType]: EffectHandler<T> };

export interface OutboxDeliveryOptions {
  outbox: OutboxStore;
  handlers: EffectHandlers;
  logger: LoggerService;
  clock: Clock;
  /** Effects claimed per round. */
  batchSize?: number;
  /** How long a claim holds before another worker may take the effect over. */
  leaseMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How many effects (of different incidents) are delivered at once. Default 8. */
  concurrency?: number;
}

/**
 * Delivers the outbox: claims due effects (a lease in the database, so replicas share the
 * work and a dead replica's claims expire), sends each through its handler, and marks it
 * delivered, or schedules a retry with exponential backoff. At least once: an effect whose
 * delivery succeeded but could not be marked is sent again with the same key, which is the
 * idempotency key the handlers pass on.
 *
 * `kick()` runs a delivery round soon (after a commit); `run()` drains everything due (the
 * scheduled task, on whichever replica holds it).
 */
export class OutboxDelivery {
  private current: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private readonly batchSize: number;
  /** How long a claim holds (also the lease of effects written claimed by their writer). */
  readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly concurrency: number;

  constructor(private readonly options: OutboxDeliveryOptions) {
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
    this.concurrency = options.concurrency ?? 8;
  }

  /**
   * Delivers what is due without waiting for the scheduled round. Resolves once a round that
   * started after this call has finished (so a caller's own commit is covered); never throws.
   */
  kick(): Promise<void> {
    if (this.next) {
      return this.next;
    }
    const start = (): Promise<void> => {
      this.next = undefined;
      const round: Promise<void> = this.drain()
        .then(
          () => undefined,
          error =>
            this.options.logger.warn(
              `Outbox delivery round failed; the scheduled task retries: ${
                (error as Error).message
              }`,
            ),
        )
        .finally(() => {
          if (this.current === round) {
            this.current = undefined;
          }
        });
      this.current = round;
      return round;
    };
    if (!this.current) {
      return start();
    }
    this.next = this.current.then(start);
    return this.next;
  }

  /**
   * Delivers one incident's due effects, in their order: what a write calls right after its
   * commit, so that its answer waits for its own page or notice only, not for a round over
   * everyone's. Effects another worker holds are left to it; never throws.
   * `claimedByWriter`: a new incident's effects that its writer claimed as it wrote them
   * (no claim needed here).
   */
  async deliverIncident(
    incidentId: string,
    claimedByWriter?: ClaimedEffect[],
  ): Promise<void> {
    try {
      if (claimedByWriter) {
        await this.deliverLane(await this.stillHeld(claimedByWriter));
        return;
      }
      for (;;) {
        const claimed = await this.options.outbox.claim(
          this.options.clock.now(),
          { limit: this.batchSize, leaseMs: this.leaseMs, incidentId },
        );
        await this.deliverLane(claimed);
        if (claimed.length < this.batchSize) return;
      }
    } catch (error) {
      this.options.logger.warn(
        `Outbox delivery for incident ${incidentId} failed; the scheduled task retries: ${
          (error as Error).message
        }`,
      );
    }
  }

  /**
   * A writer's claims as they stand: the lease began with the write, so a write that took
   * long (a slow on-call look-up, a lock wait) renews it first; effects whose lease already
   * passed to another worker are left to it.
   */
  private async stillHeld(claimed: ClaimedEffect[]): Promise<ClaimedEffect[]> {
    const now = this.options.clock.now();
    const fresh = claimed.every(
      c => c.claimedUntil.getTime() - now.getTime() >= this.leaseMs / 2,
    );
    return fresh
      ? claimed
      : this.options.outbox.renew(claimed, now, this.leaseMs);
  }

  /** Resolves once no kicked round is running; for shutdown and tests. */
  async idle(): Promise<void> {
    while (this.current || this.next) {
      await (this.next ?? this.current);
    }
  }

  /** Delivers everything due now; returns how many effects were delivered. */
  async run(): Promise<number> {
    return this.drain();
  }

  private async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const claimed = await this.options.outbox.claim(
        this.options.clock.now(),
        {
          limit: this.batchSize,
          leaseMs: this.leaseMs,
        },
      );
      delivered += await this.deliverInLanes(claimed);
      if (claimed.length < this.batchSize) {
        return delivered;
      }
    }
  }

  /**
   * Delivers a claimed batch: the effects of one incident in their order (a page before its
   * closure), different incidents side by side, at most `concurrency` at once, so that a
   * burst of declarations is not delivered one HTTP call after another.
   */
  private async deliverInLanes(claimed: ClaimedEffect[]): Promise<number> {
    const lanes = new Map<string, ClaimedEffect[]>();
    for (const item of claimed) {
      const lane = item.incidentId ?? `effect:${item.id}`;
      lanes.set(lane, [...(lanes.get(lane) ?? []), item]);
    }
    const queue = [...lanes.values()];
    let delivered = 0;
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        const count = await this.deliverLane(lane);
        delivered += count;
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, queue.length) }, worker),
    );
    return delivered;
  }

  /**
   * Delivers one incident's claimed effects in their order. What went out is recorded in one
   * statement at the end of the lane, or by a timer once it has waited {@link MARK_EVERY_MS}
   * (while a slow handler runs): a replica that dies, or a lane that outlives its lease,
   * redelivers at most that much (delivery is at least once, and the keys make a redelivery
   * an update). After a failure, the claimed effects of the same type are handed back: they
   * go out after its retry, not before (for its first {@link LANE_HOLD_ATTEMPTS} attempts).
   * Returns how many went out.
   */
  private async deliverLane(lane: ClaimedEffect[]): Promise<number> {
    const { outbox, clock, logger } = this.options;
    let next = 0;
    let delivered = 0;
    let sent: number[] = [];
    let timer: NodeJS.Timeout | undefined;
    let recording: Promise<void> = Promise.resolve();
    const record = () => {
      clearTimeout(timer);
      timer = undefined;
      const ids = sent;
      sent = [];
      // Each recording on its own: one that failed does not stop the next.
      recording = recording
        .catch(() => {})
        .then(async () => {
          if (ids.length === 0) return;
          await outbox.markDelivered(ids, clock.now());
          delivered += ids.length;
        });
      return recording;
    };
    const failedTypes = new Set<EffectType>();
    const heldBack: ClaimedEffect[] = [];
    try {
      for (; next < lane.length; next++) {
        const item = lane[next];
        if (item.incidentId && failedTypes.has(item.effect.type)) {
          heldBack.push(item);
        } else if (await this.deliver(item)) {
          sent.push(item.id);
          if (!timer) {
            timer = setTimeout(
              () =>
                record().catch(error =>
                  logger.warn(
                    `Outbox: recording deliveries failed; they are sent again after their lease: ${
                      (error as Error).message
                    }`,
                  ),
                ),
              MARK_EVERY_MS,
            );
            timer.unref?.();
          }
        } else if (item.attempts < LANE_HOLD_ATTEMPTS) {
          failedTypes.add(item.effect.type);
        }
      }
      await record();
    } finally {
      clearTimeout(timer);
      // What went out before a failure to record an outcome: recorded if it still can be.
      await record().catch(() => {});
      // Handed back: the held-back ones and, when recording an outcome failed, those after
      // it, so that they are not left claimed for a whole lease.
      await outbox.release([...heldBack, ...lane.slice(next + 1)]);
    }
    return delivered;
  }

  /** Hands one effect to its handler; records a failure (and the retry time) at once. */
  private async deliver(item: ClaimedEffect): Promise<boolean> {
    const { outbox, handlers, logger, clock } = this.options;
    const handler = handlers[item.effect.type] as EffectHandler | undefined;
    try {
      if (!handler) {
        throw new Error(`no handler for effect type '${item.effect.type}'`);
      }
      await handler(item.effect);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const delay = Math.min(
        this.backoffMs * 2 ** Math.max(0, item.attempts - 1),
        this.maxBackoffMs,
      );
      const retryAt = new Date(clock.now().getTime() + delay);
      logger.warn(
        `Outbox: delivering ${item.effect.type} ${
          item.effect.key
        } failed (attempt ${
          item.attempts
        }), retrying at ${retryAt.toISOString()}: ${message}`,
      );
      await outbox.markFailed(item.id, message, retryAt);
      return false;
    }
    return true;
  }
}
