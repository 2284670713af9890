import { Severity } from '@firebreak/plugin-incidents-common';

/** `15 min`, `4 h`, `7 d`: an SLA window the way the spec's table reads. */
export function formatWindow(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

const SEVERITY = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
} as const;

/** The Backstage notification severity of an incident severity. */
export function severityOf(
  severity: Severity,
): (typeof SEVERITY)[keyof typeof SEVERITY] {
  return SEVERITY[severity];
}
