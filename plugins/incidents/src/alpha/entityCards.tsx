import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { incidentEntityFilter } from './filters';

/**
 * The "Open incidents" card on the entity overview.
 *
 * @alpha
 */
export const entityOpenIncidentsCard = EntityCardBlueprint.make({
  name: 'open-incidents',
  params: {
    filter: incidentEntityFilter,
    loader: () =>
      import('../components/EntityOpenIncidentsCard').then(m => (
        <m.EntityOpenIncidentsCard />
      )),
  },
});
