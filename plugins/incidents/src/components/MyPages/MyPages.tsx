import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Incident, OnCallPage } from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { useIncidentLink, useIncidentsSignal } from '../../hooks';
import { errorMessage, shortRef } from '../../utils';
import { ActorLink } from '../ActorLink';
import { PageStatus } from '../IncidentPages';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';

/** Acknowledged pages stay listed this long, so that one sees what one just did. */
const RECENT_MS = 12 * 60 * 60_000;

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1.5),
    paddingLeft: 0,
    paddingRight: 0,
  },
  main: { flex: '1 1 18rem', minWidth: 0, overflowWrap: 'anywhere' },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  side: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  section: { marginBottom: theme.spacing(3) },
}));

/** Props of {@link MyPages}. @public */
export interface MyPagesProps {
  /** Render a card saying so when nobody paged the user (default: render nothing). */
  showEmpty?: boolean;
}

/**
 * "My pages": the pages to the signed-in user (or to a group of theirs) that wait for an
 * acknowledgement, with an "Acknowledge" button each, and those acknowledged lately. Refreshes
 * on the incidents' live-update signals.
 *
 * @public
 */
export function MyPages(props: MyPagesProps) {
  const { showEmpty } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const incidentLink = useIncidentLink();
  const [acknowledging, setAcknowledging] = useState<string>();
  const [error, setError] = useState<string>();

  const state = useAsyncRetry(async () => {
    const { items } = await api.listPages({ mine: true, limit: 50 });
    const now = Date.now();
    const pages = items.filter(
      p => !p.acknowledgedAt || now - Date.parse(p.acknowledgedAt) < RECENT_MS,
    );
    const refs = [...new Set(pages.map(p => p.incidentRef))].slice(0, 20);
    const incidents = new Map<string, Incident>();
    await Promise.all(
      refs.map(async ref => {
        try {
          const incident = await api.getIncident(ref);
          if (incident) incidents.set(ref, incident);
        } catch {
          // The page still shows, with its reference only.
        }
      }),
    );
    return { pages, incidents };
  }, [api]);

  useIncidentsSignal(signal => {
    if (['pages', 'acknowledged'].includes(signal.kind)) {
      state.retry();
    }
  });

  const pages = state.value?.pages ?? [];
  const waiting = pages.filter(p => !p.acknowledgedAt);
  if (!state.error && pages.length === 0 && !showEmpty) {
    return null;
  }

  const acknowledge = async (page: OnCallPage) => {
    setAcknowledging(page.id);
    setError(undefined);
    try {
      await api.acknowledgePage(page.id);
      state.retry();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setAcknowledging(undefined);
    }
  };

  // Waiting first (oldest due first), then the acknowledged ones, newest first.
  const sorted = [
    ...waiting.sort((a, b) => a.ackDueAt.localeCompare(b.ackDueAt)),
    ...pages
      .filter(p => p.acknowledgedAt)
      .sort((a, b) => b.acknowledgedAt!.localeCompare(a.acknowledgedAt!)),
  ];

  return (
    <section aria-label="My pages" className={classes.section}>
      <InfoCard
        title="My pages"
        subheader={
          waiting.length > 0
            ? `${waiting.length} waiting for your acknowledgement`
            : 'Nothing waiting for you'
        }
      >
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
        {state.error && (
          <Typography color="error" variant="body2" role="alert">
            Could not load your pages: {errorMessage(state.error)}
          </Typography>
        )}
        {sorted.length === 0 && !state.error && (
          <Typography color="textSecondary">Nobody has paged you.</Typography>
        )}
        {sorted.length > 0 && (
          <List disablePadding>
            {sorted.map(page => {
              const incident = state.value?.incidents.get(page.incidentRef);
              const label = incident
                ? `${page.incidentRef} ${incident.title}`
                : page.incidentRef;
              return (
                <ListItem
                  key={page.id}
                  divider
                  className={classes.item}
                  data-testid="my-page"
                >
                  <div className={classes.main}>
                    <div className={classes.heading}>
                      {incident && (
                        <SeverityChip severity={incident.severity} />
                      )}
                      <Typography variant="subtitle2" component="span">
                        {incidentLink ? (
                          <Link to={incidentLink(page.incidentRef)}>
                            {label}
                          </Link>
                        ) : (
                          label
                        )}
                      </Typography>
                    </div>
                    <Typography variant="body2">{page.reason}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      Paged by <ActorLink actor={page.pagedBy} />{' '}
                      <RelativeTime value={page.sentAt} />
                      {page.targetGroupRef &&
                        ` · for ${shortRef(page.targetGroupRef)}`}
                      {!page.targetUserRef && ' (whole group)'}
                    </Typography>
                  </div>
                  <div className={classes.side}>
                    <PageStatus page={page} />
                    {!page.acknowledgedAt && (
                      <Button
                        size="small"
                        variant="contained"
                        color="primary"
                        style={{ marginTop: 4 }}
                        disabled={acknowledging === page.id}
                        aria-label={`Acknowledge page for ${page.incidentRef}`}
                        onClick={() => acknowledge(page)}
                      >
                        Acknowledge
                      </Button>
                    )}
                  </div>
                </ListItem>
              );
            })}
          </List>
        )}
      </InfoCard>
    </section>
  );
}
