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
import {
  incidentRouteRef,
  myPagesRouteRef,
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
export const IncidentsPage = incidentsPlugin.provide(
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
export const EntityIncidentsContent = incidentsPlugin.provide(
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
export const EntityOpenIncidentsCard = incidentsPlugin.provide(
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
export const EntityOnCallCard = incidentsPlugin.provide(
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
