export { IncidentRoles } from './IncidentRoles';
export type { IncidentRolesProps } from './IncidentRoles';
