export * from './duties';
export * from './cadence';
export * from './executiveSummary';
export * from './commsEffects';
export * from './planCommsUpdate';
