export * from './slaClocks';
export * from './planSla';
export * from './notifyEffect';
export { formatWindow, owningTeams, severityOf } from './slaText';
