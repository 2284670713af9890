import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The incidents page (`/incidents`). @public */
export const rootRouteRef = createRouteRef({ id: 'incidents' });

/** One incident, addressed by its human reference (`/incidents/INC-42`). @public */
export const incidentRouteRef = createSubRouteRef({
  id: 'incidents/incident',
  parent: rootRouteRef,
  path: '/:id',
});

/** The signed-in user's pages (`/incidents/my-pages`). @public */
export const myPagesRouteRef = createSubRouteRef({
  id: 'incidents/my-pages',
  parent: rootRouteRef,
  path: '/my-pages',
});

/** The unrouted-alerts inbox (`/incidents/alerts/unrouted`). @public */
export const unroutedAlertsRouteRef = createSubRouteRef({
  id: 'incidents/unrouted-alerts',
  parent: rootRouteRef,
  path: '/alerts/unrouted',
});

/** The Postmortems page (`/postmortems`): the leadership list. @public */
export const postmortemsRouteRef = createRouteRef({ id: 'postmortems' });

/** The read view of one postmortem, by its incident (`/postmortems/INC-42`). @public */
export const postmortemRouteRef = createSubRouteRef({
  id: 'postmortems/postmortem',
  parent: postmortemsRouteRef,
  path: '/:id',
});

/** The Insights page (`/incident-insights`). @public */
export const insightsRouteRef = createRouteRef({ id: 'incident-insights' });
