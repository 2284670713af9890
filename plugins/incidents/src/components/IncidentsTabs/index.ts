export { IncidentsTabs } from './IncidentsTabs';
