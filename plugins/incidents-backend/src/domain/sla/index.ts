export * from './slaClocks';
export * from './planSla';
export { formatWindow, severityOf } from './slaText';
