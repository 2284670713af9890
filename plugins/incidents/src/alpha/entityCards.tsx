import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { incidentEntityFilter } from './filters';

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
