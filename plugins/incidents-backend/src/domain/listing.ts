import {
  ListIncidentsQuery,
  OPEN_PHASES,
  PHASES,
  Phase,
} from '@firebreak/plugin-incidents-common';
import { normalizeEntityRef } from './declaration';

/** `status=open` means every open phase; other values name phases. */
export function phasesForStatus(statuses: string[]): Phase[] {
  const phases = new Set<Phase>();
  for (const status of statuses) {
    if (status === 'open') {
      OPEN_PHASES.forEach(p => phases.add(p));
    } else if ((PHASES as readonly string[]).includes(status)) {
      phases.add(status as Phase);
    }
  }
  return PHASES.filter(p => phases.has(p));
}

/** The store filter a validated list query stands for. */
export interface IncidentFilter {
  entityRefs?: string[];
  phases?: Phase[];
  severities?: ListIncidentsQuery['severity'];
  q?: string;
}

export function filterFromQuery(query: ListIncidentsQuery): IncidentFilter {
  return {
    entityRefs: query.entityRef?.length
      ? [...new Set(query.entityRef.map(normalizeEntityRef))]
      : undefined,
    phases: query.status?.length ? phasesForStatus(query.status) : undefined,
    severities: query.severity?.length ? query.severity : undefined,
    q: query.q || undefined,
  };
}
