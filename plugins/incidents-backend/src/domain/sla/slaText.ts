import { Severity } from '@firebreak/plugin-incidents-common';
import { SlaIncident } from './slaClocks';

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

/** The owners of the entities named at declaration, once each. */
export function owningTeams(incident: Pick<SlaIncident, 'entities'>): string[] {
  const owners = incident.entities
    .filter(e => e.relation === 'affected' && e.ownerRef)
    .map(e => e.ownerRef!.toLocaleLowerCase('en-US'));
  return [...new Set(owners)];
}
