import {
  Incident,
  Page,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import {
  IncidentChange,
  IncidentFilter,
  NewIncident,
  VisibilityScope,
} from '../domain';

/** How to find one incident: by its uuid or by its human number. @public */
export type IncidentKey = { id: string } | { number: number };

/** @public */
export interface ListIncidentsOptions extends IncidentFilter {
  cursor?: string;
  limit: number;
  /** Also count the matching incidents, up to a cap (`Page.total`). */
  includeTotal?: boolean;
  /** Only the incidents this caller may see (restricted ones); all when not given. */
  visibleTo?: VisibilityScope;
  /**
   * `sla`: breaching soonest first, only incidents with a running SLA clock; `severity`: the
   * most severe first, newest first within one (for open incidents).
   */
  sort?: 'newest' | 'sla' | 'severity';
}

/** @public */
export interface GetIncidentOptions {
  /** Undefined when the caller may not see the incident; all are visible when not given. */
  visibleTo?: VisibilityScope;
}

/** @public */
export interface ListTimelineOptions {
  cursor?: string;
  limit: number;
}

/** Who writes, when, and against which version. @public */
export interface MutationContext {
  actor: string;
  /** ISO 8601 time of the write. */
  at: string;
  /** When given, the write is refused with a ConflictError if the incident changed since. */
  expectedVersion?: number;
}

/** @public */
export interface MutationResult {
  incident: Incident;
  /** The timeline entries the write appended (none when nothing changed). */
  entries: TimelineEntry[];
}

/**
 * Persistence of incidents. Every write is one transaction that also appends its timeline
 * entries.
 *
 * @public
 */
export interface IncidentsStore {
  /** Allocates the next human number and stores the incident with its timeline entries. */
  declareIncident(incident: NewIncident): Promise<Incident>;

  getIncident(
    key: IncidentKey,
    options?: GetIncidentOptions,
  ): Promise<Incident | undefined>;

  /** Newest first; the cursor is opaque. Throws InputError for a malformed cursor. */
  listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>>;

  /**
   * Reads the incident under a row lock, lets `decide` compute the change from its current
   * state, and applies it: fields, timeline entries, `updated_at`, and a version bump when
   * fields changed. `decide` may throw to refuse (nothing is written) or return undefined
   * when there is nothing to do. Throws NotFoundError for an unknown incident and
   * ConflictError when `expectedVersion` is stale.
   */
  mutateIncident(
    key: IncidentKey,
    context: MutationContext,
    decide: (current: Incident) => IncidentChange | undefined,
  ): Promise<MutationResult>;

  /** Oldest first. Throws InputError for a malformed cursor. */
  listTimeline(
    incidentId: string,
    options: ListTimelineOptions,
  ): Promise<Page<TimelineEntry>>;
}
