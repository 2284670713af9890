export { IncidentFlags } from './IncidentFlags';
export type { IncidentFlagsProps } from './IncidentFlags';
