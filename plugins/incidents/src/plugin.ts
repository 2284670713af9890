import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { IncidentsClient, incidentsApiRef } from './api';
import type { IncidentsPageProps } from './components/IncidentsPage';
import {
  incidentRouteRef,
  myPagesRouteRef,
  postmortemRouteRef,
  postmortemsRouteRef,
  rootRouteRef,
  unroutedAlertsRouteRef,
} from './routes';

/**
 * Firebreak incidents, for apps on the legacy frontend system.
 *
 * @public
 */
export const incidentsPlugin = createPlugin({
  id: 'incidents',
  routes: {
    root: rootRouteRef,
    incident: incidentRouteRef,
    unroutedAlerts: unroutedAlertsRouteRef,
    myPages: myPagesRouteRef,
    postmortems: postmortemsRouteRef,
    postmortem: postmortemRouteRef,
  },
  apis: [
    createApiFactory({
      api: incidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The incidents page: all incidents at its root, one incident at `/:id`.
 * Mount it with `<Route path="/incidents" element={<IncidentsPage />} />`.
 *
 * @public
 */
export const IncidentsPage: (props: IncidentsPageProps) => JSX.Element =
  incidentsPlugin.provide(
    createRoutableExtension({
      name: 'IncidentsPage',
      component: () =>
        import('./components/IncidentsPage').then(m => m.IncidentsPage),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The entity page's "Incidents" tab content. Use inside
 * `<EntityLayout.Route path="/incidents" title="Incidents" if={isIncidentsAvailable}>`.
 *
 * @public
 */
export const EntityIncidentsContent: () => JSX.Element =
  incidentsPlugin.provide(
    createComponentExtension({
      name: 'EntityIncidentsContent',
      component: {
        lazy: () =>
          import('./components/EntityIncidentsContent').then(
            m => m.EntityIncidentsContent,
          ),
      },
    }),
  );

/**
 * An entity overview card listing the entity's open incidents.
 *
 * @public
 */
export const EntityOpenIncidentsCard: () => JSX.Element =
  incidentsPlugin.provide(
    createComponentExtension({
      name: 'EntityOpenIncidentsCard',
      component: {
        lazy: () =>
          import('./components/EntityOpenIncidentsCard').then(
            m => m.EntityOpenIncidentsCard,
          ),
      },
    }),
  );

/**
 * The "On-call" card: who is on call now and next. On a Group page for the group; on a
 * Component, System or Resource page for its owner group. Show it where
 * {@link isOnCallAvailable} holds.
 *
 * @public
 */
export const EntityOnCallCard: () => JSX.Element = incidentsPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/** Entity kinds that can be affected by an incident. @public */
export const INCIDENT_ENTITY_KINDS = ['component', 'system', 'resource'];

/**
 * Whether the incidents tab / card applies to `entity`: Components, Systems and Resources.
 *
 * @public
 */
export function isIncidentsAvailable(entity: Entity): boolean {
  return INCIDENT_ENTITY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/** Entity kinds the on-call card applies to. @public */
export const ON_CALL_ENTITY_KINDS = ['group', ...INCIDENT_ENTITY_KINDS];

/**
 * Whether the on-call card applies to `entity`: Groups, and the Components, Systems and
 * Resources they own.
 *
 * @public
 */
export function isOnCallAvailable(entity: Entity): boolean {
  return ON_CALL_ENTITY_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * The Postmortems page: the list at its root, one postmortem at `/:id` (`INC-<n>`).
 * Mount it with `<Route path="/postmortems" element={<PostmortemsPage />} />`.
 *
 * @public
 */
export const PostmortemsPage: () => JSX.Element = incidentsPlugin.provide(
  createRoutableExtension({
    name: 'PostmortemsPage',
    component: () =>
      import('./components/PostmortemsPage').then(m => m.PostmortemsPage),
    mountPoint: postmortemsRouteRef,
  }),
);

/** The "Postmortems" card for service, system, domain and group pages. @public */
export const EntityPostmortemsCard: () => JSX.Element = incidentsPlugin.provide(
  createComponentExtension({
    name: 'EntityPostmortemsCard',
    component: {
      lazy: () =>
        import('./components/EntityPostmortemsCard').then(
          m => m.EntityPostmortemsCard,
        ),
    },
  }),
);

/** The "Action items" card for group, service, system and resource pages. @public */
export const EntityActionItemsCard: () => JSX.Element = incidentsPlugin.provide(
  createComponentExtension({
    name: 'EntityActionItemsCard',
    component: {
      lazy: () =>
        import('./components/EntityActionItemsCard').then(
          m => m.EntityActionItemsCard,
        ),
    },
  }),
);

/** A team's incidents (with its sub-teams') for group pages. @public */
export const TeamIncidentsCard: (props: { title?: string }) => JSX.Element =
  incidentsPlugin.provide(
    createComponentExtension({
      name: 'TeamIncidentsCard',
      component: {
        lazy: () =>
          import('./components/TeamIncidentsCard').then(
            m => m.TeamIncidentsCard,
          ),
      },
    }),
  );
