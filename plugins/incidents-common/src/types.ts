import { Phase, TransitionId } from './lifecycle';
import { Severity, SeverityLevel } from './severity';

/** How the incident came to be. @public */
export type IncidentSource = 'manual' | 'alert';

/** @public */
export interface IncidentEntity {
  entityRef: string;
  relation: 'affected' | 'downstream';
  ownerRef?: string;
}

/** An incident as the API returns it. Timestamps are ISO 8601 strings. @public */
export interface Incident {
  id: string;
  /** Human id, `INC-<n>`. */
  ref: string;
  number: number;
  title: string;
  summary: string;
  customerImpact: string;
  severity: Severity;
  phase: Phase;
  regions: string[];
  entities: IncidentEntity[];
  restricted: boolean;
  /**
   * The impact includes cost: the FinOps specialist joins (the spec's Phase 4). The backend
   * always sends it; optional so that older clients and fixtures stay valid.
   */
  costImpact?: boolean;
  /** The impact includes data exposure: the privacy officer joins (the spec's Phase 4). */
  dataExposure?: boolean;
  /** The current incident commander, when one is assigned. */
  commanderRef?: string;
  /**
   * SEV4 without an incident commander: the owning team whose backlog tracks it, when it is
   * (or was) handed to them (the next business-hours start), and when that happened.
   */
  backlog?: { groupRef: string; assignAt: string; assignedAt?: string };
  source: IncidentSource;
  createdBy: string;
  declaredAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  updatedAt: string;
  /** Optimistic concurrency token: send it back with every update. */
  version: number;
}

/** @public */
export const TIMELINE_KINDS = [
  'declared',
  'status',
  'note',
  'evidence',
  'update',
  'transition',
  'role',
  'page',
  'alert',
  'comms',
  'sla',
] as const;

/** @public */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One append-only entry of an incident's timeline. @public */
export interface TimelineEntry {
  id: string;
  incidentId: string;
  at: string;
  actor: string;
  kind: TimelineKind;
  body: string;
  details: Record<string, unknown>;
}

/**
 * How many results match, counted up to a cap: when `capped`, at least `count` match (the
 * UI says "1000+"). Lists never count an unbounded set exactly. @public
 */
export interface PageTotal {
  count: number;
  capped: boolean;
}

/** A page of results with an opaque cursor for the next page. @public */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
  /** Only where the list offers it (and, for incidents, was asked for with `includeTotal`). */
  total?: PageTotal;
}

/** The resolved workflow policy the backend serves at GET /v1/policy. @public */
export interface IncidentPolicy {
  severities: SeverityLevel[];
}

/** Body of POST /v1/incidents/{id}/transitions response. @public */
export interface TransitionResult {
  incident: Incident;
  transition: { id: TransitionId; from: Phase; to: Phase };
}
