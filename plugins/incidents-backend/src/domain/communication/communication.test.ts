import {
  CommsDuty,
  DEFAULT_SEVERITY_LEVELS,
  Incident,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { nextUpdateDueAt, DEFAULT_UPDATE_CADENCE } from './cadence';
import { planDuties } from './duties';
import { draftExecutiveSummary } from './executiveSummary';
import { CommsUpdateFacts, planCommsUpdate } from './planCommsUpdate';

const DECLARED = '2026-12-01T10:00:00.000Z';
const minutes = (n: number) => new Date(Date.parse(DECLARED) + n * 60_000);

const incident = (overrides: Partial<Incident> = {}): Incident => ({
  id: 'i-1',
  ref: 'INC-7',
  number: 7,
  title: 'Checkout DB failover loop (internal: pg-primary-3)',
  summary: 'internal summary',
  customerImpact: 'Payments fail for 30% of users',
  severity: 'SEV1',
  phase: 'triage',
  regions: [],
  entities: [
    {
      entityRef: 'component:default/checkout',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
  ],
  restricted: false,
  source: 'manual',
  createdBy: 'user:default/alice',
  commanderRef: 'user:default/ic',
  declaredAt: DECLARED,
  updatedAt: DECLARED,
  version: 1,
  ...overrides,
});

const duties = (severity: Severity, stored: CommsDuty[], now: Date) => {
  const plan = planDuties({
    incident: { severity, declaredAt: DECLARED },
    level: DEFAULT_SEVERITY_LEVELS[severity],
    stored,
    now,
  });
  const kept = stored.filter(
    d => !plan.remove.includes(d.id) && !plan.upsert.some(u => u.id === d.id),
  );
  return { plan, all: [...kept, ...plan.upsert] };
};

describe('communication duties', () => {
  it.each([
    ['SEV1', 15, ['executive-notification', 'status-page', 'customer-notice']],
    ['SEV2', 60, ['status-page', 'customer-notice']],
    ['SEV3', 240, ['internal-tracking', 'status-page']],
    ['SEV4', 1440, ['internal-tracking']],
  ] as const)(
    '%s: the spec duties, due within the response time (%d min)',
    (severity, dueMinutes, ids) => {
      const { plan } = duties(severity, [], minutes(0));
      expect(plan.upsert.map(d => d.id)).toEqual(ids);
      for (const duty of plan.upsert) {
        expect(duty.dueAt).toBe(minutes(dueMinutes).toISOString());
      }
    },
  );

  it('SEV3 status page update is optional', () => {
    const { plan } = duties('SEV3', [], minutes(0));
    expect(plan.upsert.find(d => d.id === 'status-page')?.optional).toBe(true);
  });

  it('raised: the new duties are due now, the old ones keep their due time', () => {
    const sev2 = duties('SEV2', [], minutes(0)).all;
    const { all } = duties('SEV1', sev2, minutes(20));
    const byId = Object.fromEntries(all.map(d => [d.id, d]));
    expect(byId['executive-notification'].dueAt).toBe(
      minutes(20).toISOString(),
    );
    expect(byId['status-page'].dueAt).toBe(minutes(60).toISOString());
  });

  it('lowered: a done duty stays (retired), an undone one goes away', () => {
    const sev1 = duties('SEV1', [], minutes(0)).all.map(d =>
      d.id === 'executive-notification'
        ? { ...d, doneAt: minutes(5).toISOString(), doneBy: 'user:default/ic' }
        : d,
    );
    const { plan, all } = duties('SEV3', sev1, minutes(30));
    expect(plan.remove).toEqual(['customer-notice']);
    expect(all.find(d => d.id === 'executive-notification')).toMatchObject({
      retired: true,
      doneAt: minutes(5).toISOString(),
    });
    expect(all.find(d => d.id === 'status-page')?.optional).toBe(true);
    expect(all.find(d => d.id === 'internal-tracking')?.dueAt).toBe(
      minutes(30).toISOString(),
    );
  });
});

describe('update cadence', () => {
  it('is due a cadence after the last update, until resolved', () => {
    const sev1 = incident();
    expect(nextUpdateDueAt(sev1, undefined, DEFAULT_UPDATE_CADENCE)).toBe(
      minutes(30).toISOString(),
    );
    expect(
      nextUpdateDueAt(sev1, minutes(40).toISOString(), DEFAULT_UPDATE_CADENCE),
    ).toBe(minutes(70).toISOString());
    expect(
      nextUpdateDueAt(
        incident({ severity: 'SEV2' }),
        undefined,
        DEFAULT_UPDATE_CADENCE,
      ),
    ).toBe(minutes(60).toISOString());
    expect(
      nextUpdateDueAt(
        incident({ severity: 'SEV3' }),
        undefined,
        DEFAULT_UPDATE_CADENCE,
      ),
    ).toBeUndefined();
    expect(
      nextUpdateDueAt(
        incident({ resolvedAt: minutes(5).toISOString() }),
        undefined,
        DEFAULT_UPDATE_CADENCE,
      ),
    ).toBeUndefined();
  });
});

describe('planCommsUpdate', () => {
  const facts = (
    overrides: Partial<CommsUpdateFacts> = {},
  ): CommsUpdateFacts => ({
    incident: incident(),
    duties: duties('SEV1', [], minutes(0)).all,
    audience: 'status-page',
    body: 'Some payments are failing. We are working on a fix.',
    author: 'user:default/ic',
    now: minutes(10),
    updateId: 'u-1',
    leadershipGroupRef: 'group:default/leadership',
    customerEmails: ['ops@customer.example'],
    subscribers: [
      {
        id: 's-1',
        email: 'fan@example.org',
        unsubscribeUrl: 'http://x/unsubscribe?token=t',
      },
    ],
    components: [{ id: 'payments', title: 'Payments' }],
    publicIncidentId: 'p-1',
    statusPageUrl: 'http://x/status',
    ...overrides,
  });

  it('refuses a closed incident', () => {
    expect(
      planCommsUpdate(facts({ incident: incident({ phase: 'closed' }) })),
    ).toMatchObject({
      refused: true,
      message: expect.stringMatching(/closed/),
    });
  });

  it('never publishes a restricted incident', () => {
    expect(
      planCommsUpdate(facts({ incident: incident({ restricted: true }) })),
    ).toMatchObject({ refused: true });
  });

  it('a status page update: pushed to providers and emailed to subscribers, with no internal text', () => {
    const plan = planCommsUpdate(facts());
    if (plan.refused) throw new Error(plan.message);
    expect(plan.effects.map(e => e.type)).toEqual(['status-page', 'email']);
    const serialised = JSON.stringify(plan.effects);
    expect(serialised).not.toMatch(
      /pg-primary|INC-7|checkout|alice|user:|group:/,
    );
    expect(plan.publicTitle).toBe('Service disruption: Payments');
    expect(plan.effects[0]).toMatchObject({
      publication: { impact: 'major-outage', resolved: false },
    });
    expect(plan.duties.map(d => d.id)).toEqual(['status-page']);
    expect(plan.timeline).toMatchObject({
      kind: 'comms',
      details: { audience: 'status-page', updateId: 'u-1' },
    });
  });

  it('a customer notice: one email per contact', () => {
    const plan = planCommsUpdate(
      facts({
        audience: 'customers',
        customerEmails: ['a@c.example', 'b@c.example'],
      }),
    );
    if (plan.refused) throw new Error(plan.message);
    expect(plan.effects).toEqual([
      expect.objectContaining({ type: 'email', to: 'a@c.example' }),
      expect.objectContaining({ type: 'email', to: 'b@c.example' }),
    ]);
    expect(plan.duties.map(d => d.id)).toEqual(['customer-notice']);
  });

  it('refuses a customer notice with nobody to send it to', () => {
    expect(
      planCommsUpdate(facts({ audience: 'customers', customerEmails: [] })),
    ).toMatchObject({ refused: true });
  });

  it('an executive summary goes to the leadership group', () => {
    const plan = planCommsUpdate(facts({ audience: 'executive' }));
    if (plan.refused) throw new Error(plan.message);
    expect(plan.effects).toEqual([
      expect.objectContaining({
        type: 'notify',
        recipients: ['group:default/leadership'],
      }),
    ]);
    expect(plan.duties.map(d => d.id)).toEqual(['executive-notification']);
  });

  it('an internal update goes to the IC and the owning teams', () => {
    const plan = planCommsUpdate(facts({ audience: 'internal' }));
    if (plan.refused) throw new Error(plan.message);
    expect(plan.effects[0]).toMatchObject({
      recipients: ['user:default/ic', 'group:default/payments'],
    });
  });
});

describe('draftExecutiveSummary', () => {
  it('names severity, impact, affected services, phase, IC, age, SLA and next update', () => {
    const draft = draftExecutiveSummary({
      incident: incident({ acknowledgedAt: minutes(3).toISOString() }),
      level: DEFAULT_SEVERITY_LEVELS.SEV1,
      sla: [
        {
          milestone: 'acknowledge',
          dueAt: minutes(15).toISOString(),
          warnAt: minutes(12).toISOString(),
          metAt: minutes(3).toISOString(),
        },
        {
          milestone: 'mitigate',
          dueAt: minutes(60).toISOString(),
          warnAt: minutes(48).toISOString(),
        },
      ],
      nextUpdateDueAt: minutes(30).toISOString(),
      now: minutes(25),
    });
    expect(draft.body).toContain('Severity: SEV1 (Critical)');
    expect(draft.body).toContain('Payments fail for 30% of users');
    expect(draft.body).toContain('Affected: checkout');
    expect(draft.body).toContain('Phase: Triage & containment');
    expect(draft.body).toContain('Incident commander: ic');
    expect(draft.body).toContain('Declared: 25 min ago');
    expect(draft.body).toContain(
      'Time to acknowledge: met; Time to mitigation: 35 min left',
    );
    expect(draft.body).toContain(
      `Next update due: ${minutes(30).toISOString()}`,
    );
  });
});
