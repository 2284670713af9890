import type {
  Incident,
  IncidentEntity,
  IncidentSignalKind,
  IncidentSource,
  Phase,
  RoleId,
  Severity,
  TimelineKind,
} from '@firebreak/plugin-incidents-common';
import type { Effect } from './effects';

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
  costImpact?: boolean;
  dataExposure?: boolean;
  /** SEV4: when the owning team was told about the backlog item. */
  backlogAssignedAt?: string;
}

/** A timeline entry a decision appends; actor and time come from the request. */
export interface NewTimelineEntry {
  kind: TimelineKind;
  body: string;
  details: Record<string, unknown>;
}

/**
 * What one write does to an incident: the fields it sets, the timeline entries it appends,
 * and what it causes outside the database. The store applies it in a single transaction,
 * with its effects written into the outbox, and announces it (a signal and an event).
 */
export interface IncidentChange {
  fields: IncidentFieldChanges;
  timeline: NewTimelineEntry[];
  /** Notifications and the like, delivered after the commit through the outbox. */
  effects?: Effect[];
  /** How the change is announced to screens and other plugins; `updated` by default. */
  announce?: IncidentSignalKind;
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
  costImpact?: boolean;
  dataExposure?: boolean;
  /** Roles held from the start (the incident commander), written in the same transaction. */
  roles?: NewRoleAssignment[];
  /** Pages sent at declaration (the new incident commander), written in the same transaction. */
  pages?: NewPage[];
  /** SEV4: the owning team's backlog takes it at `assignAt`; `assignedAt` once told. */
  backlog?: { groupRef: string; assignAt: string; assignedAt?: string };
  /**
   * What the declaration causes (pages, notifications), from the incident as stored (its
   * human number is allocated in the transaction); written into the outbox with it.
   */
  effects?: (declared: Incident) => Effect[];
}

/** A role given to someone; who and when come from the write's context. */
export interface NewRoleAssignment {
  role: RoleId;
  userRef: string;
  note?: string;
}

/** A page to record; who sent it and when come from the write's context. */
export interface NewPage {
  /** Chosen by the caller so that notifications can name it before the write commits. */
  id: string;
  targetGroupRef?: string;
  targetUserRef?: string;
  reason: string;
  /** ISO 8601: escalates unless acknowledged by then. */
  ackDueAt: string;
  escalationLevel: number;
  parentPageId?: string;
}
