export { IncidentOwnership } from './IncidentOwnership';
export type { IncidentOwnershipProps } from './IncidentOwnership';
