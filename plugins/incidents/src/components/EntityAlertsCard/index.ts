export { EntityAlertsCard } from './EntityAlertsCard';
