export { IncidentsPage } from './IncidentsPage';
export type { IncidentsPageProps } from './IncidentsPage';
