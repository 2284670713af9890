import { decideRoleChange } from './roles';

const alice = 'user:default/alice';
const bob = 'user:default/bob';

describe('decideRoleChange', () => {
  it('assigns an unassigned role', () => {
    expect(
      decideRoleChange(undefined, { role: 'qa-strategist', userRef: alice }),
    ).toEqual({
      outcome: 'change',
      assignment: { role: 'qa-strategist', userRef: alice, note: undefined },
      timeline: {
        kind: 'role',
        body: 'alice assigned as qa strategist',
        details: { role: 'qa-strategist', userRef: alice, action: 'assign' },
      },
    });
  });

  it('reassigns, naming both people', () => {
    const decision = decideRoleChange(
      { userRef: alice, version: 1 },
      {
        role: 'release-manager',
        userRef: bob,
        expectedVersion: 1,
        note: 'alice is off shift',
      },
    );
    expect(decision).toMatchObject({
      outcome: 'change',
      timeline: {
        body: 'Release manager reassigned from alice to bob: alice is off shift',
        details: {
          action: 'reassign',
          previousUserRef: alice,
          note: 'alice is off shift',
        },
      },
    });
  });

  it('hands off with the handoff notes', () => {
    const decision = decideRoleChange(
      { userRef: alice, version: 2 },
      {
        role: 'incident-commander',
        userRef: bob,
        handoff: true,
        note: 'rollback in progress, watch p95',
      },
    );
    expect(decision).toMatchObject({
      outcome: 'change',
      timeline: {
        body: 'Incident commander handed off from alice to bob: rollback in progress, watch p95',
        details: { action: 'handoff', previousUserRef: alice },
      },
    });
  });

  it('does nothing when the person already holds the role (any case)', () => {
    expect(
      decideRoleChange(
        { userRef: alice, version: 1 },
        { role: 'qa-strategist', userRef: 'User:default/Alice' },
      ),
    ).toEqual({ outcome: 'unchanged' });
  });

  it('refuses a stale version with the current one', () => {
    expect(
      decideRoleChange(
        { userRef: alice, version: 3 },
        { role: 'qa-strategist', userRef: bob, expectedVersion: 2 },
      ),
    ).toMatchObject({ outcome: 'conflict', currentVersion: 3 });
    expect(
      decideRoleChange(undefined, {
        role: 'qa-strategist',
        userRef: bob,
        expectedVersion: 1,
      }),
    ).toMatchObject({ outcome: 'conflict', currentVersion: 0 });
  });

  it('refuses to hand off a role nobody holds, or to its holder', () => {
    expect(
      decideRoleChange(undefined, {
        role: 'qa-strategist',
        userRef: bob,
        handoff: true,
      }),
    ).toMatchObject({
      outcome: 'conflict',
      message: expect.stringContaining('nothing to hand off'),
    });
    expect(
      decideRoleChange(
        { userRef: bob, version: 1 },
        { role: 'qa-strategist', userRef: bob, handoff: true },
      ),
    ).toMatchObject({
      outcome: 'conflict',
      message: expect.stringContaining('already'),
    });
  });
});
