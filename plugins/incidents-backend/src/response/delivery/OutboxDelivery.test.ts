import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseIncidentsStore } from '../../database/DatabaseIncidentsStore';
import {
  LANE_HOLD_ATTEMPTS,
  OutboxStore,
  enqueueClaimedEffects,
  enqueueEffects,
} from '../../database/outbox';
import { captureQueries } from '../../__testUtils__/queryPlans';
import { Effect, EventEffect, NotifyEffect } from '../../domain/effects';
import { EffectHandlers, OutboxDelivery } from './OutboxDelivery';

jest.setTimeout(60_000);

const T0 = new Date('2025-02-06T10:00:00.000Z');

const notice = (i: number): NotifyEffect => ({
  type: 'notify',
  key: `test:${i}`,
  recipients: ['user:default/pat'],
  payload: { title: `Notice ${i}` },
});

const event = (i: number): EventEffect => ({
  type: 'event',
  key: `test:${i}`,
  payload: {} as EventEffect['payload'],
});

/** Handlers that record what they were given, in order, and can be told to fail. */
function recorder(fail: (effect: Effect) => boolean = () => false) {
  const delivered: string[] = [];
  const handlers: EffectHandlers = {
    notify: async effect => {
      if (fail(effect)) throw new Error(`cannot send ${effect.key}`);
      delivered.push(effect.key);
    },
    signal: async effect => {
      delivered.push(effect.key);
    },
    event: async effect => {
      delivered.push(effect.key);
    },
    email: async effect => {
      delivered.push(effect.key);
    },
    'status-page': async effect => {
      delivered.push(effect.key);
    },
  };
  return { delivered, handlers };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('the outbox on %s', databaseId => {
  let knex: Knex;
  let now: Date;
  const clock = { now: () => now };
  const logger = mockServices.logger.mock();

  beforeEach(async () => {
    now = T0;
    knex = await databases.init(databaseId);
    // The plugin's migrations, as the store runs them.
    await DatabaseIncidentsStore.create({
      database: mockServices.database({ knex }),
    });
  });

  const delivery = (handlers: EffectHandlers, db: Knex = knex) =>
    new OutboxDelivery({
      outbox: new OutboxStore(db),
      handlers,
      logger,
      clock,
      batchSize: 20,
      backoffMs: 1_000,
      maxBackoffMs: 8_000,
    });

  it('delivers in order, once, and writing an effect twice is a no-op', async () => {
    await enqueueEffects(knex, [notice(1), notice(2)], now);
    await enqueueEffects(knex, [notice(2), notice(3)], now);
    const { delivered, handlers } = recorder();
    const worker = delivery(handlers);
    expect(await worker.run()).toBe(3);
    expect(await worker.run()).toBe(0);
    expect(delivered).toEqual(['test:1', 'test:2', 'test:3']);
    const rows = await knex('incident_outbox').orderBy('id');
    expect(rows.map(r => [r.key, Boolean(r.delivered_at), r.attempts])).toEqual(
      [
        ['test:1', true, 1],
        ['test:2', true, 1],
        ['test:3', true, 1],
      ],
    );
  });

  it("delivers one incident's effects in order and different incidents' side by side", async () => {
    const ids = [
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ];
    for (const [n, id] of ids.entries()) {
      await enqueueEffects(
        knex,
        [notice(n * 10 + 1), notice(n * 10 + 2)],
        now,
        id,
      );
    }
    const events: string[] = [];
    let inFlight = 0;
    let most = 0;
    const slow: EffectHandlers = {
      ...recorder().handlers,
      notify: async effect => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        events.push(`start ${effect.key}`);
        await new Promise(r => setTimeout(r, 30));
        events.push(`end ${effect.key}`);
        inFlight -= 1;
      },
    };
    expect(await delivery(slow).run()).toBe(6);
    // Three incidents at once; within each, the second starts after the first ended.
    expect(most).toBe(3);
    for (const n of [0, 1, 2]) {
      expect(events.indexOf(`start test:${n * 10 + 2}`)).toBeGreaterThan(
        events.indexOf(`end test:${n * 10 + 1}`),
      );
    }
  });

  it('retries a failed delivery with exponential backoff, logging why, without blocking the rest', async () => {
    await enqueueEffects(knex, [notice(1), notice(2)], now);
    let failures = 3;
    const { delivered, handlers } = recorder(
      e => e.key === 'test:1' && failures-- > 0,
    );
    const worker = delivery(handlers);
    await worker.run();
    expect(delivered).toEqual(['test:2']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('test:1 failed (attempt 1)'),
    );

    // Not due before its backoff: 1 s after the first failure, then 2 s, then 4 s.
    const retryAt = async (ms: number) => {
      now = new Date(now.getTime() + ms - 1);
      await worker.run();
      expect(delivered).not.toContain('test:1');
      now = new Date(now.getTime() + 1);
      await worker.run();
    };
    await retryAt(1_000);
    await retryAt(2_000);
    expect(delivered).toEqual(['test:2']);
    now = new Date(now.getTime() + 4_000);
    await worker.run();
    expect(delivered).toEqual(['test:2', 'test:1']);
    const row = await knex('incident_outbox').where({ key: 'test:1' }).first();
    expect(row.attempts).toBe(4);
    expect(row.last_error).toBeNull();
  });

  it('holds back the later effects of a failed one in its lane (its incident and type), not the rest', async () => {
    const a = '00000000-0000-4000-8000-0000000000a1';
    const b = '00000000-0000-4000-8000-0000000000b1';
    await enqueueEffects(knex, [notice(1), event(2), notice(3)], now, a);
    await enqueueEffects(knex, [notice(4)], now, b);
    let failures = 1;
    const { delivered, handlers } = recorder(
      e => e.key === 'test:1' && failures-- > 0,
    );
    const worker = delivery(handlers);
    expect(await worker.run()).toBe(2);
    // a's event and b's notice went out; a's second notice waits behind its first.
    expect([...delivered].sort()).toEqual(['test:2', 'test:4']);
    const waiting = await knex('incident_outbox')
      .where({ key: 'test:3' })
      .first();
    expect([waiting.attempts, waiting.claimed_until]).toEqual([0, null]);
    // Not claimed while the first waits for its retry, by a round or by its writer.
    expect(await worker.run()).toBe(0);
    await worker.deliverIncident(a);
    expect(delivered).toHaveLength(2);

    now = new Date(now.getTime() + 1_000);
    expect(await worker.run()).toBe(2);
    expect(delivered.slice(2)).toEqual(['test:1', 'test:3']);
  });

  it('lets a lane go on once its failing effect has had its attempts, retrying that one still', async () => {
    const a = '00000000-0000-4000-8000-0000000000a3';
    await enqueueEffects(knex, [notice(1), notice(2)], now, a);
    const { delivered, handlers } = recorder(e => e.key === 'test:1');
    const worker = delivery(handlers);
    const attemptsOf = async (key: string) =>
      (await knex('incident_outbox').where({ key }).first()).attempts;
    for (let round = 0; round < 12; round++) {
      await worker.run();
      if (delivered.includes('test:2')) break;
      now = new Date(now.getTime() + 8_000);
    }
    expect(delivered).toEqual(['test:2']);
    // Held back for the first LANE_HOLD_ATTEMPTS attempts of the failing one, then let go.
    expect(await attemptsOf('test:1')).toBe(LANE_HOLD_ATTEMPTS);
    now = new Date(now.getTime() + 8_000);
    await worker.run();
    expect(await attemptsOf('test:1')).toBe(LANE_HOLD_ATTEMPTS + 1);
  });

  it('hands back only what its own lease still holds', async () => {
    const a = '00000000-0000-4000-8000-0000000000a4';
    await enqueueEffects(knex, [notice(1)], now, a);
    const outbox = new OutboxStore(knex);
    const first = await outbox.claim(now, { limit: 10, leaseMs: 1_000 });
    // The first claimer outlived its lease: another took the effect over.
    now = new Date(now.getTime() + 2_000);
    const second = await outbox.claim(now, { limit: 10, leaseMs: 60_000 });
    expect(second.map(c => c.effect.key)).toEqual(['test:1']);
    await outbox.release(first);
    const row = await knex('incident_outbox').where({ key: 'test:1' }).first();
    expect(row.attempts).toBe(2);
    expect(new Date(row.claimed_until).getTime()).toBe(
      second[0].claimedUntil.getTime(),
    );
    await outbox.release(second);
    const released = await knex('incident_outbox')
      .where({ key: 'test:1' })
      .first();
    expect([released.attempts, released.claimed_until]).toEqual([1, null]);
  });

  it("delivers a writer's own incident, in order, and holds back what follows an effect in flight", async () => {
    const [a, b] = [
      '00000000-0000-4000-8000-00000000000a',
      '00000000-0000-4000-8000-00000000000b',
    ];
    await enqueueEffects(knex, [notice(1)], now, a);
    await enqueueEffects(knex, [notice(2)], now, b);
    await enqueueEffects(knex, [notice(3)], now, a);
    const { delivered, handlers } = recorder();
    await delivery(handlers).deliverIncident(a);
    // Only incident a's, in their order; b's waits for its own writer or the scheduled run.
    expect(delivered).toEqual(['test:1', 'test:3']);

    // Another worker holds c's first effect: its second is not claimed until that one is done.
    const c = '00000000-0000-4000-8000-00000000000c';
    await enqueueEffects(knex, [notice(4)], now, c);
    const outbox = new OutboxStore(knex);
    const held = await outbox.claim(now, {
      limit: 10,
      leaseMs: 60_000,
      incidentId: c,
    });
    expect(held.map(h => h.effect.key)).toEqual(['test:4']);
    await enqueueEffects(knex, [notice(5)], now, c);
    await delivery(handlers).deliverIncident(c);
    expect(delivered).toEqual(['test:1', 'test:3']);
    await outbox.markDelivered(held[0].id, now);
    await delivery(handlers).deliverIncident(c);
    expect(delivered).toEqual(['test:1', 'test:3', 'test:5']);
    expect(await delivery(handlers).run()).toBe(1);
    expect(delivered).toEqual(['test:1', 'test:3', 'test:5', 'test:2']);
  });

  it('takes over what a dead worker claimed once its lease has run out', async () => {
    await enqueueEffects(knex, [notice(1)], now);
    // A worker claimed it, then died before delivering.
    const claimed = await new OutboxStore(knex).claim(now, {
      limit: 10,
      leaseMs: 60_000,
    });
    expect(claimed).toHaveLength(1);
    const { delivered, handlers } = recorder();
    const worker = delivery(handlers);
    expect(await worker.run()).toBe(0);
    now = new Date(now.getTime() + 60_001);
    expect(await worker.run()).toBe(1);
    expect(delivered).toEqual(['test:1']);
  });

  it("delivers a new incident's effects as its writer claimed them, recording the lane in one statement", async () => {
    const a = '00000000-0000-4000-8000-0000000000a4';
    const claimed = await knex.transaction(trx =>
      enqueueClaimedEffects(
        trx,
        [notice(1), event(2), notice(3)],
        now,
        a,
        60_000,
      ),
    );
    expect(claimed.map(c => [c.effect.key, c.attempts])).toEqual([
      ['test:1', 1],
      ['test:2', 1],
      ['test:3', 1],
    ]);
    const { delivered, handlers } = recorder();
    const worker = delivery(handlers);
    // Claimed at birth: no other worker takes them while their writer holds the lease.
    expect(await worker.run()).toBe(0);
    const statements = await captureQueries(knex, () =>
      worker.deliverIncident(a, claimed),
    );
    expect(delivered).toEqual(['test:1', 'test:2', 'test:3']);
    // No claim of its own, and one update for the three.
    expect(statements.map(s => s.sql.split(' ')[0])).toEqual(['update']);
    expect(
      await knex('incident_outbox').whereNull('delivered_at').select('key'),
    ).toEqual([]);
    now = new Date(now.getTime() + 60_001);
    expect(await worker.run()).toBe(0);
  });

  it('leaves what a writer claimed at birth to another worker once its lease has run out', async () => {
    const a = '00000000-0000-4000-8000-0000000000a5';
    await knex.transaction(trx =>
      enqueueClaimedEffects(trx, [notice(1), notice(2)], now, a, 60_000),
    );
    // The writer died after its commit.
    const { delivered, handlers } = recorder();
    expect(await delivery(handlers).run()).toBe(0);
    now = new Date(now.getTime() + 60_001);
    expect(await delivery(handlers).run()).toBe(2);
    expect(delivered).toEqual(['test:1', 'test:2']);
  });

  it('records a slow lane as it goes, not only at its end', async () => {
    const a = '00000000-0000-4000-8000-0000000000a7';
    await enqueueEffects(knex, [notice(1), notice(2), notice(3)], now, a);
    const { delivered, handlers } = recorder();
    const send = handlers.notify;
    handlers.notify = async effect => {
      // The second takes longer than a lane may keep what it sent unrecorded.
      if (effect.key === 'test:2') await new Promise(r => setTimeout(r, 1_100));
      await send(effect);
    };
    const marks: string[][] = [];
    const statements = await captureQueries(knex, () =>
      delivery(handlers).deliverIncident(a),
    );
    for (const s of statements) {
      if (/^update .* set [`"]delivered_at[`"]/i.test(s.sql)) {
        marks.push(s.sql.match(/\?|\$\d+/g)!);
      }
    }
    expect(delivered).toEqual(['test:1', 'test:2', 'test:3']);
    // The first while the second's handler was still running (it had waited a second), the
    // other two at the lane's end.
    expect(marks.map(m => m.length - 3)).toEqual([1, 2]);
  });

  it("renews a writer's claims when its write took long, and leaves those taken over", async () => {
    const a = '00000000-0000-4000-8000-0000000000a8';
    const claimed = await knex.transaction(trx =>
      enqueueClaimedEffects(trx, [notice(1), notice(2)], now, a, 60_000),
    );
    // The write took 50 s of its minute's lease before its commit.
    now = new Date(now.getTime() + 50_000);
    const { delivered, handlers } = recorder();
    const statements = await captureQueries(knex, () =>
      delivery(handlers).deliverIncident(a, claimed),
    );
    expect(delivered).toEqual(['test:1', 'test:2']);
    expect(
      statements.filter(q => /^update .* set [`"]claimed_until/i.test(q.sql)),
    ).toHaveLength(1);

    // A writer whose lease another worker already took sends nothing.
    const b = '00000000-0000-4000-8000-0000000000a9';
    const late = await knex.transaction(trx =>
      enqueueClaimedEffects(trx, [notice(3)], now, b, 60_000),
    );
    now = new Date(now.getTime() + 60_001);
    const other = recorder();
    expect(await delivery(other.handlers).run()).toBe(1);
    await delivery(handlers).deliverIncident(b, late);
    expect(delivered).toEqual(['test:1', 'test:2']);
    expect(other.delivered).toEqual(['test:3']);
  });

  it('records what went out before a failure it could not record', async () => {
    const a = '00000000-0000-4000-8000-0000000000aa';
    await enqueueEffects(knex, [event(1), notice(2)], now, a);
    const { delivered, handlers } = recorder(e => e.key === 'test:2');
    const outbox = new OutboxStore(knex);
    outbox.markFailed = async () => {
      throw new Error('database gone');
    };
    const worker = new OutboxDelivery({ outbox, handlers, logger, clock });
    await worker.deliverIncident(a);
    expect(delivered).toEqual(['test:1']);
    const rows = await knex('incident_outbox')
      .orderBy('id')
      .select('key', 'delivered_at');
    expect(rows.map(r => [r.key, !!r.delivered_at])).toEqual([
      ['test:1', true],
      ['test:2', false],
    ]);
  });

  it('records a failure at once and what went out around it at the end of the lane', async () => {
    const a = '00000000-0000-4000-8000-0000000000a6';
    await enqueueEffects(knex, [event(1), notice(2), event(3)], now, a);
    const { delivered, handlers } = recorder(e => e.key === 'test:2');
    const statements = await captureQueries(knex, async () => {
      expect(await delivery(handlers).run()).toBe(2);
    });
    expect(delivered).toEqual(['test:1', 'test:3']);
    // The two sent in one statement, the failure in one of its own.
    const marks = statements.filter(q =>
      /^update .* set [`"]delivered_at[`"]/i.test(q.sql),
    );
    expect(marks).toHaveLength(1);
    expect(
      statements.filter(q => /^update .* set [`"]next_attempt_at/i.test(q.sql)),
    ).toHaveLength(1);
    const rows = await knex('incident_outbox')
      .orderBy('id')
      .select('key', 'delivered_at', 'last_error', 'claimed_until');
    expect(rows.map(r => [r.key, !!r.delivered_at, r.claimed_until])).toEqual([
      ['test:1', true, null],
      ['test:2', false, null],
      ['test:3', true, null],
    ]);
    expect(rows[1].last_error).toBe('cannot send test:2');
  });

  if (databaseId === 'POSTGRES_15') {
    it("keeps a lane's order when another worker's claim has not committed yet", async () => {
      const a = '00000000-0000-4000-8000-0000000000a2';
      await enqueueEffects(knex, [notice(1), notice(2), event(3)], now, a);
      const { connection } = knex.client.config;
      const other = knexFactory({ client: 'pg', connection });
      try {
        const lease = { limit: 1, leaseMs: 60_000 };
        await knex.transaction(async trx => {
          // This worker's claim of the first notice is made but not committed: the other
          // worker still sees it unclaimed and skips its locked row.
          const held = await new OutboxStore(trx).claim(now, lease);
          expect(held.map(h => h.effect.key)).toEqual(['test:1']);
          const claimed = await new OutboxStore(other).claim(now, {
            ...lease,
            limit: 10,
          });
          // Not the second notice (it would overtake the first), but the event's own lane.
          expect(claimed.map(c => c.effect.key)).toEqual(['test:3']);
        });
        const outbox = new OutboxStore(other);
        expect(await outbox.claim(now, { limit: 10, leaseMs: 60_000 })).toEqual(
          [],
        );
        const first = await knex('incident_outbox')
          .where({ key: 'test:1' })
          .first();
        await outbox.markDelivered(first.id, now);
        const next = await outbox.claim(now, { limit: 10, leaseMs: 60_000 });
        expect(next.map(c => c.effect.key)).toEqual(['test:2']);
      } finally {
        await other.destroy();
      }
    });

    it('delivers each effect once when two replicas drain the same outbox', async () => {
      const effects = Array.from({ length: 400 }, (_, i) => notice(i));
      await enqueueEffects(knex, effects, now);
      const { connection } = knex.client.config;
      const replicas = Array.from({ length: 2 }, () =>
        knexFactory({ client: 'pg', connection, pool: { min: 1, max: 4 } }),
      );
      try {
        const records = replicas.map(() => recorder());
        const workers = replicas.map((db, i) =>
          delivery(records[i].handlers, db),
        );
        // Both replicas' scheduled runs and kicks at once.
        await Promise.all([
          ...workers.map(w => w.run()),
          ...workers.map(w => w.kick()),
        ]);
        const all = records.flatMap(r => r.delivered);
        expect(all).toHaveLength(400);
        expect(new Set(all).size).toBe(400);
        // Both replicas did part of the work.
        expect(records.every(r => r.delivered.length > 0)).toBe(true);
        const pending = await knex('incident_outbox')
          .whereNull('delivered_at')
          .count({ n: '*' })
          .first();
        expect(Number(pending?.n)).toBe(0);
      } finally {
        await Promise.all(replicas.map(db => db.destroy()));
      }
    });
  }
});
