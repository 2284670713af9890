/** Actor of what Firebreak does by itself (escalation, backlog hand-over). */
export const SYSTEM_ACTOR = 'plugin:default/incidents';

// How refs read and compare: one definition for both sides of the API.
export { sameRef, shortRef } from '@firebreak/plugin-incidents-common';
