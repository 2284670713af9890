import { PageBlueprint } from '@backstage/frontend-plugin-api';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { rootRouteRef } from '../routes';

/**
 * The incidents page at `/incidents` (list, `/incidents/:id` for one incident, and the
 * unrouted-alerts inbox at `/incidents/alerts/unrouted`, a tab of the page). Its title and
 * icon make the "Incidents" sidebar item.
 *
 * @alpha
 */
export const incidentsPage = PageBlueprint.make({
  params: {
    path: '/incidents',
    title: 'Incidents',
    icon: <WhatshotIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/IncidentsPage').then(m => (
        <m.IncidentsPage headerVariant="none" />
      )),
  },
});
