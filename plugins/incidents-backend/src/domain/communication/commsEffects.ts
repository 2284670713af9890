import { StatusPagePublication } from '@firebreak/plugin-incidents-common';
import type { NotifyEffect } from '../effects';

/** An email sent through the plugin's SMTP transport; one recipient each, so none sees another. */
export interface EmailEffect {
  type: 'email';
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** A public update pushed to every installed StatusPageProvider. */
export interface StatusPageEffect {
  type: 'status-page';
  key: string;
  publication: StatusPagePublication;
}

/** The effects communication plans write. */
export type CommsEffect = NotifyEffect | EmailEffect | StatusPageEffect;
