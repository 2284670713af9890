export { useNow } from './useNow';
export { useIncidentPolicy } from './useIncidentPolicy';
export type { IncidentPolicyState } from './useIncidentPolicy';
export { useIncidentLink, useIncidentsRootLink } from './useIncidentLink';
export { useIncidentList } from './useIncidentList';
export type { IncidentListState } from './useIncidentList';
export { useTimeline } from './useTimeline';
export type { TimelineState } from './useTimeline';
