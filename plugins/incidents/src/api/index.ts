export { incidentsApiRef } from './IncidentsApi';
export type {
  IncidentsApi,
  ListIncidentsOptions,
  GetTimelineOptions,
  GetOnCallOptions,
  ListPagesOptions,
  ListAlertsOptions,
  ListUnroutedAlertsOptions,
} from './IncidentsApi';
export { IncidentsClient } from './IncidentsClient';
