/**
 * Severity levels, SLA clocks and communication duties, exactly as the Incident Response
 * Workflow defines them. Adopters can override any field through app-config
 * (`incidents.severities`); the backend serves the resolved policy at GET /v1/policy.
 */

/** The severity levels, most severe first. @public */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

/** A severity level, `SEV1` (critical) to `SEV4` (low). @public */
export type Severity = (typeof SEVERITIES)[number];

/** The three clocks of the spec's "Response Time SLAs" table, in minutes. @public */
export interface SlaTargets {
  /** Time to acknowledge. */
  acknowledgeMinutes: number;
  /** Time to mitigation. */
  mitigationMinutes: number;
  /** Time to resolution. */
  resolutionMinutes: number;
}

/**
 * A row of the workflow's severity table: definition, examples, response time, SLA and
 * communication.
 *
 * @public
 */
export interface SeverityLevel {
  /** The severity. */
  id: Severity;
  /** One-line label shown in pickers. */
  title: string;
  /** When an incident has this severity. */
  definition: string;
  /** Typical incidents of this severity. */
  examples: string[];
  /** The "Response Time" column: how fast an incident commander / on-call must engage. */
  responseTimeMinutes: number;
  /** Who is told, and how. */
  communication: string[];
  /** The SLA clocks. */
  sla: SlaTargets;
  /** Whether the postmortem is required, and within how long of resolution. */
  postmortem: { required: boolean; dueWithinMinutes?: number };
}

const HOUR = 60;
const DAY = 24 * HOUR;

/** The spec's severity table and SLA table as data. @public */
export const DEFAULT_SEVERITY_LEVELS: Record<Severity, SeverityLevel> = {
  SEV1: {
    id: 'SEV1',
    title: 'Critical',
    definition:
      'Complete service outage, customer data at risk, major revenue impact, security breach',
    examples: [
      'Database down',
      'Authentication broken',
      'Payment processing failed',
      'Data breach',
      'Complete site outage',
    ],
    responseTimeMinutes: 15,
    communication: [
      'Immediate executive notification',
      'Public status page update',
      'Customer emails',
    ],
    sla: {
      acknowledgeMinutes: 15,
      mitigationMinutes: 1 * HOUR,
      resolutionMinutes: 4 * HOUR,
    },
    postmortem: { required: true, dueWithinMinutes: 48 * HOUR },
  },
  SEV2: {
    id: 'SEV2',
    title: 'Major',
    definition:
      'Major feature degraded, significant customer subset affected, revenue impact',
    examples: [
      'Search broken',
      'Slow API response (>5s)',
      'Critical feature unavailable',
      'Region outage',
    ],
    responseTimeMinutes: 1 * HOUR,
    communication: ['Status page update', 'Affected customer notification'],
    sla: {
      acknowledgeMinutes: 1 * HOUR,
      mitigationMinutes: 4 * HOUR,
      resolutionMinutes: 24 * HOUR,
    },
    postmortem: { required: true, dueWithinMinutes: 7 * DAY },
  },
  SEV3: {
    id: 'SEV3',
    title: 'Minor',
    definition:
      'Minor feature issue, workaround available, limited customer impact',
    examples: [
      'UI glitch affecting single page',
      'Minor feature bug',
      'Non-critical service degraded',
    ],
    responseTimeMinutes: 4 * HOUR,
    communication: ['Internal tracking', 'Optional status page update'],
    sla: {
      acknowledgeMinutes: 4 * HOUR,
      mitigationMinutes: 24 * HOUR,
      resolutionMinutes: 7 * DAY,
    },
    postmortem: { required: false },
  },
  SEV4: {
    id: 'SEV4',
    title: 'Low',
    definition: 'Cosmetic issue, no customer impact, tracking item',
    examples: [
      'Documentation error',
      'Minor UI cosmetic issue',
      'Tech debt item',
      'Improvement idea',
    ],
    responseTimeMinutes: 24 * HOUR,
    communication: ['Internal tracking only'],
    sla: {
      acknowledgeMinutes: 24 * HOUR,
      mitigationMinutes: 7 * DAY,
      resolutionMinutes: 30 * DAY,
    },
    postmortem: { required: false },
  },
};

/** Whether `value` is a severity level. @public */
export function isSeverity(value: unknown): value is Severity {
  return (SEVERITIES as readonly unknown[]).includes(value);
}

/** Lower rank = more severe. @public */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
