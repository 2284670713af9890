import {
  PHASES,
  TRANSITIONS,
  allowedTransitions,
  findTransition,
  milestonesReachedBy,
} from './lifecycle';
import { SEVERITIES } from './severity';

describe('lifecycle graph', () => {
  it('follows the spec: SEV1-3 go to triage, SEV4 to the backlog', () => {
    for (const sev of ['SEV1', 'SEV2', 'SEV3'] as const) {
      expect(allowedTransitions('declared', sev).map(t => t.id)).toEqual([
        'start-triage',
      ]);
    }
    expect(allowedTransitions('declared', 'SEV4').map(t => t.id)).toEqual([
      'track-in-backlog',
    ]);
  });

  it('offers both branches where the spec branches', () => {
    expect(allowedTransitions('triage', 'SEV2').map(t => t.to)).toEqual([
      'resolution',
      'escalated',
    ]);
    expect(allowedTransitions('resolution', 'SEV2').map(t => t.id)).toEqual([
      'deploy-gradual',
      'deploy-full',
    ]);
    expect(allowedTransitions('monitoring', 'SEV1').map(t => t.to)).toEqual([
      'communication',
      'resolution',
    ]);
  });

  it('has no way out of closed and a path to closed from every open phase', () => {
    expect(SEVERITIES.flatMap(s => allowedTransitions('closed', s))).toEqual(
      [],
    );
    for (const sev of SEVERITIES) {
      const reachable = new Set(['closed']);
      let grew = true;
      while (grew) {
        grew = false;
        for (const t of TRANSITIONS) {
          const ok = !t.severities || t.severities.includes(sev);
          if (ok && reachable.has(t.to) && !reachable.has(t.from)) {
            reachable.add(t.from);
            grew = true;
          }
        }
      }
      const start =
        sev === 'SEV4'
          ? ['declared', 'backlog']
          : PHASES.filter(p => p !== 'backlog' && p !== 'closed');
      for (const phase of start) expect(reachable.has(phase)).toBe(true);
    }
  });

  it('finds only edges that leave the current phase', () => {
    expect(findTransition('triage', 'SEV2', 'recovered')).toBeUndefined();
    expect(findTransition('monitoring', 'SEV2', 'recovered')?.to).toBe(
      'communication',
    );
    expect(findTransition('declared', 'SEV4', 'start-triage')).toBeUndefined();
  });

  it('records the SLA milestones on the edges that reach them', () => {
    expect(
      milestonesReachedBy(findTransition('declared', 'SEV1', 'start-triage')!),
    ).toEqual(['acknowledgedAt']);
    expect(
      milestonesReachedBy(findTransition('resolution', 'SEV1', 'deploy-full')!),
    ).toEqual(['mitigatedAt']);
    expect(
      milestonesReachedBy(findTransition('monitoring', 'SEV1', 'recovered')!),
    ).toEqual(['resolvedAt']);
    expect(
      milestonesReachedBy(findTransition('prevention', 'SEV1', 'close')!),
    ).toEqual(['closedAt']);
    expect(
      milestonesReachedBy(findTransition('backlog', 'SEV4', 'close')!),
    ).toEqual(['closedAt', 'mitigatedAt', 'resolvedAt']);
  });
});
