/**
 * Firebreak incidents frontend: the entity "Incidents" tab, the incidents and incident
 * pages, and the declare dialog with the severity guide.
 *
 * @packageDocumentation
 */
export {
  incidentsPlugin,
  IncidentsPage,
  EntityIncidentsContent,
  EntityOpenIncidentsCard,
  isIncidentsAvailable,
  INCIDENT_ENTITY_KINDS,
} from './plugin';
export { incidentsApiRef, IncidentsClient } from './api';
export type {
  IncidentsApi,
  ListIncidentsOptions,
  GetTimelineOptions,
} from './api';
export { rootRouteRef, incidentRouteRef } from './routes';
export {
  DeclareIncidentDialog,
  SeverityChip,
  SeverityGuide,
} from './components';
export type {
  DeclareIncidentDialogProps,
  SeverityGuideProps,
} from './components';
