import { Phase } from '@firebreak/plugin-incidents-common';

/** Phases in which the incident page shows the postmortem: from recovery on. */
export const POSTMORTEM_PHASES: Phase[] = [
  'communication',
  'prevention',
  'closed',
  'backlog',
];
