import { createApiRef } from '@backstage/core-plugin-api';
import {
  AddTimelineEntryRequest,
  DeclareIncidentRequest,
  Incident,
  IncidentPolicy,
  Page,
  Phase,
  Severity,
  TimelineEntry,
  TransitionRequest,
  TransitionResult,
  UpdateIncidentRequest,
} from '@firebreak/plugin-incidents-common';

/**
 * Filters of {@link IncidentsApi.listIncidents}. Multiple values are OR-ed.
 *
 * @public
 */
export interface ListIncidentsOptions {
  /** Only incidents affecting one of these entities. */
  entityRef?: string | string[];
  /** `open`, or one or more phases (`closed` for history). */
  status?: 'open' | Phase | Array<'open' | Phase>;
  severity?: Severity | Severity[];
  /** Free text matched against reference, title and summary. */
  q?: string;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
}

/** @public */
export interface GetTimelineOptions {
  cursor?: string;
  limit?: number;
}

/**
 * Client of the Firebreak incidents backend (`/api/incidents`).
 *
 * @public
 */
export interface IncidentsApi {
  /** The resolved severity policy; config may override the spec's defaults. */
  getPolicy(): Promise<IncidentPolicy>;
  /** Incidents, newest first. */
  listIncidents(options?: ListIncidentsOptions): Promise<Page<Incident>>;
  /** An incident by uuid or human reference (`INC-42`). */
  getIncident(id: string): Promise<Incident>;
  declareIncident(request: DeclareIncidentRequest): Promise<Incident>;
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** Moves the incident along one edge of the workflow graph. */
  transitionIncident(
    id: string,
    request: TransitionRequest,
  ): Promise<TransitionResult>;
  acknowledgeIncident(id: string): Promise<Incident>;
  /** Timeline entries, oldest first. */
  getTimeline(
    id: string,
    options?: GetTimelineOptions,
  ): Promise<Page<TimelineEntry>>;
  addTimelineEntry(
    id: string,
    request: AddTimelineEntryRequest,
  ): Promise<TimelineEntry>;
}

/** @public */
export const incidentsApiRef = createApiRef<IncidentsApi>({
  id: 'plugin.incidents.service',
});
