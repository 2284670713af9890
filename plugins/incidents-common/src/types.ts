import { Phase, TransitionId } from './lifecycle';
import { Severity, SeverityLevel } from './severity';

/** How the incident came to be. @public */
export type IncidentSource = 'manual' | 'alert';

/**
 * A catalog entity attached to an incident: affected, or downstream of an affected one, with
 * its owner.
 *
 * @public
 */
export interface IncidentEntity {
  /** The entity. */
  entityRef: string;
  /** `affected`, or `downstream` of an affected entity. */
  relation: 'affected' | 'downstream';
  /** Its owner (its own, else its system's, else its domain's), if any. */
  ownerRef?: string;
}

/** An incident as the API returns it. Timestamps are ISO 8601 strings. @public */
export interface Incident {
  /** Stable uuid. */
  id: string;
  /** Human id, `INC-<n>`. */
  ref: string;
  /** The human number: the incident is `INC-<number>`. */
  number: number;
  /** One-line title. */
  title: string;
  /** What is happening. */
  summary: string;
  /** What customers experience. */
  customerImpact: string;
  /** Current severity. */
  severity: Severity;
  /** Where the incident is in the lifecycle. */
  phase: Phase;
  /** Regions affected, free text. */
  regions: string[];
  /** The affected entities and their downstream dependents, with owners. */
  entities: IncidentEntity[];
  /**
   * Only in a roll-up list (`GET /v1/incidents` by an entity with parts or by a team with
   * sub-teams): the parts or sub-teams it was found through, when it touches neither the
   * entities nor the team asked for itself (e.g. a system's incident via its component).
   */
  via?: string[];
  /** A restricted (security) incident: visible only to its audience. */
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
  /** How it was declared: by a person or by an alert rule. */
  source: IncidentSource;
  /** Entity ref of who declared it (a user, or an alert receiver). */
  createdBy: string;
  /** When it was declared, ISO 8601. */
  declaredAt: string;
  /** When someone engaged (SLA: time to acknowledge), ISO 8601. */
  acknowledgedAt?: string;
  /** When a fix was deployed (SLA: time to mitigation), ISO 8601. */
  mitigatedAt?: string;
  /** When the service recovered (SLA: time to resolution), ISO 8601. */
  resolvedAt?: string;
  /** When the incident closed, ISO 8601. */
  closedAt?: string;
  /** Last change or activity, ISO 8601. */
  updatedAt: string;
  /**
   * The earliest due time of an SLA clock still running (overdue ones included); absent once
   * every clock stopped. The "breaching soonest" order of the lists.
   */
  slaDueAt?: string;
  /** Optimistic concurrency token: send it back with every update. */
  version: number;
}

/** The kinds of timeline entries. @public */
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

/** The kind of a timeline entry. @public */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One append-only entry of an incident's timeline. @public */
export interface TimelineEntry {
  /** Stable uuid. */
  id: string;
  /** The incident. */
  incidentId: string;
  /** When, ISO 8601. */
  at: string;
  /** Entity ref of who made it (a user, an alert receiver, or the backend). */
  actor: string;
  /** What kind of entry it is. */
  kind: TimelineKind;
  /** Text of the entry. */
  body: string;
  /** Structured details, by kind (changed fields, evidence URL, ...). */
  details: Record<string, unknown>;
}

/**
 * How many results match, counted up to a cap: when `capped`, at least `count` match (the
 * UI says "1000+"). Lists never count an unbounded set exactly. @public
 */
export interface PageTotal {
  /** How many match, or the cap when `capped`. */
  count: number;
  /** Whether more than `count` may match. */
  capped: boolean;
}

/** A page of results with an opaque cursor for the next page. @public */
export interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Cursor of the next page; absent on the last page. */
  nextCursor?: string;
  /** Only where the list offers it (and, for incidents, was asked for with `includeTotal`). */
  total?: PageTotal;
}

/** The resolved workflow policy the backend serves at GET /v1/policy. @public */
export interface IncidentPolicy {
  /** The severity table, most severe first. */
  severities: SeverityLevel[];
}

/** Body of POST `/v1/incidents/{id}/transitions` response. @public */
export interface TransitionResult {
  /** The incident after the transition. */
  incident: Incident;
  /** The transition taken. */
  transition: { id: TransitionId; from: Phase; to: Phase };
}
