import { Phase } from './lifecycle';
import { IncidentFlag, RoleId } from './roles';
import { Severity } from './severity';

/**
 * The responsibilities of each phase of the Incident Response Workflow, as a checklist. Items
 * come from the spec's "Phases" section and the labels of its workflow graph (who
 * investigates, who contains, who validates, who rolls out, who talks to customers, who
 * writes the review). Every incident gets the items that apply to it; their state (assignee,
 * done) is stored per incident.
 */

/** The workflow phases that carry checklist responsibilities, in workflow order. @public */
export const CHECKLIST_PHASE_IDS = [
  'triage-containment',
  'resolution-validation',
  'communication-recovery',
  'post-incident-review',
  'backlog',
] as const;

/** A phase with checklist responsibilities. @public */
export type ChecklistPhaseId = (typeof CHECKLIST_PHASE_IDS)[number];

/** A checklist phase and its title. @public */
export interface ChecklistPhase {
  /** The phase id. */
  id: ChecklistPhaseId;
  /** The spec's heading. */
  title: string;
  /** Lifecycle phases during which this part of the checklist is being worked. */
  lifecyclePhases: Phase[];
}

/** The checklist phases with their titles, in workflow order. @public */
export const CHECKLIST_PHASES: ChecklistPhase[] = [
  {
    id: 'triage-containment',
    title: 'Phase 1 – Triage & Containment',
    lifecyclePhases: ['declared', 'triage', 'escalated'],
  },
  {
    id: 'resolution-validation',
    title: 'Phase 2 – Resolution & Validation',
    lifecyclePhases: ['resolution'],
  },
  {
    id: 'communication-recovery',
    title: 'Phase 3 – Communication & Recovery',
    lifecyclePhases: ['monitoring', 'communication'],
  },
  {
    id: 'post-incident-review',
    title: 'Phase 4 – Post-Incident Review',
    lifecyclePhases: ['prevention'],
  },
  {
    id: 'backlog',
    title: 'Track in backlog',
    lifecyclePhases: ['backlog'],
  },
];

/** Who is responsible: a response role, or the whole owning team. @public */
export type ChecklistResponsible = RoleId | 'team';

/**
 * One responsibility of the workflow's phase checklists: what is to be done and which role is
 * responsible.
 *
 * @public
 */
export interface ChecklistItemDefinition {
  /** Stable id, used in `PATCH /v1/incidents/{id}/checklist/{itemId}`. */
  id: string;
  /** The phase the item belongs to. */
  phase: ChecklistPhaseId;
  /** Short title. */
  title: string;
  /** What is to be done. */
  description: string;
  /** The role (or `team`) responsible for it. */
  responsible: ChecklistResponsible;
  /** Only incidents of these severities get the item (all when absent). */
  severities?: Severity[];
  /** Only incidents with this flag raised get the item. */
  whenFlag?: IncidentFlag;
  /** Nice to have: does not hold up the phase. */
  optional?: boolean;
}

const RESPONSE: Severity[] = ['SEV1', 'SEV2', 'SEV3'];

/** Every phase responsibility of the workflow, in order. @public */
export const CHECKLIST: ChecklistItemDefinition[] = [
  {
    id: 'investigate-logs-metrics',
    phase: 'triage-containment',
    title: 'Investigate logs and metrics',
    description:
      'Lead the investigation with the observability lifecycle: logs, metrics, traces, recent deploys.',
    responsible: 'observability-incident-lead',
    severities: RESPONSE,
  },
  {
    id: 'contain-impact',
    phase: 'triage-containment',
    title: 'Contain: feature flags, rollback or traffic reroute',
    description:
      'Assist with feature flags, rollbacks or rerouting traffic to stop the bleeding.',
    responsible: 'developer-enablement-lead',
    severities: RESPONSE,
  },
  {
    id: 'escalate-to-specialists',
    phase: 'triage-containment',
    title: 'Escalate to specialists if the root cause is not found',
    description:
      'When triage does not find the root cause, engage the specialists and record who was brought in.',
    responsible: 'incident-commander',
    severities: RESPONSE,
    optional: true,
  },
  {
    id: 'implement-fix',
    phase: 'resolution-validation',
    title: 'Task the development squad to implement the fix',
    description:
      'The developer enablement lead tasks the development squad and tracks the fix.',
    responsible: 'developer-enablement-lead',
    severities: RESPONSE,
  },
  {
    id: 'validate-in-staging',
    phase: 'resolution-validation',
    title: 'Validate the remediation in staging',
    description: 'Run targeted regression suites against the fix in staging.',
    responsible: 'qa-strategist',
    severities: RESPONSE,
  },
  {
    id: 'controlled-rollout',
    phase: 'communication-recovery',
    title: 'Coordinate the controlled rollout of the fix',
    description:
      'Gradual or full deploy, watching the metrics; roll back if the service is still degraded.',
    responsible: 'release-manager',
    severities: RESPONSE,
  },
  {
    id: 'confirm-recovery',
    phase: 'communication-recovery',
    title: 'Confirm recovery',
    description:
      'Metrics normal, error rate below baseline, no customer reports.',
    responsible: 'observability-incident-lead',
    severities: RESPONSE,
  },
  {
    id: 'notify-customers',
    phase: 'communication-recovery',
    title: 'Notify affected customers',
    description: 'Customer updates for the customers the incident affected.',
    responsible: 'customer-success-lead',
    severities: RESPONSE,
  },
  {
    id: 'executive-summary',
    phase: 'communication-recovery',
    title: 'Send executive summaries',
    description: 'Summaries for leadership: impact, status, next steps.',
    responsible: 'customer-success-lead',
    severities: ['SEV1', 'SEV2'],
  },
  {
    id: 'update-status-page',
    phase: 'communication-recovery',
    title: 'Update the status page',
    description:
      'Public status page updates while the incident lasts and when it ends.',
    responsible: 'incident-commander',
    severities: RESPONSE,
  },
  {
    id: 'conduct-postmortem',
    phase: 'communication-recovery',
    title: 'Conduct the postmortem',
    description:
      'Required for SEV1 (within 48 hours) and SEV2 (within a week); optional for SEV3.',
    responsible: 'team',
    severities: RESPONSE,
  },
  {
    id: 'document-timeline',
    phase: 'post-incident-review',
    title: 'Document the timeline and contributing factors',
    description:
      'Complete the incident timeline and the contributing factors for the review.',
    responsible: 'observability-incident-lead',
    severities: RESPONSE,
  },
  {
    id: 'assess-cost-impact',
    phase: 'post-incident-review',
    title: 'Assess the cost impact',
    description:
      'The FinOps specialist joins the review because the incident had a cost impact.',
    responsible: 'finops-specialist',
    whenFlag: 'costImpact',
  },
  {
    id: 'assess-data-exposure',
    phase: 'post-incident-review',
    title: 'Assess the data exposure',
    description:
      'The privacy officer joins the review because data may have been exposed.',
    responsible: 'privacy-officer',
    whenFlag: 'dataExposure',
  },
  {
    id: 'create-action-items',
    phase: 'post-incident-review',
    title: 'Create action items',
    description: 'P0–P2 action items with an owner and a due date.',
    responsible: 'incident-commander',
    severities: RESPONSE,
  },
  {
    id: 'implement-prevention',
    phase: 'post-incident-review',
    title: 'Implement prevention measures',
    description:
      'Monitoring, testing, documentation and architecture changes that prevent a recurrence.',
    responsible: 'team',
    severities: RESPONSE,
  },
  {
    id: 'track-in-backlog',
    phase: 'backlog',
    title: 'Track in the owning team’s backlog',
    description:
      'SEV4: no incident commander; the owning team schedules the work.',
    responsible: 'team',
    severities: ['SEV4'],
  },
];

/** The checklist items that apply to an incident of this severity with these flags. @public */
export function checklistFor(incident: {
  severity: Severity;
  costImpact?: boolean;
  dataExposure?: boolean;
}): ChecklistItemDefinition[] {
  return CHECKLIST.filter(item => {
    if (item.whenFlag) {
      return incident[item.whenFlag] === true;
    }
    return !item.severities || item.severities.includes(incident.severity);
  });
}

/** The checklist item with this id, if there is one. @public */
export function findChecklistItem(
  id: string,
): ChecklistItemDefinition | undefined {
  return CHECKLIST.find(item => item.id === id);
}
