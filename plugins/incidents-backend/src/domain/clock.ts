/** Where the service reads the time; tests pass a fixed clock. @public */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
