export { IncidentSla } from './IncidentSla';
export type { IncidentSlaProps } from './IncidentSla';
