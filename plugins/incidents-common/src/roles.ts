/**
 * The response roles of the Incident Response Workflow. The incident commander is assigned at
 * declaration (see the spec's "Incident Commander Assignment"); the others are named in its
 * phases and assigned as the incident needs them.
 */

/** The response roles of the workflow. @public */
export const ROLE_IDS = [
  'incident-commander',
  'observability-incident-lead',
  'developer-enablement-lead',
  'qa-strategist',
  'release-manager',
  'customer-success-lead',
  'finops-specialist',
  'privacy-officer',
] as const;

/** A response role. @public */
export type RoleId = (typeof ROLE_IDS)[number];

/** Incident flags that bring a role into the response (the spec's Phase 4). @public */
export type IncidentFlag = 'costImpact' | 'dataExposure';

/** A response role's title and responsibilities. @public */
export interface RoleInfo {
  /** The role. */
  id: RoleId;
  /** Display title. */
  title: string;
  /** What the spec asks of this role. */
  description: string;
  /** When set, the role joins the incident once this flag is raised. */
  joinsWhen?: IncidentFlag;
}

/** Title and responsibilities of every response role. @public */
export const ROLES: Record<RoleId, RoleInfo> = {
  'incident-commander': {
    id: 'incident-commander',
    title: 'Incident commander',
    description:
      'Owns the response: agrees severity, coordinates roles, updates the status page, drives action items.',
  },
  'observability-incident-lead': {
    id: 'observability-incident-lead',
    title: 'Observability incident lead',
    description:
      'Leads the investigation of logs and metrics (Phase 1); documents the timeline and contributing factors (Phase 4).',
  },
  'developer-enablement-lead': {
    id: 'developer-enablement-lead',
    title: 'Developer enablement lead',
    description:
      'Contains the impact with feature flags, rollbacks or traffic rerouting (Phase 1); tasks development squads with the fix (Phase 2).',
  },
  'qa-strategist': {
    id: 'qa-strategist',
    title: 'QA strategist',
    description:
      'Validates the remediation in staging with targeted regression suites (Phase 2).',
  },
  'release-manager': {
    id: 'release-manager',
    title: 'Release manager',
    description: 'Coordinates the controlled rollout of the fix (Phase 3).',
  },
  'customer-success-lead': {
    id: 'customer-success-lead',
    title: 'Customer success lead',
    description: 'Manages customer updates and executive summaries (Phase 3).',
  },
  'finops-specialist': {
    id: 'finops-specialist',
    title: 'FinOps specialist',
    description:
      'Joins the post-incident review when the impact includes cost (Phase 4).',
    joinsWhen: 'costImpact',
  },
  'privacy-officer': {
    id: 'privacy-officer',
    title: 'Privacy officer',
    description:
      'Joins the post-incident review when the impact includes data exposure (Phase 4).',
    joinsWhen: 'dataExposure',
  },
};

/** Whether `value` is a response role id. @public */
export function isRoleId(value: unknown): value is RoleId {
  return (ROLE_IDS as readonly unknown[]).includes(value);
}

/** The role a raised flag brings in: cost impact → FinOps specialist, data exposure → privacy officer. @public */
export function roleJoiningOn(flag: IncidentFlag): RoleId {
  return ROLE_IDS.find(id => ROLES[id].joinsWhen === flag)!;
}
