import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { Incident } from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import {
  IncidentListState,
  useIncidentList,
  useIncidentsSignal,
} from '../../hooks';
import { formatCount } from '../../utils';
import { DeclareIncidentButton } from '../DeclareIncidentButton';
import { EntityAlertsCard } from '../EntityAlertsCard';
import { DeclaredBanner } from '../DeclaredBanner';
import { IncidentsTable, dependencyOf } from '../IncidentsTable';

/** Open incidents per page; "Load more" fetches the next, in the same order. */
const OPEN_PAGE_SIZE = 25;

/** "12 open", or "25+ open" while there are more to load. */
function openCount(open: IncidentListState): string {
  return `${formatCount(
    open.total,
    open.items.length,
    Boolean(open.nextCursor),
  )} open`;
}

/**
 * The entity page's "Incidents" tab: open incidents affecting the entity or its parts (a
 * system's components, a domain's systems, each row saying via which), its firing alerts,
 * then its incident history, and the "Declare incident" button. Refreshes live.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [sort, setSort] = useState<'severity' | 'sla'>('severity');
  // A page at a time in the order shown (the backend sorts). No count: it would cost the tab
  // a second pass over the entity's open incidents on every refresh.
  const open = useIncidentList({
    entityRef,
    status: 'open',
    limit: OPEN_PAGE_SIZE,
    sort,
  });
  const history = useIncidentList({ entityRef, status: 'closed', limit: 20 });
  const [declared, setDeclared] = useState<Incident>();
  // Incidents of the entity's dependencies are listed, marked, unless the user hides them.
  const [hideDependencies, setHideDependencies] = useState(false);
  const shown = (incidents: Incident[]) =>
    hideDependencies
      ? incidents.filter(i => dependencyOf(i, entityRef).length === 0)
      : incidents;
  const openIncidents = open.items;
  const dependencyCount = [...open.items, ...history.items].filter(
    i => dependencyOf(i, entityRef).length > 0,
  ).length;
  // Incidents declared or moved elsewhere (another user, an alert) show up live.
  useIncidentsSignal(signal => {
    if (!['roles', 'checklist', 'pages'].includes(signal.kind)) {
      open.reload();
      if (signal.kind === 'transition') history.reload();
    }
  });
  const name = entity.metadata.title ?? entity.metadata.name;
  // The backend adds the incidents of a system's or a domain's parts (hasPart), marked "via".
  const hasParts = ['system', 'domain'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          gridGap={16}
        >
          <Typography variant="body1" color="textSecondary">
            Incidents affecting <strong>{name}</strong>
            {hasParts ? ', its parts' : ''}
            {hideDependencies ? '' : ' or its dependencies'}
          </Typography>
          <FormControlLabel
            control={
              <Switch
                checked={hideDependencies}
                onChange={e => setHideDependencies(e.target.checked)}
                color="primary"
              />
            }
            label={`Hide incidents of dependencies${
              dependencyCount ? ` (${dependencyCount})` : ''
            }`}
          />
          <DeclareIncidentButton
            entityRefs={[entityRef]}
            onDeclared={incident => {
              setDeclared(incident);
              open.reload();
            }}
          />
        </Box>
      </Grid>
      {declared && (
        <Grid item xs={12}>
          <DeclaredBanner
            incident={declared}
            onClose={() => setDeclared(undefined)}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Open incidents"
          subheader={open.loading ? undefined : openCount(open)}
          action={
            <Box pt={1} pr={1}>
              <TextField
                select
                label="Sort"
                value={sort}
                onChange={e => setSort(e.target.value as 'severity' | 'sla')}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                variant="outlined"
                size="small"
              >
                <option value="severity">Most severe first</option>
                <option value="sla">Breaching soonest</option>
              </TextField>
            </Box>
          }
        >
          {open.loading && <Progress />}
          {open.error && <ResponseErrorPanel error={open.error} />}
          {!open.loading && !open.error && (
            <IncidentsTable
              label="Open incidents"
              incidents={shown(openIncidents)}
              viewedFrom={entityRef}
              emptyMessage={`No open incidents affect ${name}.`}
            />
          )}
          {open.nextCursor && (
            <Button onClick={open.loadMore} disabled={open.loadingMore}>
              Load more
            </Button>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <EntityAlertsCard />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="History" subheader="Closed incidents, newest first">
          {history.loading && <Progress />}
          {history.error && <ResponseErrorPanel error={history.error} />}
          {!history.loading && !history.error && (
            <IncidentsTable
              label="Incident history"
              incidents={shown(history.items)}
              viewedFrom={entityRef}
              history
              emptyMessage={`No closed incidents for ${name}.`}
            />
          )}
          {history.nextCursor && (
            <Button onClick={history.loadMore} disabled={history.loadingMore}>
              Load more
            </Button>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
