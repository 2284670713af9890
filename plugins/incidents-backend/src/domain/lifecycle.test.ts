import {
  Milestone,
  PHASES,
  Phase,
  SEVERITIES,
  Severity,
  TRANSITIONS,
  TRANSITION_IDS,
  allowedTransitions,
} from '@firebreak/plugin-incidents-common';
import { decideAcknowledge, decideTransition } from './lifecycle';

const now = new Date('2025-02-06T10:00:00.000Z');
const earlier = '2025-02-06T09:00:00.000Z';

function incident(
  phase: Phase,
  severity: Severity,
  milestones: Partial<Record<Milestone, string>> = {},
) {
  return { phase, severity, ...milestones };
}

const expectedMilestones = (from: Phase, to: Phase): Milestone[] => {
  const m: Milestone[] = [];
  if (from === 'declared') m.push('acknowledgedAt');
  if (to === 'monitoring') m.push('mitigatedAt');
  if (to === 'communication') m.push('resolvedAt');
  if (to === 'closed') m.push('closedAt');
  if (from === 'backlog' && to === 'closed')
    m.push('mitigatedAt', 'resolvedAt');
  return m;
};

describe('decideTransition', () => {
  // Every edge of the graph, for every severity the edge admits.
  const allowedCases = TRANSITIONS.flatMap(t =>
    (t.severities ?? SEVERITIES).map(
      severity => [t.id, t.from, t.to, severity] as const,
    ),
  );

  it('covers every edge of the workflow graph', () => {
    expect(allowedCases.length).toBeGreaterThanOrEqual(TRANSITIONS.length);
  });

  it.each(allowedCases)(
    '%s from %s → %s is allowed for %s, with its milestones',
    (id, from, to, severity) => {
      const decision = decideTransition(incident(from, severity), id, { now });
      if (!decision.allowed) throw new Error(decision.message);
      expect(decision.transition.to).toBe(to);
      const expected = expectedMilestones(from, to);
      expect(decision.change.fields).toEqual({
        phase: to,
        ...Object.fromEntries(expected.map(m => [m, now.toISOString()])),
      });
      expect(decision.change.timeline).toEqual([
        expect.objectContaining({
          kind: 'transition',
          details: expect.objectContaining({ transition: id, from, to }),
        }),
      ]);
    },
  );

  it.each(allowedCases)(
    '%s from %s → %s (%s) keeps milestones already recorded',
    (id, from, _to, severity) => {
      const state = incident(from, severity, {
        acknowledgedAt: earlier,
        mitigatedAt: earlier,
        resolvedAt: earlier,
        closedAt: earlier,
      });
      const decision = decideTransition(state, id, { now });
      if (!decision.allowed) throw new Error(decision.message);
      expect(Object.keys(decision.change.fields)).toEqual(['phase']);
    },
  );

  const refusedCases = PHASES.flatMap(phase =>
    SEVERITIES.flatMap(severity =>
      TRANSITION_IDS.filter(
        id =>
          !TRANSITIONS.some(
            t =>
              t.id === id &&
              t.from === phase &&
              (!t.severities || t.severities.includes(severity)),
          ),
      ).map(id => [id, phase, severity] as const),
    ),
  );

  it('refuses the complement of the graph', () => {
    expect(allowedCases.length + refusedCases.length).toBe(
      PHASES.length * SEVERITIES.length * TRANSITION_IDS.length,
    );
  });

  it.each(refusedCases)(
    '%s from %s (%s) is refused with the allowed next steps',
    (id, phase, severity) => {
      const decision = decideTransition(incident(phase, severity), id, { now });
      if (decision.allowed) throw new Error('expected a refusal');
      const allowed = allowedTransitions(phase, severity).map(t => t.id);
      expect(decision.allowedNext.map(t => t.id)).toEqual(allowed);
      expect(decision.message).toBe(
        `Transition '${id}' is not allowed from phase '${phase}' (${severity}). Allowed next steps: ${
          allowed.join(', ') || 'none'
        }`,
      );
    },
  );

  it('names the allowed steps in the refusal message', () => {
    const decision = decideTransition(incident('triage', 'SEV2'), 'recovered', {
      now,
    });
    expect(decision).toMatchObject({
      allowed: false,
      message:
        "Transition 'recovered' is not allowed from phase 'triage' (SEV2). Allowed next steps: root-cause-found, escalate",
    });
  });

  it('records a note in the timeline entry', () => {
    const decision = decideTransition(incident('triage', 'SEV1'), 'escalate', {
      now,
      note: '  paging the DB team ',
    });
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision.change.timeline[0]).toEqual({
      kind: 'transition',
      body: 'Escalate to specialists: paging the DB team',
      details: expect.objectContaining({
        transition: 'escalate',
        from: 'triage',
        to: 'escalated',
        note: 'paging the DB team',
        milestones: [],
      }),
    });
  });

  it('keeps the first mitigation time across rollback and redeploy', () => {
    const decision = decideTransition(
      incident('resolution', 'SEV2', {
        acknowledgedAt: earlier,
        mitigatedAt: earlier,
      }),
      'deploy-full',
      { now },
    );
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision.change.fields).toEqual({ phase: 'monitoring' });
  });
});

describe('decideAcknowledge', () => {
  it('records the first acknowledgement with a status entry', () => {
    expect(decideAcknowledge({}, now)).toEqual({
      fields: { acknowledgedAt: now.toISOString() },
      timeline: [
        expect.objectContaining({
          kind: 'status',
          details: { acknowledged: true },
        }),
      ],
    });
  });

  it('changes nothing when already acknowledged', () => {
    expect(decideAcknowledge({ acknowledgedAt: earlier }, now)).toBeUndefined();
  });
});
