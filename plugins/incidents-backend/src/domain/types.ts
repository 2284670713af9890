import type {
  IncidentEntity,
  IncidentSource,
  Phase,
  Severity,
  TimelineKind,
} from '@firebreak/plugin-incidents-common';

/** Incident fields a decision may set. Timestamps are ISO 8601 strings. */
export interface IncidentFieldChanges {
  title?: string;
  summary?: string;
  customerImpact?: string;
  severity?: Severity;
  regions?: string[];
  phase?: Phase;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
}

/** A timeline entry a decision appends; actor and time come from the request. */
export interface NewTimelineEntry {
  kind: TimelineKind;
  body: string;
  details: Record<string, unknown>;
}

/**
 * What one write does to an incident: the fields it sets and the timeline entries it
 * appends. The store applies it in a single transaction.
 */
export interface IncidentChange {
  fields: IncidentFieldChanges;
  timeline: NewTimelineEntry[];
}

/** An incident about to be declared; the store allocates its id and human number. */
export interface NewIncident {
  title: string;
  summary: string;
  customerImpact: string;
  severity: Severity;
  regions: string[];
  restricted: boolean;
  source: IncidentSource;
  createdBy: string;
  declaredAt: string;
  entities: IncidentEntity[];
  /** Entries written with the incident, in the same transaction. */
  timeline: NewTimelineEntry[];
}
