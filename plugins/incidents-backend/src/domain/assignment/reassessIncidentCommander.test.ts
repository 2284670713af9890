import { Severity } from '@firebreak/plugin-incidents-common';
import { OnCallSnapshot } from './assignIncidentCommander';
import { BusinessHours } from './businessHours';
import {
  ReassessIncidentCommanderInput,
  onCallGroupsForSeverityChange,
  reassessIncidentCommander,
} from './reassessIncidentCommander';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';
const PLATFORM = 'group:default/platform-reliability';
const PAYMENTS = 'group:default/payments';

const berlinOffice: BusinessHours = {
  timeZone: 'Europe/Berlin',
  days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  start: '09:00',
  end: '17:00',
};

/** The injected clock: Wednesday 2025-03-05, 11:00 in Berlin. */
const clock = { now: () => new Date('2025-03-05T10:00:00Z') };

function onCall(groupRef: string, rotation: string[]): OnCallSnapshot {
  return {
    groupRef,
    current: rotation.length ? { userRef: rotation[0] } : undefined,
    rotation,
  };
}

function reassess(
  from: Severity,
  to: Severity,
  overrides: Partial<ReassessIncidentCommanderInput> = {},
) {
  return reassessIncidentCommander({
    from,
    to,
    now: clock.now(),
    ownerGroupRefs: [PAYMENTS],
    platformOnCall: onCall(PLATFORM, [DAVE, CAROL]),
    ownerOnCall: onCall(PAYMENTS, [ALICE, BOB, CAROL]),
    openCommandedIncidents: [],
    businessHours: berlinOffice,
    platformGroupRef: PLATFORM,
    ...overrides,
  });
}

describe('reassessIncidentCommander', () => {
  it.each([
    ['SEV3', 'SEV1'],
    ['SEV3', 'SEV2'],
    ['SEV4', 'SEV2'],
  ] as [Severity, Severity][])(
    'hands %s → %s over to the platform on-call',
    (from, to) => {
      expect(reassess(from, to, { commanderRef: ALICE })).toEqual({
        kind: 'assign',
        assignment: { kind: 'commander', userRef: DAVE, groupRef: PLATFORM },
        previousCommanderRef: ALICE,
        reason: `Severity raised ${from} → ${to}: ${to} is commanded by the on-call of platform-reliability`,
      });
    },
  );

  it('assigns the platform on-call when nobody commands the raised incident', () => {
    expect(reassess('SEV4', 'SEV1')).toMatchObject({
      kind: 'assign',
      assignment: { userRef: DAVE, groupRef: PLATFORM },
    });
    expect(reassess('SEV4', 'SEV1')).not.toHaveProperty('previousCommanderRef');
  });

  it('keeps the platform on-call who already commands it (any case)', () => {
    expect(
      reassess('SEV3', 'SEV1', { commanderRef: 'User:default/Dave' }),
    ).toEqual({ kind: 'unchanged' });
  });

  it('uses the configured platform group', () => {
    const sre = 'group:default/sre';
    expect(
      reassess('SEV3', 'SEV2', {
        commanderRef: ALICE,
        platformGroupRef: sre,
        platformOnCall: onCall(sre, [BOB]),
      }),
    ).toMatchObject({
      kind: 'assign',
      assignment: { userRef: BOB, groupRef: sre },
      reason: expect.stringContaining('on-call of sre'),
    });
  });

  it('keeps the commander, with a note, when nobody is on call for the platform', () => {
    expect(
      reassess('SEV3', 'SEV1', {
        commanderRef: ALICE,
        platformOnCall: onCall(PLATFORM, []),
      }),
    ).toEqual({
      kind: 'note',
      reason: `Severity raised SEV3 → SEV1, but no incident commander could be assigned: nobody is on call for ${PLATFORM}; alice stays incident commander`,
    });
  });

  it('notes that the platform on-call is busy, as at declaration', () => {
    const result = reassess('SEV3', 'SEV1', {
      commanderRef: ALICE,
      openCommandedIncidents: [
        { userRef: DAVE, incidentRef: 'INC-7', severity: 'SEV1' },
      ],
    });
    expect(result).toMatchObject({
      kind: 'assign',
      assignment: {
        userRef: DAVE,
        reason: expect.stringContaining('dave is IC of INC-7 (SEV1)'),
      },
    });
  });

  it('does not re-apply the rule between SEV1 and SEV2', () => {
    expect(reassess('SEV2', 'SEV1', { commanderRef: ALICE })).toEqual({
      kind: 'unchanged',
    });
  });

  it('assigns the owning team on-call when a backlog SEV4 becomes SEV3', () => {
    expect(reassess('SEV4', 'SEV3')).toEqual({
      kind: 'assign',
      assignment: { kind: 'commander', userRef: ALICE, groupRef: PAYMENTS },
      reason:
        'Severity raised SEV4 → SEV3: SEV3 is commanded by the on-call of the owning team',
    });
  });

  it('defers SEV4 → SEV3 as the SEV3 rule does', () => {
    expect(
      reassess('SEV4', 'SEV3', {
        openCommandedIncidents: [
          { userRef: ALICE, incidentRef: 'INC-3', severity: 'SEV2' },
        ],
      }),
    ).toMatchObject({
      kind: 'assign',
      assignment: { userRef: BOB, deferredFrom: ALICE },
    });
  });

  it('keeps a SEV4 commander assigned by hand when raised to SEV3', () => {
    expect(reassess('SEV4', 'SEV3', { commanderRef: CAROL })).toEqual({
      kind: 'unchanged',
    });
  });

  it('notes when the SEV3 rule finds no owner', () => {
    expect(
      reassess('SEV4', 'SEV3', { ownerGroupRefs: [], ownerOnCall: undefined }),
    ).toMatchObject({
      kind: 'note',
      reason: expect.stringContaining('no affected entity has an owning group'),
    });
  });

  it.each([
    ['SEV1', 'SEV3'],
    ['SEV1', 'SEV2'],
    ['SEV2', 'SEV3'],
  ] as [Severity, Severity][])(
    'never removes the IC when lowering %s → %s',
    (from, to) => {
      expect(reassess(from, to, { commanderRef: DAVE })).toEqual({
        kind: 'unchanged',
      });
    },
  );

  it('notes that SEV4 would normally have no commander when lowering to it', () => {
    expect(reassess('SEV2', 'SEV4', { commanderRef: DAVE })).toEqual({
      kind: 'note',
      reason:
        'Severity lowered SEV2 → SEV4: SEV4 would normally have no incident commander; dave stays incident commander',
    });
    expect(reassess('SEV2', 'SEV4')).toEqual({ kind: 'unchanged' });
  });

  it('does nothing when the severity stays', () => {
    expect(reassess('SEV3', 'SEV3', { commanderRef: ALICE })).toEqual({
      kind: 'unchanged',
    });
  });
});

describe('onCallGroupsForSeverityChange', () => {
  const options = { ownerGroupRefs: [PAYMENTS], platformGroupRef: PLATFORM };
  it('resolves only what a raise needs', () => {
    expect(
      onCallGroupsForSeverityChange({ from: 'SEV3', to: 'SEV1', ...options }),
    ).toEqual({ platformGroupRef: PLATFORM });
    expect(
      onCallGroupsForSeverityChange({ from: 'SEV4', to: 'SEV3', ...options }),
    ).toEqual({ ownerGroupRef: PAYMENTS });
    expect(
      onCallGroupsForSeverityChange({ from: 'SEV2', to: 'SEV1', ...options }),
    ).toEqual({});
    expect(
      onCallGroupsForSeverityChange({ from: 'SEV1', to: 'SEV4', ...options }),
    ).toEqual({});
  });
});
