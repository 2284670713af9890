import {
  GroupOnCallInfo,
  chooseEscalation,
  decidePageAcknowledge,
  planPageTargets,
  planPages,
} from './paging';

const payments = 'group:default/payments';
const search = 'group:default/search';
const alice = 'user:default/alice';
const bob = 'user:default/bob';
const carol = 'user:default/carol';
const lead = 'user:default/lena';

const onCall = (infos: GroupOnCallInfo[]) =>
  new Map(infos.map(i => [i.groupRef.toLowerCase(), i]));

describe('planPageTargets', () => {
  const context = {
    ownerGroupRefs: [payments, search],
    onCall: onCall([
      { groupRef: payments, currentUserRef: alice, rotation: [alice, bob] },
      { groupRef: search, rotation: [] },
    ]),
  };

  it('pages the on-call of each owning group by default, the whole group when nobody is on call', () => {
    expect(planPageTargets({}, context)).toEqual({
      ok: true,
      targets: [
        { groupRef: payments, userRef: alice },
        {
          groupRef: search,
          note: 'nobody is on call for search, so the whole group is paged',
        },
      ],
    });
  });

  it('pages whole groups when asked', () => {
    expect(planPageTargets({ wholeGroup: true }, context)).toEqual({
      ok: true,
      targets: [{ groupRef: payments }, { groupRef: search }],
    });
  });

  it('pages named groups and people, once each', () => {
    expect(
      planPageTargets(
        { groupRefs: [payments], userRefs: [alice, carol] },
        context,
      ),
    ).toEqual({
      ok: true,
      targets: [{ groupRef: payments, userRef: alice }, { userRef: carol }],
    });
  });

  it('explains when there is nobody to page', () => {
    expect(
      planPageTargets({}, { ownerGroupRefs: [], onCall: new Map() }),
    ).toMatchObject({
      ok: false,
      problem: expect.stringContaining('owning group'),
    });
  });
});

describe('planPages', () => {
  it('records each page with its acknowledge deadline and a timeline entry', () => {
    let n = 0;
    const { pages, timeline } = planPages(
      [{ groupRef: payments, userRef: alice }, { groupRef: search }],
      {
        reason: 'Checkout errors',
        now: new Date('2025-02-06T10:00:00Z'),
        acknowledgeMinutes: 15,
        newId: () => `p${++n}`,
      },
    );
    expect(pages).toEqual([
      {
        id: 'p1',
        targetGroupRef: payments,
        targetUserRef: alice,
        reason: 'Checkout errors',
        ackDueAt: '2025-02-06T10:15:00.000Z',
        escalationLevel: 0,
      },
      {
        id: 'p2',
        targetGroupRef: search,
        reason: 'Checkout errors',
        ackDueAt: '2025-02-06T10:15:00.000Z',
        escalationLevel: 0,
      },
    ]);
    expect(timeline.map(t => t.body)).toEqual([
      'Paged alice (for payments): Checkout errors',
      'Paged the whole group search: Checkout errors',
    ]);
  });
});

describe('chooseEscalation', () => {
  const group: GroupOnCallInfo = {
    groupRef: payments,
    currentUserRef: alice,
    rotation: [alice, bob, carol],
    leadRef: lead,
  };
  const first = {
    targetGroupRef: payments,
    targetUserRef: alice,
    escalationLevel: 0,
  };

  it('goes to the next person on call first', () => {
    expect(chooseEscalation(first, group, [alice])).toEqual({
      kind: 'page',
      userRef: bob,
      level: 1,
      via: 'next-on-call',
    });
  });

  it('follows the rotation from the person paged', () => {
    expect(
      chooseEscalation({ ...first, targetUserRef: bob }, group, [bob]),
    ).toMatchObject({ userRef: carol });
  });

  it('then to the group lead', () => {
    expect(
      chooseEscalation(
        { targetGroupRef: payments, targetUserRef: bob, escalationLevel: 1 },
        group,
        [bob, alice],
      ),
    ).toEqual({ kind: 'page', userRef: lead, level: 2, via: 'lead' });
  });

  it('goes to the lead when the rotation has nobody else', () => {
    expect(
      chooseEscalation(first, { ...group, rotation: [alice] }, [alice]),
    ).toMatchObject({ userRef: lead, via: 'lead' });
  });

  it('goes straight to the lead for a page to the whole group', () => {
    expect(
      chooseEscalation(
        { targetGroupRef: payments, escalationLevel: 0 },
        group,
        [],
      ),
    ).toMatchObject({ userRef: lead, level: 2 });
  });

  it('stops without a lead, and says so', () => {
    expect(
      chooseEscalation(
        { targetGroupRef: payments, targetUserRef: bob, escalationLevel: 1 },
        { ...group, leadRef: undefined },
        [bob, alice],
      ),
    ).toEqual({
      kind: 'stop',
      reason:
        'payments has no lead (annotation firebreak.io/lead), so escalation stops',
    });
  });

  it('stops after the lead', () => {
    expect(
      chooseEscalation(
        { targetGroupRef: payments, targetUserRef: lead, escalationLevel: 2 },
        group,
        [lead, bob, alice],
      ),
    ).toMatchObject({
      kind: 'stop',
      reason: expect.stringContaining('lead of payments'),
    });
  });

  it('stops for a page to a named person', () => {
    expect(
      chooseEscalation({ targetUserRef: carol, escalationLevel: 0 }, group, [
        carol,
      ]),
    ).toMatchObject({ kind: 'stop' });
  });
});

describe('decidePageAcknowledge', () => {
  const page = {
    id: 'p1',
    targetUserRef: alice,
    targetGroupRef: payments,
    status: 'open' as const,
  };
  const now = new Date('2025-02-06T10:05:00Z');

  it('lets the person paged acknowledge; the commander’s acknowledgement starts the SLA clock', () => {
    expect(
      decidePageAcknowledge(page, {
        actor: alice,
        actorGroupRefs: [],
        now,
        commanderRef: alice,
      }),
    ).toEqual({
      outcome: 'acknowledge',
      fields: { acknowledgedAt: '2025-02-06T10:05:00.000Z' },
      timeline: [
        expect.objectContaining({
          kind: 'page',
          body: 'alice acknowledged the page; incident acknowledged by its commander',
        }),
      ],
    });
  });

  it('does not move the clock for someone else, nor twice', () => {
    expect(
      decidePageAcknowledge(page, {
        actor: alice,
        actorGroupRefs: [],
        now,
        commanderRef: bob,
      }),
    ).toMatchObject({ outcome: 'acknowledge', fields: {} });
    expect(
      decidePageAcknowledge(page, {
        actor: alice,
        actorGroupRefs: [],
        now,
        commanderRef: alice,
        incidentAcknowledgedAt: '2025-02-06T10:01:00Z',
      }),
    ).toMatchObject({ outcome: 'acknowledge', fields: {} });
  });

  it('refuses someone the page is not addressed to', () => {
    expect(
      decidePageAcknowledge(page, {
        actor: bob,
        actorGroupRefs: [payments],
        now,
      }),
    ).toMatchObject({ outcome: 'forbidden' });
  });

  it('lets members acknowledge a page to their group', () => {
    expect(
      decidePageAcknowledge(
        { ...page, targetUserRef: undefined },
        { actor: bob, actorGroupRefs: [bob, 'group:default/Payments'], now },
      ),
    ).toMatchObject({ outcome: 'acknowledge' });
  });

  it('is idempotent', () => {
    expect(
      decidePageAcknowledge(
        { ...page, acknowledgedAt: '2025-02-06T10:01:00Z' },
        { actor: alice, actorGroupRefs: [], now },
      ),
    ).toEqual({ outcome: 'unchanged' });
  });
});
