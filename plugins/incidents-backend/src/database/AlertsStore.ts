import {
  AlertSource,
  AlertStatus,
  IncidentAlert,
  IncidentAlertsResponse,
  Page,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { DeclarationSpec } from '../domain/alerts/incidentEntries';
import { AlertDecision, AlertState } from '../domain/alerts/lifecycle';
import { PreparedAlert } from '../domain/alerts/types';
import { VisibilityScope } from '../domain/visibility';
import { Effect } from '../domain/effects';
import { NewPage, NewRoleAssignment, NewTimelineEntry } from '../domain/types';

/** A claim on an (entity, incident group): its holder declares the incident. */
export interface ClaimRef {
  entityRef: string;
  groupHash: string;
  token: string;
}

/** A claim this replica won: declare `spec`, then complete (or release) the claim. */
export interface PendingDeclaration extends ClaimRef {
  incidentGroup: string;
  spec: DeclarationSpec;
}

export interface IncidentRefs {
  id: string;
  ref: string;
  /** The incident's version after the write. */
  version?: number;
  /** True when the write raised the incident's severity. */
  severityRaised?: boolean;
}

export interface IngestContext {
  /** ISO 8601. */
  now: string;
  /**
   * The alert rules, as pure decisions the alerts room hands in: the store applies them to
   * the rows it locked and only stores what they decide.
   */
  decisions: AlertDecisions;
  /** A claim older than this (not refreshed) belongs to a dead replica and is taken over. */
  claimTimeoutMs: number;
  /** What a severity raise brings (the commander reassessed), planned inside the write. */
  raise?: RaisePlanner;
}

/** The pure decisions of the alert path (domain/alerts), given the locked rows as facts. */
export interface AlertDecisions {
  /** What an incoming alert does to its stored state (`decideAlert`). */
  decide(
    current: AlertState | undefined,
    incoming: PreparedAlert,
    context: { now: string; newId: string },
  ): AlertDecision;
  /** The incident the active alerts of a group declare, if any (`declarationFor`). */
  declaration(alerts: AlertState[]): DeclarationSpec | undefined;
}

/** An incident whose severity an alert raises, as the raise's plan needs it. */
export interface RaisedIncident {
  id: string;
  ref: string;
  title: string;
  severity: Severity;
  commanderRef?: string;
  ownerGroupRefs: string[];
}

/** What a raise writes besides the severity: roles, pages, entries, effects. */
export interface RaisePlan {
  roles: NewRoleAssignment[];
  pages: NewPage[];
  timeline: NewTimelineEntry[];
  effects: Effect[];
  clearBacklog?: boolean;
}

/** Pure, from facts gathered before the transaction (the on-call snapshot). */
export type RaisePlanner = (
  incident: RaisedIncident,
  from: Severity,
  to: Severity,
) => RaisePlan;

export interface IngestOutcome {
  created: number;
  changed: number;
  unchanged: number;
  unrouted: number;
  /** Claims won by this delivery: the caller declares them. */
  pending: PendingDeclaration[];
  /** Incidents whose timeline this delivery appended to. */
  updatedIncidents: IncidentRefs[];
  /** dedup key → alert id, for every alert stored or known. */
  alertIds: Map<string, string>;
}

export interface AlertFilter {
  entityRefs?: string[];
  statuses?: AlertStatus[];
  source?: AlertSource;
  /** Only alerts without an entity (the inbox). */
  unrouted?: boolean;
  cursor?: string;
  limit: number;
  /**
   * Leaves out the alerts of restricted incidents this caller may not see (their labels tell
   * what happened); all when not given.
   */
  visibleTo?: VisibilityScope;
}

export interface RouteOutcome {
  alerts: IncidentAlert[];
  /** Set when the routed alerts joined an open incident. */
  incident?: IncidentRefs;
  /** Set when routing claimed a new incident: the caller declares it. */
  pending?: PendingDeclaration;
}

export interface ManualDeclarationInput {
  severity: Severity;
  title?: string;
  summary?: string;
  customerImpact?: string;
  regions?: string[];
  entityRef?: string;
  /**
   * The open incident the caller was authorized to join (null: none); a different one under
   * the lock is a 409. Unchecked when undefined.
   */
  expectedJoin?: string | null;
}

export type ManualDeclarationOutcome =
  | { kind: 'claimed'; pending: PendingDeclaration }
  /** The alert's group already has an open incident; the alert joined it. */
  | { kind: 'joined'; incident: IncidentRefs };

/**
 * Persistence of alerts and of the one-open-incident-per-group claims. Every write is one
 * transaction; correctness across replicas comes from row locks and unique constraints.
 */
export interface AlertsStore {
  /**
   * Stores one delivery (all its alerts in one transaction): upserts the alerts, appends to
   * the timelines of their open incidents (raising severity when a more severe rule fires,
   * noting when all alerts cleared), and claims the groups that need a new incident.
   */
  ingest(
    alerts: PreparedAlert[],
    context: IngestContext,
  ): Promise<IngestOutcome>;

  /**
   * Records the incident declared for a claim and attaches every alert of the group that
   * arrived meanwhile (on any replica). `lost` when the claim was taken over meanwhile.
   */
  completeDeclaration(
    claim: ClaimRef,
    incident: { id: string },
    context: { now: string },
  ): Promise<{ lost: boolean; linked: number; incident?: IncidentRefs }>;

  /** Gives a claim up (declaring failed): the next delivery claims again. */
  releaseClaim(claim: ClaimRef): Promise<void>;

  /** Keeps claims alive while their declarations run. */
  refreshClaims(claims: ClaimRef[], now: string): Promise<void>;

  /** Takes over claims whose holder stopped refreshing them before `staleBefore`. */
  takeOverStaleClaims(options: {
    now: string;
    staleBefore: string;
    limit: number;
  }): Promise<PendingDeclaration[]>;

  /** Undefined as well when the alert belongs to an incident hidden from `visibleTo`. */
  getAlert(
    id: string,
    options?: { visibleTo?: VisibilityScope },
  ): Promise<IncidentAlert | undefined>;

  /** Newest first; the cursor is opaque. */
  listAlerts(filter: AlertFilter): Promise<Page<IncidentAlert>>;

  /**
   * Every alert that belonged to the incident, and what they say about recovery; without the
   * alerts that moved on to an incident hidden from `visibleTo`.
   */
  listIncidentAlerts(
    incidentId: string,
    options?: { visibleTo?: VisibilityScope },
  ): Promise<IncidentAlertsResponse>;

  /** Routes an alert (and optionally the unrouted rest of its group) to an entity by hand. */
  routeAlerts(
    alertId: string,
    options: {
      entityRef: string;
      includeGroup: boolean;
      /** As {@link ManualDeclarationInput.expectedJoin}. */
      expectedJoin?: string | null;
    },
    context: IngestContext,
  ): Promise<RouteOutcome>;

  /** The open incident the alert would join if routed to `entityRef`; see ./alerts/joinTarget.ts. */
  openIncidentOfGroup(
    alertId: string,
    entityRef?: string,
  ): Promise<string | undefined>;

  /** Claims the alert's group for an incident declared by hand. */
  claimForManualDeclaration(
    alertId: string,
    input: ManualDeclarationInput & { actor: string },
    context: IngestContext,
  ): Promise<ManualDeclarationOutcome>;

  /**
   * Deletes resolved alerts unchanged and unseen since `before` (ISO 8601), unless they
   * belong or belonged to an open incident, in batches (1,000 rows by default). Returns how
   * many it deleted.
   */
  deleteExpiredAlerts(options: {
    before: string;
    batchSize?: number;
    signal?: AbortSignal;
  }): Promise<number>;
}
