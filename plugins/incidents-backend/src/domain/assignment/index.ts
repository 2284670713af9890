export * from './assignIncidentCommander';
export * from './businessHours';
export * from './readAssignmentPolicy';
export * from './reassessIncidentCommander';
