import {
  SLA_MILESTONES,
  SLA_MILESTONE_INFO,
  SeverityLevel,
  SlaMilestone,
  SlaRecord,
  owningGroups,
  refKey,
} from '@firebreak/plugin-incidents-common';
import { NewTimelineEntry } from '../types';
import type { NotifyEffect } from '../effects';
import {
  SlaIncident,
  SlaSettings,
  clockTimes,
  nextSlaDueAt,
  reachedAt,
} from './slaClocks';
import { formatWindow, severityOf } from './slaText';

export interface SlaPlanInput {
  /** The incident as the write leaves it. */
  incident: SlaIncident;
  /** Its stored clock records (none before the first evaluation). */
  records: SlaRecord[];
  /** The policy level of `incident.severity`. */
  level: SeverityLevel;
  settings: SlaSettings;
  now: Date;
}

export interface SlaPlan {
  /** Records that are new or changed, to upsert. */
  records: SlaRecord[];
  timeline: NewTimelineEntry[];
  effects: NotifyEffect[];
  /** The next due time of a running clock (the "breaching soonest" order). */
  nextDueAt?: string;
}

function sameRecord(a: SlaRecord | undefined, b: SlaRecord): boolean {
  return (
    !!a &&
    a.dueAt === b.dueAt &&
    a.warnAt === b.warnAt &&
    a.warnedAt === b.warnedAt &&
    a.metAt === b.metAt &&
    a.breachedAt === b.breachedAt
  );
}

/**
 * Evaluates the three SLA clocks of an incident at `now`: a running clock follows the
 * current severity; a milestone reached stops it (met, or breached when reached after the
 * due time); a clock past its due time is breached; one inside the warning lead is warned.
 * Breaches and warnings happen once: they are recorded, and a recorded one is never planned
 * again. A clock at exactly its due time is not breached yet.
 */
export function planSla(input: SlaPlanInput): SlaPlan {
  const { incident, level, settings, now } = input;
  const plan: SlaPlan = { records: [], timeline: [], effects: [] };
  const at = now.toISOString();
  const open = incident.phase !== 'closed';
  const next: SlaRecord[] = [];

  for (const milestone of SLA_MILESTONES) {
    const stored = input.records.find(r => r.milestone === milestone);
    const times = clockTimes(incident, level, milestone, settings);
    const record: SlaRecord = stored ? { ...stored } : { milestone, ...times };
    if (!record.metAt && !record.breachedAt) {
      // A severity change moves the clocks that are still running.
      record.dueAt = times.dueAt;
      record.warnAt = times.warnAt;
    }
    const reached = reachedAt(incident, milestone);
    const overdue = (when: number) => when > Date.parse(record.dueAt);

    if (reached && !record.metAt) {
      record.metAt = reached;
      if (!record.breachedAt && overdue(Date.parse(reached))) {
        record.breachedAt = at;
        addBreach(plan, input, record);
      }
    } else if (!reached && open && !record.breachedAt) {
      if (overdue(now.getTime())) {
        record.breachedAt = at;
        addBreach(plan, input, record);
      } else if (
        !record.warnedAt &&
        now.getTime() >= Date.parse(record.warnAt)
      ) {
        record.warnedAt = at;
        addWarning(plan, input, record);
      }
    }
    next.push(record);
    if (!sameRecord(stored, record)) {
      plan.records.push(record);
    }
  }
  plan.nextDueAt = nextSlaDueAt(incident, next);
  return plan;
}

function link(incident: SlaIncident): string {
  return `/incidents/${incident.ref}`;
}

function addBreach(
  plan: SlaPlan,
  input: SlaPlanInput,
  record: SlaRecord,
): void {
  const { incident, level, settings } = input;
  const info = SLA_MILESTONE_INFO[record.milestone];
  const window = formatWindow(level.sla[info.target]);
  const late = record.metAt ? ' (reached late)' : '';
  plan.timeline.push({
    kind: 'sla',
    body: `SLA breached: ${info.title.toLocaleLowerCase(
      'en-US',
    )} (${window}) ran out at ${record.dueAt}${late}`,
    details: {
      sla: 'breached',
      milestone: record.milestone,
      severity: incident.severity,
      targetMinutes: level.sla[info.target],
      dueAt: record.dueAt,
      breachedAt: record.breachedAt,
      ...(record.metAt ? { metAt: record.metAt } : {}),
    },
  });
  const recipients = unique([
    ...(incident.commanderRef ? [incident.commanderRef] : []),
    ...owningGroups(incident.entities),
    ...(incident.severity === 'SEV1' && settings.leadershipGroupRef
      ? [settings.leadershipGroupRef]
      : []),
  ]);
  if (recipients.length > 0) {
    plan.effects.push({
      type: 'notify',
      key: breachKey(incident.id, record.milestone),
      recipients,
      payload: {
        title: `SLA breached: ${incident.ref} ${incident.severity} ${incident.title}`,
        description: `${info.title} (${window}) ran out at ${record.dueAt}.`,
        link: link(incident),
        severity: severityOf(incident.severity),
        topic: 'incident-sla',
      },
    });
  }
}

function addWarning(
  plan: SlaPlan,
  input: SlaPlanInput,
  record: SlaRecord,
): void {
  const { incident, level } = input;
  const info = SLA_MILESTONE_INFO[record.milestone];
  const recipients = incident.commanderRef
    ? [incident.commanderRef]
    : owningGroups(incident.entities);
  if (recipients.length === 0) {
    return;
  }
  plan.effects.push({
    type: 'notify',
    key: `sla:${incident.id}:${record.milestone}:warning`,
    recipients,
    payload: {
      title: `SLA about to breach: ${incident.ref} ${incident.severity} ${incident.title}`,
      description: `${info.title} (${formatWindow(
        level.sla[info.target],
      )}) runs out at ${record.dueAt}.`,
      link: link(incident),
      severity: severityOf(incident.severity),
      topic: 'incident-sla',
    },
  });
}

/** The outbox key of a breach notification: one per incident and clock. */
export function breachKey(incidentId: string, milestone: SlaMilestone): string {
  return `sla:${incidentId}:${milestone}:breach`;
}

function unique(refs: string[]): string[] {
  const seen = new Set<string>();
  return refs.filter(ref => {
    const key = refKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
