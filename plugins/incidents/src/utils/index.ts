export * from './errors';
export * from './time';
export * from './sla';
export * from './workflow';
export * from './refs';
export * from './text';
export * from './fieldErrors';
