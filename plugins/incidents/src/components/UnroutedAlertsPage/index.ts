export { UnroutedAlertsPage } from './UnroutedAlertsPage';
