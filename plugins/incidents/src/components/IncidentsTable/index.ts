export {
  IncidentsTable,
  dependencyOf,
  incidentDuration,
} from './IncidentsTable';
export type { IncidentsTableProps } from './IncidentsTable';
