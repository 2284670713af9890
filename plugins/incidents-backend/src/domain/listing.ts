import {
  Incident,
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
  /** Incidents touching (affected or downstream) one of these entities. */
  entityRefs?: string[];
  /** Incidents with an entity owned by one of these groups. */
  ownerRefs?: string[];
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

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Where a row of a roll-up comes from: the parts (of the entities asked for) or the
 * sub-teams (of the team asked for) the incident was found through, when it touches
 * neither what was asked for itself. Undefined for a direct match.
 */
export function rolledUpVia(
  incident: Pick<Incident, 'entities'>,
  asked: { entityRefs?: string[]; ownerRef?: string },
  rolledUp: { entityRefs?: string[]; ownerRefs?: string[] },
): string[] | undefined {
  const via = new Set<string>();
  const through = (
    refs: (string | undefined)[],
    named: string[] | undefined,
    found: string[] | undefined,
  ) => {
    if (!named || !found) return;
    const direct = new Set(named.map(lower));
    const present = refs.flatMap(r => (r ? [lower(r)] : []));
    if (present.some(r => direct.has(r))) return;
    const wanted = new Set(found.map(lower));
    present.filter(r => wanted.has(r)).forEach(r => via.add(r));
  };
  through(
    incident.entities.map(e => e.entityRef),
    asked.entityRefs,
    rolledUp.entityRefs,
  );
  through(
    incident.entities.map(e => e.ownerRef),
    asked.ownerRef ? [asked.ownerRef] : undefined,
    rolledUp.ownerRefs,
  );
  return via.size > 0 ? [...via] : undefined;
}
