import { decideChecklistUpdate } from './checklist';

const sev2 = {
  severity: 'SEV2' as const,
  costImpact: false,
  dataExposure: false,
};

describe('decideChecklistUpdate', () => {
  it('assigns and checks an item, logging it', () => {
    expect(
      decideChecklistUpdate(sev2, 'validate-in-staging', undefined, {
        assigneeRef: 'user:default/quinn',
        done: true,
      }),
    ).toEqual({
      outcome: 'change',
      next: { assigneeRef: 'user:default/quinn', done: true },
      timeline: {
        kind: 'update',
        body: 'Checklist: Validate the remediation in staging — assigned to quinn, done',
        details: {
          checklistItemId: 'validate-in-staging',
          assigneeRef: 'user:default/quinn',
          previousAssigneeRef: null,
          done: true,
        },
      },
    });
  });

  it('reopens and unassigns', () => {
    expect(
      decideChecklistUpdate(
        sev2,
        'contain-impact',
        { assigneeRef: 'user:default/dev', done: true, version: 2 },
        { assigneeRef: null, done: false, expectedVersion: 2 },
      ),
    ).toMatchObject({
      outcome: 'change',
      next: { done: false },
      timeline: {
        body: 'Checklist: Contain: feature flags, rollback or traffic reroute — unassigned, reopened',
      },
    });
  });

  it('changes nothing when nothing differs', () => {
    expect(
      decideChecklistUpdate(
        sev2,
        'contain-impact',
        { done: true, version: 1 },
        { done: true },
      ),
    ).toEqual({ outcome: 'unchanged' });
  });

  it('refuses a stale version', () => {
    expect(
      decideChecklistUpdate(
        sev2,
        'contain-impact',
        { done: true, version: 3 },
        { done: false, expectedVersion: 1 },
      ),
    ).toMatchObject({ outcome: 'conflict', currentVersion: 3 });
  });

  it('knows only the items that apply to the incident', () => {
    expect(
      decideChecklistUpdate(sev2, 'assess-cost-impact', undefined, {
        done: true,
      }),
    ).toMatchObject({ outcome: 'unknown-item' });
    expect(
      decideChecklistUpdate(
        { ...sev2, costImpact: true },
        'assess-cost-impact',
        undefined,
        { done: true },
      ),
    ).toMatchObject({ outcome: 'change' });
    expect(
      decideChecklistUpdate(
        { ...sev2, severity: 'SEV4' },
        'contain-impact',
        undefined,
        {
          done: true,
        },
      ),
    ).toMatchObject({ outcome: 'unknown-item' });
  });
});
