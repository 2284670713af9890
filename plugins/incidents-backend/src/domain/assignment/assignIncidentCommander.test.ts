import { Severity } from '@firebreak/plugin-incidents-common';
import {
  AssignIncidentCommanderInput,
  CommandedIncident,
  OnCallSnapshot,
  assignIncidentCommander,
  onCallGroupsToResolve,
} from './assignIncidentCommander';
import { BusinessHours } from './businessHours';

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

// Wednesday 2025-03-05, 11:00 in Berlin.
const WEDNESDAY_MORNING = new Date('2025-03-05T10:00:00Z');

function onCall(groupRef: string, rotation: string[]): OnCallSnapshot {
  return {
    groupRef,
    current: rotation.length ? { userRef: rotation[0] } : undefined,
    rotation,
  };
}

function commanding(
  userRef: string,
  incidentRef: string,
  severity: Severity,
): CommandedIncident {
  return { userRef, incidentRef, severity };
}

function assign(
  severity: Severity,
  overrides: Partial<AssignIncidentCommanderInput> = {},
) {
  return assignIncidentCommander({
    severity,
    now: WEDNESDAY_MORNING,
    ownerGroupRefs: [PAYMENTS],
    platformOnCall: onCall(PLATFORM, [DAVE, CAROL]),
    ownerOnCall: onCall(PAYMENTS, [ALICE, BOB, CAROL]),
    openCommandedIncidents: [],
    businessHours: berlinOffice,
    platformGroupRef: PLATFORM,
    ...overrides,
  });
}

describe('assignIncidentCommander', () => {
  describe.each<Severity>(['SEV1', 'SEV2'])(
    '%s: the platform reliability on-call',
    severity => {
      it('is incident commander at declaration', () => {
        expect(assign(severity)).toEqual({
          kind: 'commander',
          userRef: DAVE,
          groupRef: PLATFORM,
        });
      });

      it('comes from the configured platform group', () => {
        const sre = 'group:default/sre';
        expect(
          assign(severity, {
            platformGroupRef: sre,
            platformOnCall: onCall(sre, [CAROL]),
          }),
        ).toEqual({ kind: 'commander', userRef: CAROL, groupRef: sre });
      });

      it('is assigned even while commanding another incident, and the timeline says so', () => {
        expect(
          assign(severity, {
            openCommandedIncidents: [
              commanding(DAVE, 'INC-7', 'SEV1'),
              commanding(DAVE, 'INC-9', 'SEV3'),
              commanding(ALICE, 'INC-8', 'SEV1'),
            ],
          }),
        ).toEqual({
          kind: 'commander',
          userRef: DAVE,
          groupRef: PLATFORM,
          reason:
            'dave is IC of INC-7 (SEV1) already; assigned anyway as the platform reliability on-call',
        });
      });

      it(`names three of a storm's incidents on ${severity}, not all of them`, () => {
        const storm = Array.from({ length: 2_000 }, (_, i) =>
          commanding(DAVE, `INC-${i + 1}`, 'SEV1'),
        );
        expect(assign(severity, { openCommandedIncidents: storm })).toEqual({
          kind: 'commander',
          userRef: DAVE,
          groupRef: PLATFORM,
          reason:
            'dave is IC of INC-1 (SEV1), INC-2 (SEV1), INC-3 (SEV1) and 1997 more already; assigned anyway as the platform reliability on-call',
        });
      });

      it(`says "at least" when the store stopped counting a storm on ${severity}`, () => {
        const counted = [
          commanding(DAVE, 'INC-1', 'SEV1'),
          commanding(DAVE, 'INC-2', 'SEV1'),
          { ...commanding(DAVE, 'INC-3', 'SEV1'), also: 98, alsoAtLeast: true },
        ];
        expect(
          assign(severity, { openCommandedIncidents: counted }).reason,
        ).toBe(
          'dave is IC of INC-1 (SEV1), INC-2 (SEV1), INC-3 (SEV1) and at least 98 more already; assigned anyway as the platform reliability on-call',
        );
      });

      it('does not mention less severe incidents the on-call commands', () => {
        expect(
          assign(severity, {
            openCommandedIncidents: [commanding(DAVE, 'INC-9', 'SEV3')],
          }),
        ).toEqual({ kind: 'commander', userRef: DAVE, groupRef: PLATFORM });
      });

      it('is unassigned when the platform group has no schedule', () => {
        expect(assign(severity, { platformOnCall: undefined })).toEqual({
          kind: 'unassigned',
          reason: `no on-call schedule found for ${PLATFORM}`,
        });
      });

      it('is unassigned when nobody is on call for the platform group', () => {
        expect(
          assign(severity, { platformOnCall: onCall(PLATFORM, []) }),
        ).toEqual({
          kind: 'unassigned',
          reason: `nobody is on call for ${PLATFORM}`,
        });
      });

      it('does not fall back to the owning team', () => {
        expect(assign(severity, { platformOnCall: undefined }).kind).toBe(
          'unassigned',
        );
      });
    },
  );

  describe("SEV3: the owning team's on-call", () => {
    it('is notified and assigned when free', () => {
      expect(assign('SEV3')).toEqual({
        kind: 'commander',
        userRef: ALICE,
        groupRef: PAYMENTS,
      });
    });

    it('defers to the next person in the rotation when commanding a more severe incident', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [commanding(ALICE, 'INC-12', 'SEV1')],
        }),
      ).toEqual({
        kind: 'commander',
        userRef: BOB,
        groupRef: PAYMENTS,
        deferredFrom: ALICE,
        reason: 'alice is IC of INC-12 (SEV1); deferred to bob',
      });
    });

    it('skips everyone busy until someone is free', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding(BOB, 'INC-14', 'SEV2'),
            commanding(ALICE, 'INC-12', 'SEV1'),
          ],
        }),
      ).toEqual({
        kind: 'commander',
        userRef: CAROL,
        groupRef: PAYMENTS,
        deferredFrom: ALICE,
        reason:
          'alice is IC of INC-12 (SEV1); bob is IC of INC-14 (SEV2); deferred to carol',
      });
    });

    it('lists every more severe incident a person commands, most severe first', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding(ALICE, 'INC-12', 'SEV2'),
            commanding(ALICE, 'INC-3', 'SEV2'),
            commanding(ALICE, 'INC-20', 'SEV1'),
          ],
        }),
      ).toMatchObject({
        userRef: BOB,
        reason:
          'alice is IC of INC-20 (SEV1), INC-3 (SEV2), INC-12 (SEV2); deferred to bob',
      });
    });

    it('never names a restricted incident in the reason', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            { ...commanding(ALICE, 'INC-12', 'SEV1'), restricted: true },
            commanding(BOB, 'INC-14', 'SEV2'),
            { ...commanding(BOB, 'INC-15', 'SEV1'), restricted: true },
          ],
        }),
      ).toMatchObject({
        userRef: CAROL,
        reason:
          'alice is IC of another incident; bob is IC of INC-14 (SEV2); deferred to carol',
      });
    });

    it('keeps the on-call assigned, and says so, when everyone is busy', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding(ALICE, 'INC-12', 'SEV1'),
            commanding(BOB, 'INC-14', 'SEV2'),
            commanding(CAROL, 'INC-15', 'SEV1'),
          ],
        }),
      ).toEqual({
        kind: 'commander',
        userRef: ALICE,
        groupRef: PAYMENTS,
        reason:
          'alice is IC of INC-12 (SEV1); bob is IC of INC-14 (SEV2); carol is IC of INC-15 (SEV1); everyone in the rotation commands a more severe incident, so alice stays assigned',
      });
    });

    it('keeps a lone on-call assigned when busy', () => {
      expect(
        assign('SEV3', {
          ownerOnCall: onCall(PAYMENTS, [ALICE]),
          openCommandedIncidents: [commanding(ALICE, 'INC-12', 'SEV2')],
        }),
      ).toMatchObject({ kind: 'commander', userRef: ALICE });
    });

    it.each<Severity>(['SEV3', 'SEV4'])(
      'does not defer while commanding a %s incident (equal or lower severity)',
      severity => {
        expect(
          assign('SEV3', {
            openCommandedIncidents: [commanding(ALICE, 'INC-12', severity)],
          }),
        ).toEqual({ kind: 'commander', userRef: ALICE, groupRef: PAYMENTS });
      },
    );

    it('defers past a busy person to one who only commands an equal-severity incident', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding(ALICE, 'INC-12', 'SEV2'),
            commanding(BOB, 'INC-13', 'SEV3'),
          ],
        }),
      ).toMatchObject({
        userRef: BOB,
        deferredFrom: ALICE,
        reason: 'alice is IC of INC-12 (SEV2); deferred to bob',
      });
    });

    it('compares user refs case-insensitively', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding('user:default/Alice', 'INC-12', 'SEV1'),
          ],
        }),
      ).toMatchObject({ userRef: BOB, deferredFrom: ALICE });
    });

    it('starts with the person on call even if the rotation does not list them', () => {
      const covering: OnCallSnapshot = {
        groupRef: PAYMENTS,
        current: { userRef: DAVE },
        rotation: [ALICE, BOB],
      };
      expect(assign('SEV3', { ownerOnCall: covering })).toMatchObject({
        userRef: DAVE,
      });
      expect(
        assign('SEV3', {
          ownerOnCall: covering,
          openCommandedIncidents: [commanding(DAVE, 'INC-2', 'SEV1')],
        }),
      ).toMatchObject({
        userRef: ALICE,
        deferredFrom: DAVE,
        reason: 'dave is IC of INC-2 (SEV1); deferred to alice',
      });
    });

    it('names other namespaces in the reason', () => {
      expect(
        assign('SEV3', {
          ownerOnCall: onCall(PAYMENTS, ['user:ops/alice', BOB]),
          openCommandedIncidents: [
            commanding('user:ops/alice', 'INC-1', 'SEV1'),
          ],
        }),
      ).toMatchObject({
        reason: 'ops/alice is IC of INC-1 (SEV1); deferred to bob',
      });
    });

    it('does not use the platform on-call', () => {
      expect(
        assign('SEV3', {
          openCommandedIncidents: [
            commanding(ALICE, 'INC-12', 'SEV1'),
            commanding(BOB, 'INC-13', 'SEV1'),
            commanding(CAROL, 'INC-14', 'SEV1'),
          ],
        }),
      ).toMatchObject({ userRef: ALICE, groupRef: PAYMENTS });
    });

    it('is unassigned without an owning group', () => {
      expect(
        assign('SEV3', { ownerGroupRefs: [], ownerOnCall: undefined }),
      ).toEqual({
        kind: 'unassigned',
        reason: 'no affected entity has an owning group to take the incident',
      });
    });

    it('is unassigned when the owning group has no schedule', () => {
      expect(assign('SEV3', { ownerOnCall: undefined })).toEqual({
        kind: 'unassigned',
        reason: `no on-call schedule found for ${PAYMENTS}`,
      });
    });

    it('is unassigned when nobody is on call for the owning group', () => {
      expect(assign('SEV3', { ownerOnCall: onCall(PAYMENTS, []) })).toEqual({
        kind: 'unassigned',
        reason: `nobody is on call for ${PAYMENTS}`,
      });
    });
  });

  describe('SEV4: no incident commander, the owning team backlog', () => {
    it('is assigned now during business hours', () => {
      expect(assign('SEV4')).toEqual({
        kind: 'backlog',
        ownerGroupRef: PAYMENTS,
        assignAt: WEDNESDAY_MORNING,
        reason: `SEV4 has no incident commander; tracked in the backlog of ${PAYMENTS}`,
      });
    });

    it('waits for business hours to begin in the evening', () => {
      // Wednesday 20:00 in Berlin → Thursday 09:00 CET.
      expect(assign('SEV4', { now: new Date('2025-03-05T19:00:00Z') })).toEqual(
        {
          kind: 'backlog',
          ownerGroupRef: PAYMENTS,
          assignAt: new Date('2025-03-06T08:00:00Z'),
          reason: `SEV4 has no incident commander; tracked in the backlog of ${PAYMENTS} from 2025-03-06 08:00 UTC, when business hours begin`,
        },
      );
    });

    it('waits over the weekend', () => {
      // Saturday 2025-03-08 → Monday 09:00 CET.
      expect(
        assign('SEV4', { now: new Date('2025-03-08T12:00:00Z') }),
      ).toMatchObject({ assignAt: new Date('2025-03-10T08:00:00Z') });
    });

    it('waits over a DST change', () => {
      // Berlin moves to CEST on Sunday 2025-03-30: Monday 09:00 is 07:00Z.
      expect(
        assign('SEV4', { now: new Date('2025-03-28T17:00:00Z') }),
      ).toMatchObject({ assignAt: new Date('2025-03-31T07:00:00Z') });
      expect(
        assign('SEV4', { now: new Date('2025-03-31T07:30:00Z') }),
      ).toMatchObject({ assignAt: new Date('2025-03-31T07:30:00Z') });
    });

    it('goes to the primary owning group', () => {
      expect(
        assign('SEV4', { ownerGroupRefs: ['group:default/search', PAYMENTS] }),
      ).toMatchObject({ ownerGroupRef: 'group:default/search' });
    });

    it('never names a commander, on call or not', () => {
      expect(assign('SEV4').kind).toBe('backlog');
    });

    it('is unassigned without an owning group', () => {
      expect(assign('SEV4', { ownerGroupRefs: [] })).toEqual({
        kind: 'unassigned',
        reason:
          'no affected entity has an owning group whose backlog could track it',
      });
    });
  });

  it('rejects an unknown severity', () => {
    expect(() => assign('SEV5' as Severity)).toThrow("Unknown severity 'SEV5'");
  });
});

describe('onCallGroupsToResolve', () => {
  it.each<[Severity, string[], object]>([
    ['SEV1', [PAYMENTS], { platformGroupRef: PLATFORM }],
    ['SEV2', [], { platformGroupRef: PLATFORM }],
    ['SEV3', [PAYMENTS, 'group:default/search'], { ownerGroupRef: PAYMENTS }],
    ['SEV3', [], {}],
    ['SEV4', [PAYMENTS], {}],
  ])('%s owned by %j needs %j', (severity, ownerGroupRefs, expected) => {
    expect(
      onCallGroupsToResolve({
        severity,
        ownerGroupRefs,
        platformGroupRef: PLATFORM,
      }),
    ).toEqual(expected);
  });

  it('uses the configured platform group', () => {
    expect(
      onCallGroupsToResolve({
        severity: 'SEV1',
        ownerGroupRefs: [],
        platformGroupRef: 'group:default/sre',
      }),
    ).toEqual({ platformGroupRef: 'group:default/sre' });
  });
});
