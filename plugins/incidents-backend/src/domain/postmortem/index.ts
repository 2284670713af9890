export * from './draft';
export * from './closing';
export * from './save';
export * from './markdown';
export * from './sla';
export * from './timelineRows';
export * from './notices';
