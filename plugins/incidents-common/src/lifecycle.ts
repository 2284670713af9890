import { Severity } from './severity';

/**
 * The spec's workflow graph ("Workflow Visualization"), as phases and the named edges
 * between them. Every transition the API accepts is one of these edges; anything else is
 * refused with the allowed next steps.
 */

/** The phases of the incident lifecycle, in workflow order (`backlog` is the SEV4 path). @public */
export const PHASES = [
  'declared',
  'triage',
  'escalated',
  'resolution',
  'monitoring',
  'communication',
  'prevention',
  'backlog',
  'closed',
] as const;

/** A phase of the incident lifecycle. @public */
export type Phase = (typeof PHASES)[number];

/** A phase's title, description and whether an incident in it counts as open. @public */
export interface PhaseInfo {
  /** The phase. */
  id: Phase;
  /** Display title. */
  title: string;
  /** What happens in the phase. */
  description: string;
  /** The spec's numbered phase this belongs to, when it has one. */
  specPhase?: string;
  /** Whether an incident in it counts as open. */
  open: boolean;
}

/** Title, description and openness of every phase. @public */
export const PHASE_INFO: Record<Phase, PhaseInfo> = {
  declared: {
    id: 'declared',
    title: 'Declared',
    description:
      'Severity agreed; incident commander or on-call engineer assigned.',
    open: true,
  },
  triage: {
    id: 'triage',
    title: 'Triage & containment',
    description:
      'Observability lead investigates logs and metrics; developer enablement rolls back or reroutes traffic.',
    specPhase: 'Phase 1 – Triage & Containment',
    open: true,
  },
  escalated: {
    id: 'escalated',
    title: 'Escalated to specialists',
    description: 'Root cause not found in triage; specialists are engaged.',
    specPhase: 'Phase 1 – Triage & Containment',
    open: true,
  },
  resolution: {
    id: 'resolution',
    title: 'Resolution & validation',
    description:
      'Development squad implements the fix; QA strategist validates it in staging.',
    specPhase: 'Phase 2 – Resolution & Validation',
    open: true,
  },
  monitoring: {
    id: 'monitoring',
    title: 'Monitoring the fix',
    description:
      'The fix is deployed (gradually or fully); metrics are watched for recovery.',
    specPhase: 'Phase 3 – Communication & Recovery',
    open: true,
  },
  communication: {
    id: 'communication',
    title: 'Communication & postmortem',
    description:
      'Customers notified, status page updated, postmortem conducted.',
    specPhase: 'Phase 3 – Communication & Recovery',
    open: true,
  },
  prevention: {
    id: 'prevention',
    title: 'Action items & prevention',
    description: 'Action items created; prevention measures implemented.',
    specPhase: 'Phase 4 – Post-Incident Review',
    open: true,
  },
  backlog: {
    id: 'backlog',
    title: 'Tracked in backlog',
    description: 'SEV4: no incident commander; tracked as a backlog item.',
    open: true,
  },
  closed: {
    id: 'closed',
    title: 'Closed',
    description: 'Incident closed.',
    open: false,
  },
};

/** The ids of every edge of the lifecycle graph. @public */
export const TRANSITION_IDS = [
  'start-triage',
  'track-in-backlog',
  'root-cause-found',
  'escalate',
  'begin-resolution',
  'deploy-gradual',
  'deploy-full',
  'recovered',
  'rollback',
  'postmortem-complete',
  'close',
] as const;

/** The id of an edge of the lifecycle graph (`POST /v1/incidents/:id/transitions`). @public */
export type TransitionId = (typeof TRANSITION_IDS)[number];

/** One edge of the workflow graph. @public */
export interface Transition {
  /** The transition. */
  id: TransitionId;
  /** The phase it leaves. */
  from: Phase;
  /** The phase it enters. */
  to: Phase;
  /** Display title (the action). */
  title: string;
  /** Only incidents of these severities may take this edge (all when absent). */
  severities?: Severity[];
}

const ACTIVE: Severity[] = ['SEV1', 'SEV2', 'SEV3'];

/** Every edge of the spec's graph. @public */
export const TRANSITIONS: Transition[] = [
  {
    id: 'start-triage',
    from: 'declared',
    to: 'triage',
    title: 'Start triage & containment',
    severities: ACTIVE,
  },
  {
    id: 'track-in-backlog',
    from: 'declared',
    to: 'backlog',
    title: 'Track in backlog',
    severities: ['SEV4'],
  },
  {
    id: 'root-cause-found',
    from: 'triage',
    to: 'resolution',
    title: 'Root cause found',
  },
  {
    id: 'escalate',
    from: 'triage',
    to: 'escalated',
    title: 'Escalate to specialists',
  },
  {
    id: 'begin-resolution',
    from: 'escalated',
    to: 'resolution',
    title: 'Specialists found the cause: begin resolution',
  },
  {
    id: 'deploy-gradual',
    from: 'resolution',
    to: 'monitoring',
    title: 'Deploy fix (gradual rollout)',
  },
  {
    id: 'deploy-full',
    from: 'resolution',
    to: 'monitoring',
    title: 'Deploy fix (full deploy)',
  },
  {
    id: 'recovered',
    from: 'monitoring',
    to: 'communication',
    title: 'Service recovered',
  },
  {
    id: 'rollback',
    from: 'monitoring',
    to: 'resolution',
    title: 'Still degraded: roll the fix back',
  },
  {
    id: 'postmortem-complete',
    from: 'communication',
    to: 'prevention',
    title: 'Postmortem conducted: create action items',
  },
  {
    id: 'close',
    from: 'prevention',
    to: 'closed',
    title: 'Prevention measures implemented: close',
  },
  { id: 'close', from: 'backlog', to: 'closed', title: 'Close backlog item' },
  // Not drawn in the spec's graph: a backlog item whose severity was raised above SEV4
  // joins the response flow instead of being stuck in the backlog.
  {
    id: 'start-triage',
    from: 'backlog',
    to: 'triage',
    title: 'Severity raised: start triage & containment',
    severities: ACTIVE,
  },
];

/** Edges leaving `phase` that an incident of `severity` may take. @public */
export function allowedTransitions(
  phase: Phase,
  severity: Severity,
): Transition[] {
  return TRANSITIONS.filter(
    t => t.from === phase && (!t.severities || t.severities.includes(severity)),
  );
}

/** The edge `id` from `phase`, or undefined when the workflow does not allow it. @public */
export function findTransition(
  phase: Phase,
  severity: Severity,
  id: string,
): Transition | undefined {
  return allowedTransitions(phase, severity).find(t => t.id === id);
}

/** Whether an incident in `phase` counts as open (not closed). @public */
export function isOpenPhase(phase: Phase): boolean {
  return PHASE_INFO[phase].open;
}

/** Phases counted as "open" when listing with status=open. @public */
export const OPEN_PHASES: Phase[] = PHASES.filter(p => PHASE_INFO[p].open);

/**
 * The SLA milestones a transition records when it is taken for the first time: the clocks
 * of the "Response Time SLAs" table.
 * - acknowledged: the incident leaves `declared` (someone engaged), unless acknowledged before;
 * - mitigated: a fix is deployed (entering monitoring);
 * - resolved: the service recovered;
 * - closed: the incident closed.
 * @public
 */
export type Milestone =
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'closedAt';

/** The SLA milestones taking `transition` records (when not recorded before). @public */
export function milestonesReachedBy(transition: Transition): Milestone[] {
  const reached: Milestone[] = [];
  if (transition.from === 'declared') reached.push('acknowledgedAt');
  if (transition.to === 'monitoring') reached.push('mitigatedAt');
  if (transition.to === 'communication') reached.push('resolvedAt');
  if (transition.to === 'closed') {
    reached.push('closedAt');
    // A backlog item closes without passing through the recovery edges.
    if (transition.from === 'backlog')
      reached.push('mitigatedAt', 'resolvedAt');
  }
  return reached;
}
