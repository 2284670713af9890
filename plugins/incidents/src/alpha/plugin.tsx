import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  incidentRouteRef,
  myPagesRouteRef,
  postmortemRouteRef,
  postmortemsRouteRef,
  insightsRouteRef,
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
  insightsPage,
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
    myPages: myPagesRouteRef,
    postmortems: postmortemsRouteRef,
    postmortem: postmortemRouteRef,
    insights: insightsRouteRef,
  },
  extensions: [
    incidentsApi,
    incidentsPage,
    entityIncidentsContent,
    entityOpenIncidentsCard,
    entityOnCallCard,
    postmortemsPage,
    insightsPage,
    entityPostmortemsCard,
    entityActionItemsCard,
    entityTeamIncidentsCard,
    entityTeamIncidentsContent,
    incidentsSearchResultListItem,
  ],
});
