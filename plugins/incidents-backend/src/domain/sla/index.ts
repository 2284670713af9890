export * from './slaClocks';
export * from './planSla';
export { formatWindow, owningTeams, severityOf } from './slaText';
