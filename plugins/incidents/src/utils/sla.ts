import { Incident, SeverityLevel } from '@firebreak/plugin-incidents-common';
import { formatDuration, formatMinutes } from './time';

/** The clocks of the spec's "Response Time SLAs" table. */
export type SlaClock = 'acknowledge' | 'mitigation' | 'resolution';

export interface SlaClockStatus {
  clock: SlaClock;
  /** "Time to acknowledge", ... */
  label: string;
  targetMinutes: number;
  dueAt: number;
  reachedAt?: number;
  /**
   * met: reached within target; breached: reached late, or not reached and overdue;
   * remaining: still running within target; unrecorded: incident closed without it.
   */
  state: 'met' | 'breached' | 'remaining' | 'unrecorded';
  /** Human summary, e.g. "Met in 12m", "Breached by 5m", "40m remaining". */
  detail: string;
}

const CLOCKS: Array<{
  clock: SlaClock;
  label: string;
  target: keyof SeverityLevel['sla'];
  milestone: 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt';
}> = [
  {
    clock: 'acknowledge',
    label: 'Time to acknowledge',
    target: 'acknowledgeMinutes',
    milestone: 'acknowledgedAt',
  },
  {
    clock: 'mitigation',
    label: 'Time to mitigation',
    target: 'mitigationMinutes',
    milestone: 'mitigatedAt',
  },
  {
    clock: 'resolution',
    label: 'Time to resolution',
    target: 'resolutionMinutes',
    milestone: 'resolvedAt',
  },
];

/** Where each SLA clock of `incident` stands at `now`, against `level`'s targets. */
export function slaStatus(
  incident: Incident,
  level: SeverityLevel,
  now: number,
): SlaClockStatus[] {
  const declaredAt = Date.parse(incident.declaredAt);
  return CLOCKS.map(({ clock, label, target, milestone }) => {
    const targetMinutes = level.sla[target];
    const dueAt = declaredAt + targetMinutes * 60_000;
    const reachedIso = incident[milestone];
    const base = { clock, label, targetMinutes, dueAt };
    const within = `target ${formatMinutes(targetMinutes)}`;
    if (reachedIso) {
      const reachedAt = Date.parse(reachedIso);
      const took = formatDuration(reachedAt - declaredAt);
      if (reachedAt <= dueAt) {
        return {
          ...base,
          reachedAt,
          state: 'met',
          detail: `Met in ${took} (${within})`,
        };
      }
      return {
        ...base,
        reachedAt,
        state: 'breached',
        detail: `Breached by ${formatDuration(
          reachedAt - dueAt,
        )}: took ${took} (${within})`,
      };
    }
    if (incident.phase === 'closed') {
      return {
        ...base,
        state: 'unrecorded',
        detail: `Not recorded (${within})`,
      };
    }
    if (now <= dueAt) {
      return {
        ...base,
        state: 'remaining',
        detail: `${formatDuration(dueAt - now)} remaining (${within})`,
      };
    }
    return {
      ...base,
      state: 'breached',
      detail: `Breached: overdue by ${formatDuration(now - dueAt)} (${within})`,
    };
  });
}
