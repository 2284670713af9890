import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  incidentRouteRef,
  postmortemRouteRef,
  postmortemsRouteRef,
  rootRouteRef,
  unroutedAlertsRouteRef,
} from '../routes';
import { incidentsApi } from './apis';
import { entityOnCallCard, entityOpenIncidentsCard } from './entityCards';
import { entityIncidentsContent } from './entityContents';
import { incidentsPage } from './pages';
import {
  entityActionItemsCard,
  entityPostmortemsCard,
  entityTeamIncidentsCard,
  entityTeamIncidentsContent,
  postmortemsPage,
} from './postmortems';
import { incidentsSearchResultListItem } from './search';

/**
 * Firebreak incidents for the new frontend system.
 *
 * @alpha
 */
export const incidentsPlugin = createFrontendPlugin({
  pluginId: 'incidents',
  title: 'Incidents',
  icon: <WhatshotIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: rootRouteRef,
    incident: incidentRouteRef,
    unroutedAlerts: unroutedAlertsRouteRef,
    postmortems: postmortemsRouteRef,
    postmortem: postmortemRouteRef,
  },
  extensions: [
    incidentsApi,
    incidentsPage,
    entityIncidentsContent,
    entityOpenIncidentsCard,
    entityOnCallCard,
    postmortemsPage,
    entityPostmortemsCard,
    entityActionItemsCard,
    entityTeamIncidentsCard,
    entityTeamIncidentsContent,
    incidentsSearchResultListItem,
  ],
});
