/**
 * Firebreak incidents backend plugin: incident store, lifecycle and REST API
 * (`/api/incidents`).
 *
 * @packageDocumentation
 */
export { incidentsPlugin as default } from './plugin';
export type {
  IncidentsStore,
  IncidentKey,
  ListIncidentsOptions,
  ListTimelineOptions,
  MutationContext,
  MutationResult,
} from './database/IncidentsStore';
export type {
  IncidentChange,
  IncidentFieldChanges,
  IncidentFilter,
  NewIncident,
  NewTimelineEntry,
  SeverityOverrides,
} from './domain';
