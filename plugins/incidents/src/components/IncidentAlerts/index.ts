export { IncidentAlerts } from './IncidentAlerts';
export type { IncidentAlertsProps } from './IncidentAlerts';
