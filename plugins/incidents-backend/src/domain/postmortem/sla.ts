import {
  Incident,
  SlaMeasurement,
  SlaTargets,
} from '@firebreak/plugin-incidents-common';

const MINUTE = 60_000;

const minutesBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / MINUTE);

/**
 * The incident's three SLA clocks against the policy ("Response Time SLAs"): each milestone
 * measured from declaration. A milestone never reached is breached once `now` is past its
 * target, so an unacknowledged incident still counts as a breach.
 */
export function measureSla(
  incident: Pick<
    Incident,
    'declaredAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'
  >,
  targets: SlaTargets,
  now: Date,
): SlaMeasurement[] {
  const clocks = [
    ['acknowledge', incident.acknowledgedAt, targets.acknowledgeMinutes],
    ['mitigation', incident.mitigatedAt, targets.mitigationMinutes],
    ['resolution', incident.resolvedAt, targets.resolutionMinutes],
  ] as const;
  return clocks.map(([milestone, reachedAt, targetMinutes]) => {
    const actualMinutes = reachedAt
      ? minutesBetween(incident.declaredAt, reachedAt)
      : undefined;
    const elapsed =
      actualMinutes ?? minutesBetween(incident.declaredAt, now.toISOString());
    return {
      milestone,
      targetMinutes,
      ...(actualMinutes !== undefined ? { actualMinutes } : {}),
      breached: elapsed > targetMinutes,
    };
  });
}

/** `95` → `1h 35m`; how durations read in a postmortem. */
export function formatMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? `${days}d` : '',
    hours ? `${hours}h` : '',
    rest || (!days && !hours) ? `${rest}m` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
