import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { incidentEntityFilter, onCallEntityFilter } from './filters';

/**
 * The "Open incidents" card on the entity overview, in the info column.
 *
 * @alpha
 */
export const entityOpenIncidentsCard = EntityCardBlueprint.make({
  name: 'open-incidents',
  params: {
    filter: incidentEntityFilter,
    // Beside "About", so an open incident is seen first on the overview.
    type: 'info',
    loader: () =>
      import('../components/EntityOpenIncidentsCard').then(m => (
        <m.EntityOpenIncidentsCard />
      )),
  },
});

/**
 * The "On-call" card: who is on call now and next, on Group pages for the group, on
 * Component, System and Resource pages for the owner group.
 *
 * @alpha
 */
export const entityOnCallCard = EntityCardBlueprint.make({
  name: 'on-call',
  params: {
    filter: onCallEntityFilter,
    type: 'info',
    loader: () =>
      import('../components/EntityOnCallCard').then(m => (
        <m.EntityOnCallCard />
      )),
  },
});
