export { IncidentChecklist } from './IncidentChecklist';
export type { IncidentChecklistProps } from './IncidentChecklist';
