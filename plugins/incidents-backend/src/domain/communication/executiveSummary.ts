import {
  ExecutiveSummaryDraft,
  Incident,
  PHASE_INFO,
  SLA_MILESTONE_INFO,
  SeverityLevel,
  SlaRecord,
  shortRef,
} from '@firebreak/plugin-incidents-common';

/** `2 h 5 min`, `40 s`: elapsed time as an executive reads it. */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return `${Math.floor(Math.abs(ms) / 1000)} s`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    rest ? `${rest} min` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function slaLine(record: SlaRecord, now: Date): string {
  const title = SLA_MILESTONE_INFO[record.milestone].title;
  if (record.breachedAt) return `${title}: breached`;
  if (record.metAt) return `${title}: met`;
  const left = Date.parse(record.dueAt) - now.getTime();
  return `${title}: ${formatElapsed(left)} left`;
}

/**
 * The executive summary the incident page offers to send: severity, customer impact, affected
 * services and systems, phase, incident commander, time since declared, SLA status and when
 * the next update is due. The incident commander edits it before it goes out.
 */
export function draftExecutiveSummary(input: {
  incident: Incident;
  level: Pick<SeverityLevel, 'title'>;
  sla: SlaRecord[];
  nextUpdateDueAt?: string;
  now: Date;
}): ExecutiveSummaryDraft {
  const { incident, level, sla, now } = input;
  const affected = incident.entities
    .filter(e => e.relation === 'affected')
    .map(e => shortRef(e.entityRef));
  const downstream = incident.entities
    .filter(e => e.relation === 'downstream')
    .map(e => shortRef(e.entityRef));
  const lines = [
    `Severity: ${incident.severity} (${level.title})`,
    `Customer impact: ${incident.customerImpact || 'not assessed yet'}`,
    `Affected: ${affected.join(', ') || 'none named'}${
      downstream.length ? ` (downstream: ${downstream.join(', ')})` : ''
    }`,
    `Phase: ${PHASE_INFO[incident.phase].title}`,
    `Incident commander: ${
      incident.commanderRef ? shortRef(incident.commanderRef) : 'not assigned'
    }`,
    `Declared: ${formatElapsed(
      now.getTime() - Date.parse(incident.declaredAt),
    )} ago (${incident.declaredAt})`,
    `SLA: ${sla.map(r => slaLine(r, now)).join('; ') || 'not evaluated'}`,
    `Next update due: ${input.nextUpdateDueAt ?? 'no cadence'}`,
  ];
  return {
    title: `${incident.ref} ${incident.severity}: ${incident.title}`,
    body: lines.join('\n'),
  };
}
