export { useNow } from './useNow';
export { useIncidentPolicy } from './useIncidentPolicy';
export type { IncidentPolicyState } from './useIncidentPolicy';
export {
  useIncidentLink,
  useIncidentsRootLink,
  useUnroutedAlertsLink,
  useMyPagesLink,
  usePostmortemLink,
} from './useIncidentLink';
export { useIncidentList } from './useIncidentList';
export type { IncidentListState } from './useIncidentList';
export { useTimeline } from './useTimeline';
export type { TimelineState } from './useTimeline';
export { useCurrentUser, isAddressedTo } from './useCurrentUser';
export type { CurrentUser } from './useCurrentUser';
export { useIncidentSignal, useIncidentsSignal } from './useIncidentSignal';
export { useOpenPageCount } from './useOpenPageCount';
