import { PageBlueprint } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import InsightsIcon from '@material-ui/icons/Timeline';
import { insightsRouteRef, postmortemsRouteRef } from '../routes';

/** Postmortem lists show on services, systems, domains and groups. */
const postmortemEntityFilter = {
  kind: { $in: ['component', 'system', 'domain', 'group'] },
};

/** Action items show on groups and on what incidents affect. */
const actionItemsEntityFilter = {
  kind: { $in: ['group', 'component', 'system', 'domain', 'resource'] },
};

const groupFilter = { kind: 'group' };

/**
 * The Postmortems page at `/postmortems` (a sidebar item): the leadership list, and the
 * read view of each postmortem at `/postmortems/INC-<n>`.
 *
 * @alpha
 */
export const postmortemsPage = PageBlueprint.make({
  name: 'postmortems',
  params: {
    path: '/postmortems',
    title: 'Postmortems',
    icon: <AssignmentIcon fontSize="inherit" />,
    routeRef: postmortemsRouteRef,
    loader: () =>
      import('../components/PostmortemsPage').then(m => <m.PostmortemsPage />),
  },
});

/** The "Postmortems" card on service, system, domain and group pages. @alpha */
export const entityPostmortemsCard = EntityCardBlueprint.make({
  name: 'postmortems',
  params: {
    filter: postmortemEntityFilter,
    loader: () =>
      import('../components/EntityPostmortemsCard').then(m => (
        <m.EntityPostmortemsCard />
      )),
  },
});

/** The "Action items" card on group, service, system and resource pages. @alpha */
export const entityActionItemsCard = EntityCardBlueprint.make({
  name: 'action-items',
  params: {
    filter: actionItemsEntityFilter,
    loader: () =>
      import('../components/EntityActionItemsCard').then(m => (
        <m.EntityActionItemsCard />
      )),
  },
});

/** The team's incidents card on group pages. @alpha */
export const entityTeamIncidentsCard = EntityCardBlueprint.make({
  name: 'team-incidents',
  params: {
    filter: groupFilter,
    loader: () =>
      import('../components/TeamIncidentsCard').then(m => (
        <m.TeamIncidentsCard />
      )),
  },
});

/** The "Incidents" tab on group pages: the team's and its sub-teams' incidents. @alpha */
export const entityTeamIncidentsContent = EntityContentBlueprint.make({
  name: 'team-incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: groupFilter,
    loader: () =>
      import('../components/TeamIncidentsCard').then(m => (
        <m.TeamIncidentsCard title="Incidents of the team and its sub-teams" />
      )),
  },
});

/** The Insights page at `/incident-insights` (a sidebar item): the leadership figures. @alpha */
export const insightsPage = PageBlueprint.make({
  name: 'insights',
  params: {
    path: '/incident-insights',
    title: 'Incident insights',
    icon: <InsightsIcon fontSize="inherit" />,
    routeRef: insightsRouteRef,
    loader: () =>
      import('../components/InsightsPage').then(m => <m.InsightsPage />),
  },
});
