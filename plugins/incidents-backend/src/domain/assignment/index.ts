export * from './assignIncidentCommander';
export * from './businessHours';
export * from './reassessIncidentCommander';
