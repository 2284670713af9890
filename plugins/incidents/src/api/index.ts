export { incidentsApiRef } from './IncidentsApi';
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
} from './IncidentsApi';
export { IncidentsClient } from './IncidentsClient';
