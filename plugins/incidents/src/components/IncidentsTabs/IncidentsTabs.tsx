import { useApi } from '@backstage/core-plugin-api';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import {
  useIncidentsRootLink,
  useMyPagesLink,
  useOpenPageCount,
  useUnroutedAlertsLink,
} from '../../hooks';
import { formatCount, openPagesLabel } from '../../utils';

const useStyles = makeStyles(theme => ({
  tabs: {
    marginBottom: theme.spacing(2),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * Navigation between the incidents list, the signed-in user's pages and the unrouted-alerts
 * inbox, with the number of open pages and of active unrouted alerts.
 */
export function IncidentsTabs(props: {
  current: 'incidents' | 'my-pages' | 'unrouted';
}) {
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const root = useIncidentsRootLink();
  const unrouted = useUnroutedAlertsLink();
  const myPages = useMyPagesLink();
  const openPages = useOpenPageCount();
  const { value: count } = useAsync(async () => {
    try {
      const page = await api.listUnroutedAlerts({
        status: 'active',
        limit: 50,
      });
      return formatCount(
        page.total,
        page.items.length,
        Boolean(page.nextCursor),
      );
    } catch {
      return undefined;
    }
  }, [api]);

  if (!root || !unrouted || !myPages) {
    return null;
  }
  return (
    <nav aria-label="Incidents sections">
      <Tabs
        value={props.current}
        indicatorColor="primary"
        textColor="primary"
        className={classes.tabs}
      >
        <Tab
          value="incidents"
          label="Incidents"
          component={RouterLink}
          to={root}
        />
        <Tab
          value="my-pages"
          label={
            openPages ? `My pages (${openPagesLabel(openPages)})` : 'My pages'
          }
          component={RouterLink}
          to={myPages}
        />
        <Tab
          value="unrouted"
          label={
            count && count !== '0'
              ? `Unrouted alerts (${count})`
              : 'Unrouted alerts'
          }
          component={RouterLink}
          to={unrouted}
        />
      </Tabs>
    </nav>
  );
}
