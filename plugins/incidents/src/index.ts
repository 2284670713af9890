/**
 * Firebreak incidents frontend: the entity "Incidents" tab, the incidents and incident
 * pages, the declare dialog with the severity guide, the on-call card, paging ("Page owners",
 * "My pages"), roles, the phase checklist, and alerts (incident alerts, the unrouted inbox).
 *
 * @packageDocumentation
 */
export {
  incidentsPlugin,
  IncidentsPage,
  EntityIncidentsContent,
  EntityOpenIncidentsCard,
  EntityOnCallCard,
  PostmortemsPage,
  EntityPostmortemsCard,
  EntityActionItemsCard,
  TeamIncidentsCard,
  isIncidentsAvailable,
  isOnCallAvailable,
  INCIDENT_ENTITY_KINDS,
  ON_CALL_ENTITY_KINDS,
} from './plugin';
export { incidentsApiRef, IncidentsClient } from './api';
export type {
  IncidentsApi,
  ListIncidentsOptions,
  GetTimelineOptions,
  GetOnCallOptions,
  ListPagesOptions,
  ListAlertsOptions,
  ListUnroutedAlertsOptions,
  PostmortemsApi,
  ListPostmortemsOptions,
  ListActionItemsOptions,
  InsightsIncident,
} from './api';
export {
  rootRouteRef,
  incidentRouteRef,
  unroutedAlertsRouteRef,
  myPagesRouteRef,
  postmortemsRouteRef,
  postmortemRouteRef,
} from './routes';
export {
  DeclareIncidentDialog,
  SeverityChip,
  SeverityGuide,
  MyPages,
  MyPagesSidebarItem,
  PageOwnersButton,
  IncidentPages,
  IncidentRoles,
  IncidentChecklist,
  IncidentAlerts,
  AlertsList,
  UnroutedAlertsPage,
} from './components';
export type {
  IncidentsPageProps,
  DeclareIncidentDialogProps,
  SeverityGuideProps,
  MyPagesProps,
  PageOwnersButtonProps,
  IncidentPagesProps,
  IncidentRolesProps,
  IncidentChecklistProps,
  IncidentAlertsProps,
  AlertsListProps,
} from './components';
