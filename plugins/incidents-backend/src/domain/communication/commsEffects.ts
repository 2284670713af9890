import type { EmailEffect, NotifyEffect, StatusPageEffect } from '../effects';

export type { EmailEffect, StatusPageEffect };

/** The effects communication plans write. */
export type CommsEffect = NotifyEffect | EmailEffect | StatusPageEffect;
