export { incidentsApiRef } from './IncidentsApi';
export type {
  IncidentsApi,
  ListIncidentsOptions,
  GetTimelineOptions,
} from './IncidentsApi';
export { IncidentsClient } from './IncidentsClient';
