import {
  Milestone,
  PHASES,
  Phase,
  SEVERITIES,
  Severity,
  TRANSITIONS,
  TRANSITION_IDS,
  TransitionId,
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

/**
 * The workflow graph, written from the spec's "Workflow Visualization" (not from the code):
 * SEV1-3 get an incident commander and go to Phase 1 triage; SEV4 is tracked in the backlog
 * and closed. Root cause found -> Phase 2 resolution; not found -> escalate to specialists,
 * who then begin resolution. A fix is deployed gradually or fully and monitored; recovered ->
 * Phase 3 communication & postmortem; still degraded -> roll back to resolution. Postmortem ->
 * action items & prevention -> closed. The one edge the spec does not draw: a backlog item
 * whose severity was raised above SEV4 starts triage.
 */
const ACTIVE: Severity[] = ['SEV1', 'SEV2', 'SEV3'];
const ALL: Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const SPEC_EDGES: [TransitionId, Phase, Phase, Severity[]][] = [
  ['start-triage', 'declared', 'triage', ACTIVE],
  ['track-in-backlog', 'declared', 'backlog', ['SEV4']],
  ['root-cause-found', 'triage', 'resolution', ALL],
  ['escalate', 'triage', 'escalated', ALL],
  ['begin-resolution', 'escalated', 'resolution', ALL],
  ['deploy-gradual', 'resolution', 'monitoring', ALL],
  ['deploy-full', 'resolution', 'monitoring', ALL],
  ['recovered', 'monitoring', 'communication', ALL],
  ['rollback', 'monitoring', 'resolution', ALL],
  ['postmortem-complete', 'communication', 'prevention', ALL],
  ['close', 'prevention', 'closed', ALL],
  ['close', 'backlog', 'closed', ALL],
  ['start-triage', 'backlog', 'triage', ACTIVE],
];

describe('decideTransition', () => {
  // Every edge of the spec's graph, for every severity the edge admits.
  const allowedCases = SPEC_EDGES.flatMap(([id, from, to, severities]) =>
    severities.map(severity => [id, from, to, severity] as const),
  );

  it("has exactly the spec's edges, no more and no fewer", () => {
    const code = TRANSITIONS.map(t =>
      [t.id, t.from, t.to, t.severities ?? ALL].join(' '),
    ).sort();
    const spec = SPEC_EDGES.map(edge => edge.join(' ')).sort();
    expect(code).toEqual(spec);
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
          !SPEC_EDGES.some(
            ([edge, from, , severities]) =>
              edge === id && from === phase && severities.includes(severity),
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
