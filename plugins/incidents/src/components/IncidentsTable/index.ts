export { IncidentsTable } from './IncidentsTable';
export type { IncidentsTableProps } from './IncidentsTable';
