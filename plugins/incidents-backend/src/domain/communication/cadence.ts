import { Incident, Severity } from '@firebreak/plugin-incidents-common';

/** Minutes between stakeholder updates per severity (`incidents.communication.updateCadence`). */
export type UpdateCadence = Partial<Record<Severity, number>>;

export const DEFAULT_UPDATE_CADENCE: UpdateCadence = { SEV1: 30, SEV2: 60 };

/**
 * When the next stakeholder update is due: a cadence after the last update (or the
 * declaration), until the incident is resolved. Undefined for severities without a cadence.
 */
export function nextUpdateDueAt(
  incident: Pick<Incident, 'severity' | 'declaredAt' | 'resolvedAt' | 'phase'>,
  lastUpdateAt: string | undefined,
  cadence: UpdateCadence,
): string | undefined {
  const minutes = cadence[incident.severity];
  if (!minutes || incident.resolvedAt || incident.phase === 'closed') {
    return undefined;
  }
  const since = Math.max(
    Date.parse(incident.declaredAt),
    lastUpdateAt ? Date.parse(lastUpdateAt) : 0,
  );
  return new Date(since + minutes * 60_000).toISOString();
}
