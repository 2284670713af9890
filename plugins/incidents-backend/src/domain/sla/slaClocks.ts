import {
  Incident,
  SLA_MILESTONES,
  SLA_MILESTONE_INFO,
  SeverityLevel,
  SlaMilestone,
  SlaRecord,
  slaDueAt,
} from '@firebreak/plugin-incidents-common';

/** How SLA clocks warn; read from `incidents.sla`. */
export interface SlaSettings {
  /** The warning comes this share of the window before the clock runs out (0.2 = 20%). */
  warningLeadFraction: number;
  /** Told of every SEV1 breach (`incidents.communication.leadershipGroup`). */
  leadershipGroupRef?: string;
}

export const DEFAULT_SLA_SETTINGS: SlaSettings = { warningLeadFraction: 0.2 };

/** What the SLA logic reads of an incident. */
export type SlaIncident = Pick<
  Incident,
  | 'id'
  | 'ref'
  | 'title'
  | 'severity'
  | 'phase'
  | 'declaredAt'
  | 'acknowledgedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'commanderRef'
  | 'entities'
>;

/** Due and warning times of one clock at the incident's current severity. */
export function clockTimes(
  incident: Pick<Incident, 'declaredAt'>,
  level: Pick<SeverityLevel, 'sla'>,
  milestone: SlaMilestone,
  settings: Pick<SlaSettings, 'warningLeadFraction'>,
): { dueAt: string; warnAt: string } {
  const due = slaDueAt(incident, level, milestone);
  const windowMs = due.getTime() - Date.parse(incident.declaredAt);
  const warn = new Date(
    due.getTime() - Math.round(windowMs * settings.warningLeadFraction),
  );
  return { dueAt: due.toISOString(), warnAt: warn.toISOString() };
}

/** What the clocks' times read of an incident. */
export type SlaClockIncident = Pick<
  Incident,
  'phase' | 'declaredAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'
>;

/** When the milestone's clock stopped, if it did. */
export function reachedAt(
  incident: SlaClockIncident,
  milestone: SlaMilestone,
): string | undefined {
  return incident[SLA_MILESTONE_INFO[milestone].field];
}

/**
 * The earliest due time of a clock still running (overdue ones included), which orders the
 * lists by "breaching soonest"; undefined once every clock stopped or the incident closed.
 */
export function nextSlaDueAt(
  incident: SlaClockIncident,
  records: Pick<SlaRecord, 'milestone' | 'dueAt'>[],
): string | undefined {
  if (incident.phase === 'closed') {
    return undefined;
  }
  let next: string | undefined;
  for (const milestone of SLA_MILESTONES) {
    if (reachedAt(incident, milestone)) {
      continue;
    }
    const record = records.find(r => r.milestone === milestone);
    if (record && (!next || Date.parse(record.dueAt) < Date.parse(next))) {
      next = record.dueAt;
    }
  }
  return next;
}

/**
 * The next due time of a new incident (no clock recorded yet): the `incidents.sla_due_at`
 * that its row is written with.
 */
export function declaredSlaDueAt(
  incident: SlaClockIncident,
  level: Pick<SeverityLevel, 'sla'>,
  settings: Pick<SlaSettings, 'warningLeadFraction'>,
): string | undefined {
  return nextSlaDueAt(
    incident,
    SLA_MILESTONES.map(milestone => ({
      milestone,
      ...clockTimes(incident, level, milestone, settings),
    })),
  );
}
