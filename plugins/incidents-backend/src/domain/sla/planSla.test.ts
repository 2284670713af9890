import { DEFAULT_SEVERITY_LEVELS } from '@firebreak/plugin-incidents-common';
import { planSla, SlaPlanInput } from './planSla';
import { SlaIncident, nextSlaDueAt } from './slaClocks';

const DECLARED = Date.parse('2026-12-01T10:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number, ms = 0) => new Date(DECLARED + minutes * MIN + ms);

const incident = (overrides: Partial<SlaIncident> = {}): SlaIncident => ({
  id: 'i-1',
  ref: 'INC-1',
  title: 'Checkout down',
  severity: 'SEV1',
  phase: 'triage',
  declaredAt: new Date(DECLARED).toISOString(),
  commanderRef: 'user:default/ic',
  entities: [
    {
      entityRef: 'component:default/checkout',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
    {
      entityRef: 'component:default/web',
      relation: 'downstream',
      ownerRef: 'group:default/web',
    },
  ],
  ...overrides,
});

function plan(overrides: Partial<SlaPlanInput> & { now: Date }) {
  const subject = overrides.incident ?? incident();
  return planSla({
    records: [],
    level: DEFAULT_SEVERITY_LEVELS[subject.severity],
    settings: {
      warningLeadFraction: 0.2,
      leadershipGroupRef: 'group:default/leadership',
    },
    ...overrides,
    incident: subject,
  });
}

describe('planSla', () => {
  it('records the three clocks of the severity with their warning times', () => {
    const result = plan({ now: at(0) });
    expect(result.records).toEqual([
      {
        milestone: 'acknowledge',
        dueAt: at(15).toISOString(),
        warnAt: at(12).toISOString(),
      },
      {
        milestone: 'mitigate',
        dueAt: at(60).toISOString(),
        warnAt: at(48).toISOString(),
      },
      {
        milestone: 'resolve',
        dueAt: at(240).toISOString(),
        warnAt: at(192).toISOString(),
      },
    ]);
    expect(result.timeline).toEqual([]);
    expect(result.effects).toEqual([]);
    expect(result.nextDueAt).toBe(at(15).toISOString());
  });

  describe('breach boundary of time to acknowledge (SEV1, 15 minutes)', () => {
    const breaches = (now: Date) =>
      plan({ now }).records.find(r => r.milestone === 'acknowledge')
        ?.breachedAt;

    it('is not breached just before the due time', () => {
      expect(breaches(at(15, -1))).toBeUndefined();
    });
    it('is not breached exactly at the due time', () => {
      expect(breaches(at(15))).toBeUndefined();
    });
    it('is breached just after the due time', () => {
      expect(breaches(at(15, 1))).toBe(at(15, 1).toISOString());
    });
  });

  describe('a milestone reached at the boundary', () => {
    const outcome = (reached: Date) => {
      const result = plan({
        incident: incident({ acknowledgedAt: reached.toISOString() }),
        now: reached,
      });
      return result.records.find(r => r.milestone === 'acknowledge')!;
    };
    it('is met just before the due time', () => {
      expect(outcome(at(15, -1)).breachedAt).toBeUndefined();
      expect(outcome(at(15, -1)).metAt).toBe(at(15, -1).toISOString());
    });
    it('is met exactly at the due time', () => {
      expect(outcome(at(15)).breachedAt).toBeUndefined();
    });
    it('is breached (and met late) just after the due time', () => {
      const record = outcome(at(15, 1));
      expect(record.metAt).toBe(at(15, 1).toISOString());
      expect(record.breachedAt).toBe(at(15, 1).toISOString());
    });
  });

  describe('warning boundary (20% of the window before the due time)', () => {
    const warned = (now: Date) =>
      plan({ now }).records.find(r => r.milestone === 'acknowledge')?.warnedAt;
    it('does not warn just before the lead time', () => {
      expect(warned(at(12, -1))).toBeUndefined();
    });
    it('warns exactly at the lead time', () => {
      expect(warned(at(12))).toBe(at(12).toISOString());
    });
    it('warns just after the lead time, to the incident commander only', () => {
      const result = plan({ now: at(12, 1) });
      expect(result.effects).toEqual([
        expect.objectContaining({
          type: 'notify',
          key: 'sla:i-1:acknowledge:warning',
          recipients: ['user:default/ic'],
        }),
      ]);
      expect(result.timeline).toEqual([]);
    });
    it('honours a configured lead', () => {
      const result = plan({
        now: at(10),
        settings: { warningLeadFraction: 0.5 },
      });
      expect(result.records[0].warnAt).toBe(at(7, 30_000).toISOString());
      expect(result.records[0].warnedAt).toBe(at(10).toISOString());
    });
  });

  it('breaches once: a recorded breach or warning is never planned again', () => {
    const first = plan({ now: at(16) });
    expect(first.records[0].breachedAt).toBeDefined();
    expect(first.timeline).toHaveLength(1);
    const again = plan({ now: at(17), records: first.records });
    expect(again.timeline).toEqual([]);
    expect(again.effects).toEqual([]);
    expect(again.records).toEqual([]);
  });

  it('skips the warning when the clock is already past due', () => {
    const result = plan({ now: at(16) });
    expect(result.effects.map(e => e.key)).toEqual([
      'sla:i-1:acknowledge:breach',
    ]);
  });

  it('tells the IC, the owning teams and, for SEV1, the leadership group of a breach', () => {
    const result = plan({ now: at(16) });
    expect(result.effects[0].recipients).toEqual([
      'user:default/ic',
      'group:default/payments',
      'group:default/leadership',
    ]);
    expect(result.timeline[0]).toMatchObject({
      kind: 'sla',
      details: {
        sla: 'breached',
        milestone: 'acknowledge',
        dueAt: at(15).toISOString(),
      },
    });
  });

  it('leaves the leadership group out below SEV1', () => {
    const result = plan({
      incident: incident({ severity: 'SEV2' }),
      now: at(61),
    });
    expect(result.effects[0].recipients).toEqual([
      'user:default/ic',
      'group:default/payments',
    ]);
  });

  it('moves running clocks on a severity change and keeps settled ones', () => {
    const asSev2 = plan({
      incident: incident({
        severity: 'SEV2',
        acknowledgedAt: at(5).toISOString(),
      }),
      now: at(5),
    });
    // Raised to SEV1 at minute 70: mitigation (1 h) is now overdue, acknowledgement stays met.
    const raised = plan({
      incident: incident({ acknowledgedAt: at(5).toISOString() }),
      records: asSev2.records,
      now: at(70),
    });
    const byMilestone = Object.fromEntries(
      raised.records.map(r => [r.milestone, r]),
    );
    expect(byMilestone.acknowledge).toBeUndefined();
    expect(byMilestone.mitigate).toMatchObject({
      dueAt: at(60).toISOString(),
      breachedAt: at(70).toISOString(),
    });
    expect(byMilestone.resolve).toMatchObject({
      dueAt: at(240).toISOString(),
    });
  });

  it('does not breach a closed incident and has no next due time', () => {
    const result = plan({
      incident: incident({
        phase: 'closed',
        acknowledgedAt: at(1).toISOString(),
      }),
      now: at(500),
    });
    expect(result.timeline).toEqual([]);
    expect(result.nextDueAt).toBeUndefined();
  });

  it('orders by the earliest running clock, overdue ones included', () => {
    const records = plan({ now: at(0) }).records;
    expect(
      nextSlaDueAt(incident({ acknowledgedAt: at(1).toISOString() }), records),
    ).toBe(at(60).toISOString());
    expect(nextSlaDueAt(incident(), records)).toBe(at(15).toISOString());
  });
});
