export { IncidentTimeline } from './IncidentTimeline';
export type { IncidentTimelineProps } from './IncidentTimeline';
