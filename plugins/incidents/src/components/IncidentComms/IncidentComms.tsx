import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import Alert from '@material-ui/lab/Alert';
import {
  COMMS_AUDIENCE_INFO,
  CommsDuty,
  Incident,
} from '@firebreak/plugin-incidents-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useEffect } from 'react';
import { incidentsApiRef } from '../../api';
import { useNow } from '../../hooks';
import { formatDuration } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';
import { CommsUpdateForm } from './CommsUpdateForm';

const useStyles = makeStyles(theme => ({
  duty: { alignItems: 'flex-start', gap: theme.spacing(1), paddingLeft: 0 },
  done: { color: theme.palette.success.main },
  overdue: { color: theme.palette.error.main, fontWeight: 500 },
  update: {
    display: 'block',
    paddingLeft: 0,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  body: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
}));

function DutyLine(props: { duty: CommsDuty; now: number }) {
  const { duty, now } = props;
  const classes = useStyles();
  const overdue = !duty.doneAt && Date.parse(duty.dueAt) < now;
  return (
    <ListItem className={classes.duty} data-testid={`duty-${duty.id}`}>
      {duty.doneAt ? (
        <CheckCircleIcon className={classes.done} aria-label="Done" />
      ) : (
        <RadioButtonUncheckedIcon color="disabled" aria-label="Open" />
      )}
      <Box flex={1}>
        <Typography variant="body2">
          {duty.title} {duty.optional && <Chip size="small" label="optional" />}{' '}
          {duty.retired && (
            <Chip size="small" label={`done under ${duty.severity}`} />
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          {COMMS_AUDIENCE_INFO[duty.audience].title} ·{' '}
          {duty.doneAt ? (
            <>
              done by <ActorLink actor={duty.doneBy ?? ''} />{' '}
              <RelativeTime value={duty.doneAt} />
            </>
          ) : (
            <span className={overdue ? classes.overdue : undefined}>
              {overdue
                ? `overdue by ${formatDuration(now - Date.parse(duty.dueAt))}`
                : 'due '}
              {!overdue && <RelativeTime value={duty.dueAt} />}
            </span>
          )}
        </Typography>
      </Box>
    </ListItem>
  );
}

/** Props of {@link IncidentComms}. @public */
export interface IncidentCommsProps {
  incident: Incident;
  canPublish: boolean;
  refreshKey?: number;
  onPosted?(): void;
}

/**
 * Stakeholder communication of an incident: the severity's duties with their due times, a
 * banner when an update is due by the severity's cadence, the form to post one, and the
 * updates sent so far.
 *
 * @public
 */
export function IncidentComms(props: IncidentCommsProps) {
  const { incident, canPublish, refreshKey, onPosted } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const now = useNow(15_000);
  const state = useAsyncRetry(
    () => api.getComms(incident.ref),
    [api, incident.ref, incident.severity, incident.version],
  );
  const { retry } = state;
  useEffect(() => {
    if (refreshKey) retry();
  }, [refreshKey, retry]);

  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const comms = state.value!;
  const due = comms.nextUpdateDueAt
    ? Date.parse(comms.nextUpdateDueAt)
    : undefined;

  return (
    <>
      {due !== undefined && due <= now && (
        <Alert severity="warning" role="status" data-testid="update-due">
          A stakeholder update is due: {incident.severity} asks for one every{' '}
          {comms.cadenceMinutes} minutes (due {formatDuration(now - due)} ago).
        </Alert>
      )}
      <Typography variant="subtitle2">Communication duties</Typography>
      <List dense aria-label="Communication duties">
        {comms.duties.map(duty => (
          <DutyLine key={duty.id} duty={duty} now={now} />
        ))}
      </List>
      {incident.phase !== 'closed' && (
        <CommsUpdateForm
          incidentId={incident.ref}
          canPublish={canPublish}
          onPosted={() => {
            retry();
            onPosted?.();
          }}
        />
      )}
      {comms.updates.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Updates sent</Typography>
          <List dense aria-label="Updates sent">
            {comms.updates.map(update => (
              <ListItem key={update.id} className={classes.update}>
                <Typography variant="caption" color="textSecondary">
                  {COMMS_AUDIENCE_INFO[update.audience].title} ·{' '}
                  <ActorLink actor={update.author} /> ·{' '}
                  <RelativeTime value={update.postedAt} />
                </Typography>
                {update.title && (
                  <Typography variant="body2">
                    <strong>{update.title}</strong>
                  </Typography>
                )}
                <Typography variant="body2" className={classes.body}>
                  {update.body}
                </Typography>
              </ListItem>
            ))}
          </List>
        </Box>
      )}
    </>
  );
}
