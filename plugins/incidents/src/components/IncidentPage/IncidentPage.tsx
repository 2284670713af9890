import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  EmptyState,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import {
  Incident,
  PHASE_INFO,
  incidentRoleAssignPermission,
  incidentCommsPublishPermission,
  incidentUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import {
  ReactNode,
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useState,
} from 'react';
import { useParams } from 'react-router-dom';
import { incidentsApiRef } from '../../api';
import {
  useIncidentPolicy,
  useIncidentSignal,
  useIncidentsRootLink,
  useTimeline,
} from '../../hooks';
import {
  errorMessage,
  errorStatus,
  formatMinutes,
  visitedPhases,
} from '../../utils';
import { ActorLink } from '../ActorLink';
import { IncidentAlerts } from '../IncidentAlerts';
import { IncidentChecklist } from '../IncidentChecklist';
import { IncidentComms } from '../IncidentComms';
import { IncidentFlags } from '../IncidentFlags';
import { IncidentOwnership } from '../IncidentOwnership';
import { IncidentPages } from '../IncidentPages';
import { IncidentRoles } from '../IncidentRoles';
import { IncidentSla } from '../IncidentSla';
import { IncidentTimeline } from '../IncidentTimeline';
import { IncidentWorkflow } from '../IncidentWorkflow';
import { PageAcknowledgeLink } from '../PageAcknowledgeLink';
import { PageOwnersButton } from '../PageOwnersButton';
import { POSTMORTEM_PHASES } from '../PostmortemEditor/phases';

// Loaded when a postmortem shows (from recovery on): the markdown renderer is heavy.
const PostmortemEditor = lazy(() =>
  import('../PostmortemEditor').then(m => ({ default: m.PostmortemEditor })),
);
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';
import { TimelineEntryForm } from '../TimelineEntryForm';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1.5),
    margin: theme.spacing(1, 0),
  },
  ref: { color: theme.palette.text.secondary },
  // A title without spaces wraps rather than pushing the page sideways.
  title: { overflowWrap: 'anywhere', minWidth: 0 },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  dl: { margin: 0 },
  dt: {
    marginTop: theme.spacing(1.5),
    fontWeight: theme.typography.fontWeightMedium as number,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    color: theme.palette.text.secondary,
    '&:first-child': { marginTop: 0 },
  },
  dd: { marginLeft: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
}));

function Fact(props: { term: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <dt className={classes.dt}>{props.term}</dt>
      <dd className={classes.dd}>{props.children}</dd>
    </>
  );
}

function BackLink() {
  const root = useIncidentsRootLink();
  if (!root) {
    return null;
  }
  return (
    <Link to={root}>
      <Box display="inline-flex" alignItems="center" gridGap={4}>
        <ArrowBackIcon fontSize="small" /> All incidents
      </Box>
    </Link>
  );
}

/**
 * One incident (`/incidents/:id`, `:id` being `INC-<n>` or the uuid): header, workflow
 * stepper with the allowed next steps, alerts, phase checklist, timeline, SLA milestones,
 * pages ("Page owners"), roles, impact flags, owners and blast radius, and details. It
 * refreshes live when someone else changes the incident (signals).
 *
 * @public
 */
export function IncidentPage(props: { id?: string }) {
  const params = useParams();
  const id = props.id ?? params.id ?? '';
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const policy = useIncidentPolicy();
  const timeline = useTimeline(id);
  const [incident, setIncident] = useState<Incident>();
  // Decided for this incident: the policy may allow its responders only.
  const { allowed: canUpdate } = usePermission({
    permission: incidentUpdatePermission,
    resourceRef: incident?.id,
  });
  const { allowed: canAssignRoles } = usePermission({
    permission: incidentRoleAssignPermission,
    resourceRef: incident?.id,
  });
  // Decided for this incident: the policy may allow its responders only.
  const { allowed: canPublish } = usePermission({
    permission: incidentCommsPublishPermission,
    resourceRef: incident?.id,
  });
  const [loadError, setLoadError] = useState<Error>();
  const [reloads, setReloads] = useState(0);
  const [acknowledging, setAcknowledging] = useState(false);
  const [ackError, setAckError] = useState<string>();
  /** Bumped to make the response panels (roles, checklist, pages, alerts) refetch. */
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.getIncident(id).then(
      value => {
        if (!cancelled) {
          setIncident(value);
          setLoadError(undefined);
        }
      },
      error => {
        if (!cancelled) setLoadError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id, reloads]);

  const reload = useCallback(() => setReloads(n => n + 1), []);
  const reloadTimeline = timeline.reload;
  /** Something changed (here or elsewhere): refetch the incident and everything on it. */
  const refreshAll = useCallback(() => {
    reload();
    reloadTimeline();
    setRefreshKey(n => n + 1);
  }, [reload, reloadTimeline]);

  // Live updates: another user's change (or an alert, an escalation) signals the incident's
  // channel. Our own changes signal too; refetching twice is harmless.
  useIncidentSignal(incident?.id, refreshAll);

  const acknowledge = async () => {
    if (!incident) return;
    setAcknowledging(true);
    setAckError(undefined);
    try {
      setIncident(await api.acknowledgeIncident(incident.ref));
      reloadTimeline();
      setRefreshKey(n => n + 1);
    } catch (e) {
      setAckError(errorMessage(e));
    } finally {
      setAcknowledging(false);
    }
  };

  if (!incident) {
    if (loadError) {
      return (
        <Content>
          <BackLink />
          {errorStatus(loadError) === 404 ? (
            <EmptyState
              missing="data"
              title={`No incident ${id}`}
              description="It may have been deleted, or the reference is wrong."
            />
          ) : (
            <ResponseErrorPanel error={loadError} />
          )}
        </Content>
      );
    }
    return (
      <Content>
        <Progress />
      </Content>
    );
  }

  const level = policy.level(incident.severity);
  const phase = PHASE_INFO[incident.phase];

  return (
    <Content>
      <BackLink />
      <Typography variant="h4" component="h2" className={classes.heading}>
        <span className={classes.ref}>{incident.ref}</span>{' '}
        <span className={classes.title}>{incident.title}</span>
      </Typography>
      <div className={classes.facts}>
        <SeverityChip
          severity={incident.severity}
          size="medium"
          description={`${level.title}: ${level.definition}`}
        />
        <Chip
          variant="outlined"
          label={phase?.title ?? incident.phase}
          aria-label={`Phase: ${phase?.title ?? incident.phase}`}
        />
        <Typography variant="body2" color="textSecondary">
          <RelativeTime value={incident.declaredAt} prefix="Declared " />
          {incident.source === 'alert' ? ' from an alert' : ''}
        </Typography>
        {incident.restricted && <Chip size="small" label="Restricted" />}
        {incident.commanderRef && (
          <Typography variant="body2" color="textSecondary">
            Commander: <ActorLink actor={incident.commanderRef} />
          </Typography>
        )}
      </div>
      {loadError && (
        <Box mb={2}>
          <ResponseErrorPanel error={loadError} />
        </Box>
      )}
      <PageAcknowledgeLink onAcknowledged={refreshAll} />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Workflow">
            <IncidentWorkflow
              incident={incident}
              visited={visitedPhases(timeline.entries)}
              canUpdate={canUpdate}
              onTransitioned={result => {
                setIncident(result.incident);
                reloadTimeline();
              }}
              onStale={reload}
            />
          </InfoCard>
        </Grid>
        {POSTMORTEM_PHASES.includes(incident.phase) && (
          <Grid item xs={12}>
            <InfoCard title="Postmortem">
              <Suspense fallback={<Progress />}>
                <PostmortemEditor incident={incident} />
              </Suspense>
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12} md={8}>
          <Grid container spacing={3} direction="column">
            <Grid item>
              <IncidentAlerts
                incidentId={incident.ref}
                refreshKey={refreshKey}
              />
            </Grid>
            <Grid item>
              <InfoCard
                title="Pages"
                action={
                  <Box pt={1} pr={1}>
                    <PageOwnersButton
                      incident={incident}
                      onPaged={refreshAll}
                    />
                  </Box>
                }
              >
                <IncidentPages
                  incidentId={incident.ref}
                  canAcknowledge
                  refreshKey={refreshKey}
                  onChanged={refreshAll}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard
                title="Checklist"
                subheader="Responsibilities of each phase"
              >
                <IncidentChecklist
                  incident={incident}
                  canUpdate={canUpdate}
                  refreshKey={refreshKey}
                  onChanged={reloadTimeline}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard
                title="Communication"
                subheader="Stakeholder updates the severity asks for"
              >
                <IncidentComms
                  incident={incident}
                  canPublish={canPublish}
                  refreshKey={refreshKey}
                  onPosted={reloadTimeline}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard title="Timeline">
                {timeline.error && (
                  <ResponseErrorPanel error={timeline.error} />
                )}
                {timeline.loading && timeline.entries.length === 0 ? (
                  <Progress />
                ) : (
                  <IncidentTimeline entries={timeline.entries} />
                )}
                {timeline.nextCursor && (
                  <Button
                    onClick={timeline.loadMore}
                    disabled={timeline.loadingMore}
                  >
                    Load more
                  </Button>
                )}
                <Box mt={2}>
                  <TimelineEntryForm
                    incidentId={incident.ref}
                    canUpdate={canUpdate}
                    onAdded={entry => {
                      timeline.append(entry);
                      // A status update may record a milestone (mitigated).
                      reload();
                    }}
                  />
                </Box>
              </InfoCard>
            </Grid>
          </Grid>
        </Grid>
        <Grid item xs={12} md={4}>
          <Grid container spacing={3} direction="column">
            <Grid item>
              <InfoCard title="SLA">
                {ackError && (
                  <Typography color="error" variant="body2" role="alert">
                    {ackError}
                  </Typography>
                )}
                <IncidentSla
                  incident={incident}
                  level={level}
                  onAcknowledge={canUpdate ? acknowledge : undefined}
                  acknowledging={acknowledging}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard title="Roles">
                <IncidentRoles
                  incident={incident}
                  canUpdate={canAssignRoles}
                  refreshKey={refreshKey}
                  onChanged={() => {
                    // The commander is on the incident too.
                    reload();
                    reloadTimeline();
                  }}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard title="Impact flags">
                <IncidentFlags
                  incident={incident}
                  canUpdate={canUpdate}
                  onUpdated={updated => {
                    setIncident(updated);
                    refreshAll();
                  }}
                  onStale={reload}
                />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard title="Owners & blast radius">
                <IncidentOwnership entities={incident.entities} />
              </InfoCard>
            </Grid>
            <Grid item>
              <InfoCard title="Details">
                <dl className={classes.dl}>
                  <Fact term="Summary">{incident.summary || '—'}</Fact>
                  <Fact term="Customer impact">
                    {incident.customerImpact || '—'}
                  </Fact>
                  <Fact term="Regions">
                    {incident.regions.length
                      ? incident.regions.join(', ')
                      : '—'}
                  </Fact>
                  <Fact term="Declared by">
                    <ActorLink actor={incident.createdBy} />
                  </Fact>
                  <Fact term="Response time">
                    {`${level.id} (${
                      level.title
                    }): engage within ${formatMinutes(
                      level.responseTimeMinutes,
                    )}`}
                  </Fact>
                  <Fact term="Communication">
                    {level.communication.join(', ')}
                  </Fact>
                </dl>
              </InfoCard>
            </Grid>
          </Grid>
        </Grid>
      </Grid>
    </Content>
  );
}
