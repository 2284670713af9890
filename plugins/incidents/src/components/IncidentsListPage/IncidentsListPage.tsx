import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Incident,
  OPEN_PHASES,
  PHASE_INFO,
  Phase,
  SEVERITIES,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { ListIncidentsOptions } from '../../api';
import { useIncidentList, useIncidentsSignal } from '../../hooks';
import { formatCount } from '../../utils';
import { DeclareIncidentButton } from '../DeclareIncidentButton';
import { DeclaredBanner } from '../DeclaredBanner';
import { IncidentsTable } from '../IncidentsTable';
import { IncidentsTabs } from '../IncidentsTabs';
import { MyPages } from '../MyPages';

type StatusFilter = 'open' | 'all' | Phase;

function statusFilter(value: string | null): StatusFilter {
  if (value === 'all' || value === 'closed') return value;
  return (OPEN_PHASES as readonly string[]).includes(value ?? '')
    ? (value as Phase)
    : 'open';
}

function severityFilter(value: string | null): Severity | '' {
  return (SEVERITIES as readonly string[]).includes(value ?? '')
    ? (value as Severity)
    : '';
}

const useStyles = makeStyles({
  filter: { minWidth: 180 },
});

/**
 * All incidents, newest first, filtered by status, severity and free text, with cursor
 * "load more".
 *
 * @public
 */
export function IncidentsListPage() {
  const classes = useStyles();
  // The filters live in the URL, so that a reload or a shared link keeps them.
  const [params, setParams] = useSearchParams();
  const status = statusFilter(params.get('status'));
  const severity = severityFilter(params.get('severity'));
  const q = params.get('q') ?? '';
  const setFilter = (name: string, value: string, fallback = '') =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        if (value && value !== fallback) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const setStatus = (value: StatusFilter) => setFilter('status', value, 'open');
  const setSeverity = (value: Severity | '') => setFilter('severity', value);
  const sort = params.get('sort') === 'sla' ? 'sla' : 'newest';
  const setSort = (value: 'newest' | 'sla') =>
    setFilter('sort', value, 'newest');
  const [search, setSearch] = useState(q);
  const [declared, setDeclared] = useState<Incident>();
  useDebounce(
    () => {
      if (search.trim() !== q) setFilter('q', search.trim());
    },
    300,
    [search],
  );

  // A search is not counted: its total is what would cost (every match comes out of the
  // full-text index before the first page), so the heading says "25+ matching" instead.
  const options: ListIncidentsOptions = { limit: 25, includeTotal: !q };
  if (status !== 'all') options.status = status;
  if (severity) options.severity = severity;
  if (q) options.q = q;
  if (sort === 'sla') options.sort = 'sla';
  const list = useIncidentList(options);
  // Someone else declared or changed an incident: refresh the list.
  useIncidentsSignal(signal => {
    if (!['roles', 'checklist', 'pages'].includes(signal.kind)) {
      list.reload();
    }
  });

  return (
    <Content>
      <IncidentsTabs current="incidents" />
      <MyPages />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            flexWrap="wrap"
            gridGap={16}
          >
            <Box display="flex" flexWrap="wrap" gridGap={16}>
              <TextField
                select
                id="incidents-filter-status"
                label="Status"
                value={status}
                onChange={e => setStatus(e.target.value as StatusFilter)}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                className={classes.filter}
                variant="outlined"
                size="small"
              >
                <option value="open">Open</option>
                <option value="all">All</option>
                {OPEN_PHASES.map(p => (
                  <option key={p} value={p}>
                    {PHASE_INFO[p].title}
                  </option>
                ))}
                <option value="closed">Closed</option>
              </TextField>
              <TextField
                select
                id="incidents-filter-severity"
                label="Severity"
                value={severity}
                onChange={e => setSeverity(e.target.value as Severity | '')}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                className={classes.filter}
                variant="outlined"
                size="small"
              >
                <option value="">All</option>
                {SEVERITIES.map(s => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </TextField>
              <TextField
                select
                id="incidents-sort"
                label="Sort"
                value={sort}
                onChange={e => setSort(e.target.value as 'newest' | 'sla')}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                className={classes.filter}
                variant="outlined"
                size="small"
              >
                <option value="newest">Newest first</option>
                <option value="sla">Breaching soonest</option>
              </TextField>
              <TextField
                id="incidents-filter-search"
                label="Search"
                type="search"
                value={search}
                onChange={e => setSearch(e.target.value)}
                placeholder="Reference, title or summary"
                variant="outlined"
                size="small"
              />
            </Box>
            <DeclareIncidentButton
              onDeclared={incident => {
                setDeclared(incident);
                list.reload();
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
            title="Incidents"
            subheader={
              list.loading
                ? undefined
                : `${formatCount(
                    list.total,
                    list.items.length,
                    Boolean(list.nextCursor),
                  )} matching`
            }
          >
            {list.loading && <Progress />}
            {list.error && <ResponseErrorPanel error={list.error} />}
            {!list.loading && !list.error && (
              <IncidentsTable
                label="Incidents"
                incidents={list.items}
                showEntities
                emptyMessage="No incidents match these filters."
              />
            )}
            {list.nextCursor && (
              <Box mt={2} display="flex" alignItems="center" gridGap={16}>
                <Button
                  variant="outlined"
                  onClick={list.loadMore}
                  disabled={list.loadingMore}
                >
                  Load more
                </Button>
                <Typography variant="caption" color="textSecondary">
                  Showing {list.items.length}
                  {list.total ? ` of ${formatCount(list.total, 0, false)}` : ''}
                </Typography>
              </Box>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
