import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { incidentEntityFilter } from './filters';

/**
 * The entity page's "Incidents" tab, on Components, Systems and Resources.
 *
 * @alpha
 */
export const entityIncidentsContent = EntityContentBlueprint.make({
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: incidentEntityFilter,
    loader: () =>
      import('../components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});
