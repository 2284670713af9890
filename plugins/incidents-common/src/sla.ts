import { Incident } from './types';
import { SeverityLevel, SlaTargets } from './severity';

/**
 * The three clocks of the spec's "Response Time SLAs" table, each started at declaration and
 * stopped by a milestone of the lifecycle.
 */

/** The SLA clocks: time to acknowledge, to mitigation and to resolution. @public */
export const SLA_MILESTONES = ['acknowledge', 'mitigate', 'resolve'] as const;

/** One SLA clock: `acknowledge`, `mitigate` or `resolve`. @public */
export type SlaMilestone = (typeof SLA_MILESTONES)[number];

/** How an SLA clock is titled, stopped and measured. @public */
export interface SlaMilestoneInfo {
  /** The clock. */
  id: SlaMilestone;
  /** "Time to acknowledge", as the spec's table heads it. */
  title: string;
  /** The incident field that stops the clock. */
  field: 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt';
  /** The severity's SLA target (minutes) the clock runs against. */
  target: keyof SlaTargets;
}

/** Title, stopping field and target of every SLA clock. @public */
export const SLA_MILESTONE_INFO: Record<SlaMilestone, SlaMilestoneInfo> = {
  acknowledge: {
    id: 'acknowledge',
    title: 'Time to acknowledge',
    field: 'acknowledgedAt',
    target: 'acknowledgeMinutes',
  },
  mitigate: {
    id: 'mitigate',
    title: 'Time to mitigation',
    field: 'mitigatedAt',
    target: 'mitigationMinutes',
  },
  resolve: {
    id: 'resolve',
    title: 'Time to resolution',
    field: 'resolvedAt',
    target: 'resolutionMinutes',
  },
};

/** When the clock of `milestone` runs out: declaration plus the severity's target. @public */
export function slaDueAt(
  incident: Pick<Incident, 'declaredAt'>,
  level: Pick<SeverityLevel, 'sla'>,
  milestone: SlaMilestone,
): Date {
  const minutes = level.sla[SLA_MILESTONE_INFO[milestone].target];
  return new Date(Date.parse(incident.declaredAt) + minutes * 60_000);
}

/**
 * The stored record of one SLA clock of one incident (GET `/v1/incidents/{id}/sla`). A breach
 * is recorded once: `breachedAt` is when it was recorded (the clock ran out at `dueAt`).
 * @public
 */
export interface SlaRecord {
  /** The clock. */
  milestone: SlaMilestone;
  /** ISO 8601. */
  dueAt: string;
  /** When the "about to breach" warning is due. */
  warnAt: string;
  /** When the "about to breach" warning was sent (ISO 8601). */
  warnedAt?: string;
  /** When the milestone was reached in time (ISO 8601). */
  metAt?: string;
  /** When the breach was recorded (ISO 8601). */
  breachedAt?: string;
}
