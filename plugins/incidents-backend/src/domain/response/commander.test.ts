import { minutesText, planCommander, planSeverityChange } from './commander';

const now = new Date('2025-02-06T10:00:00Z');
const context = {
  severity: 'SEV1' as const,
  title: 'Checkout down',
  now,
  acknowledgeMinutes: 15,
  pageId: 'page-1',
};

describe('planCommander', () => {
  it('gives the commander the role and a page due by the time to acknowledge', () => {
    const plan = planCommander(
      {
        kind: 'commander',
        userRef: 'user:default/alice',
        groupRef: 'group:default/platform-reliability',
      },
      context,
    );
    expect(plan.roles).toEqual([
      { role: 'incident-commander', userRef: 'user:default/alice' },
    ]);
    expect(plan.pages).toEqual([
      {
        id: 'page-1',
        targetGroupRef: 'group:default/platform-reliability',
        targetUserRef: 'user:default/alice',
        reason: 'Incident commander of SEV1: Checkout down',
        ackDueAt: '2025-02-06T10:15:00.000Z',
        escalationLevel: 0,
      },
    ]);
    expect(plan.timeline.map(t => t.body)).toEqual([
      'alice assigned as incident commander (on call for platform-reliability)',
      'Paged alice as incident commander; acknowledge within 15 minutes',
    ]);
  });

  it('says why on the timeline when the on-call was passed over', () => {
    const plan = planCommander(
      {
        kind: 'commander',
        userRef: 'user:default/bob',
        groupRef: 'group:default/payments',
        deferredFrom: 'user:default/alice',
        reason: 'alice is IC of INC-1 (SEV1); deferred to bob',
      },
      { ...context, severity: 'SEV3', acknowledgeMinutes: 240 },
    );
    expect(plan.timeline[0]).toMatchObject({
      kind: 'role',
      body: 'bob assigned as incident commander (on call for payments): deferred from alice: alice is IC of INC-1 (SEV1); deferred to bob',
      details: { deferredFrom: 'user:default/alice', automatic: true },
    });
    expect(plan.roles[0].note).toContain('deferred from alice');
  });

  it('tracks a SEV4 in the backlog, now or when business hours begin', () => {
    expect(
      planCommander(
        {
          kind: 'backlog',
          ownerGroupRef: 'group:default/payments',
          assignAt: now,
          reason: 'r',
        },
        { ...context, severity: 'SEV4' },
      ),
    ).toMatchObject({
      roles: [],
      pages: [],
      backlog: {
        groupRef: 'group:default/payments',
        assignAt: now.toISOString(),
        assignedAt: now.toISOString(),
      },
    });
    const later = new Date('2025-02-07T09:00:00Z');
    const plan = planCommander(
      {
        kind: 'backlog',
        ownerGroupRef: 'group:default/payments',
        assignAt: later,
        reason: 'r',
      },
      { ...context, severity: 'SEV4' },
    );
    expect(plan.backlog).toEqual({
      groupRef: 'group:default/payments',
      assignAt: later.toISOString(),
    });
    expect(plan.timeline[0].body).toBe(
      'No incident commander for SEV4: goes to the backlog of payments when business hours begin',
    );
  });

  it('records why nobody was assigned', () => {
    expect(
      planCommander(
        { kind: 'unassigned', reason: 'nobody is on call for group:default/x' },
        context,
      ).timeline[0].body,
    ).toBe(
      'No incident commander assigned: nobody is on call for group:default/x',
    );
  });
});

describe('planSeverityChange', () => {
  const reason =
    'Severity raised SEV3 → SEV1: SEV1 is commanded by the on-call of platform-reliability';

  it('hands off from the previous commander, pages the new one and clears the backlog', () => {
    const plan = planSeverityChange(
      {
        kind: 'assign',
        assignment: {
          kind: 'commander',
          userRef: 'user:default/pat',
          groupRef: 'group:default/platform-reliability',
        },
        previousCommanderRef: 'user:default/alice',
        reason,
      },
      context,
    );
    expect(plan.clearBacklog).toBe(true);
    expect(plan.roles).toEqual([
      { role: 'incident-commander', userRef: 'user:default/pat', note: reason },
    ]);
    expect(plan.pages).toEqual([
      expect.objectContaining({
        id: 'page-1',
        targetUserRef: 'user:default/pat',
        ackDueAt: '2025-02-06T10:15:00.000Z',
      }),
    ]);
    expect(plan.timeline.map(e => e.body)).toEqual([
      `Incident commander handed off from alice to pat (on call for platform-reliability): ${reason}`,
      'Paged pat as incident commander; acknowledge within 15 minutes',
    ]);
    expect(plan.timeline[0].details).toMatchObject({
      action: 'handoff',
      previousUserRef: 'user:default/alice',
      userRef: 'user:default/pat',
      severityChange: true,
    });
  });

  it('writes only a note, or nothing', () => {
    expect(
      planSeverityChange({ kind: 'note', reason: 'pat stays' }, context),
    ).toEqual({
      roles: [],
      pages: [],
      clearBacklog: false,
      timeline: [
        {
          kind: 'role',
          body: 'pat stays',
          details: {
            role: 'incident-commander',
            action: 'unchanged',
            reason: 'pat stays',
            severityChange: true,
          },
        },
      ],
    });
    expect(planSeverityChange({ kind: 'unchanged' }, context)).toEqual({
      roles: [],
      pages: [],
      timeline: [],
      clearBacklog: false,
    });
  });
});

describe('minutesText', () => {
  it.each([
    [1, '1 minute'],
    [15, '15 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [240, '4 hours'],
    [2 / 3, '40 seconds'],
  ])('%i minutes read "%s"', (minutes, text) => {
    expect(minutesText(minutes)).toBe(text);
  });
});
