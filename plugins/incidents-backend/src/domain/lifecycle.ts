import {
  Incident,
  Milestone,
  PHASE_INFO,
  Transition,
  TransitionId,
  allowedTransitions,
  findTransition,
  milestonesReachedBy,
} from '@firebreak/plugin-incidents-common';
import { IncidentChange } from './types';

type LifecycleState = Pick<Incident, 'phase' | 'severity' | Milestone>;

/** The outcome of asking to move an incident along one edge of the workflow graph. */
export type TransitionDecision =
  | {
      allowed: true;
      transition: Transition;
      change: IncidentChange;
    }
  | {
      allowed: false;
      /** The edges the incident may take instead (possibly none). */
      allowedNext: Transition[];
      message: string;
    };

/**
 * Decides whether `incident` may take transition `id` at time `now`, and if so which phase
 * it enters and which SLA milestones it records. A milestone is only recorded the first
 * time it is reached: a rollback and redeploy keeps the original mitigation time.
 */
export function decideTransition(
  incident: LifecycleState,
  id: TransitionId,
  options: { now: Date; note?: string },
): TransitionDecision {
  const transition = findTransition(incident.phase, incident.severity, id);
  if (!transition) {
    const allowedNext = allowedTransitions(incident.phase, incident.severity);
    const list = allowedNext.map(t => t.id).join(', ') || 'none';
    return {
      allowed: false,
      allowedNext,
      message: `Transition '${id}' is not allowed from phase '${incident.phase}' (${incident.severity}). Allowed next steps: ${list}`,
    };
  }

  const at = options.now.toISOString();
  const milestones = milestonesReachedBy(transition).filter(
    milestone => !incident[milestone],
  );
  const note = options.note?.trim() || undefined;
  return {
    allowed: true,
    transition,
    change: {
      fields: {
        phase: transition.to,
        ...Object.fromEntries(milestones.map(m => [m, at])),
      },
      timeline: [
        {
          kind: 'transition',
          body: note ? `${transition.title}: ${note}` : transition.title,
          details: {
            transition: transition.id,
            from: transition.from,
            to: transition.to,
            fromTitle: PHASE_INFO[transition.from].title,
            toTitle: PHASE_INFO[transition.to].title,
            milestones,
            ...(note ? { note } : {}),
          },
        },
      ],
    },
  };
}

/**
 * Someone engaged with the incident: stops the acknowledge clock. Acknowledging twice
 * changes nothing (undefined), so the call is idempotent.
 */
export function decideAcknowledge(
  incident: Pick<Incident, 'acknowledgedAt'>,
  now: Date,
): IncidentChange | undefined {
  if (incident.acknowledgedAt) {
    return undefined;
  }
  return {
    fields: { acknowledgedAt: now.toISOString() },
    timeline: [
      {
        kind: 'status',
        body: 'Incident acknowledged',
        details: { acknowledged: true },
      },
    ],
  };
}
