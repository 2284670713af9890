import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityLink } from '../EntityLink';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OnCallResponse,
  OnCallShiftInfo,
} from '@firebreak/plugin-incidents-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { errorMessage, errorStatus } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    margin: 0,
  },
  dt: {
    fontWeight: theme.typography.fontWeightMedium as number,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    color: theme.palette.text.secondary,
    paddingTop: 2,
  },
  dd: { margin: 0 },
  person: { fontSize: theme.typography.body1.fontSize, fontWeight: 500 },
}));

function Shift(props: { shift: OnCallShiftInfo; edge: 'until' | 'from' }) {
  const { shift, edge } = props;
  const classes = useStyles();
  return (
    <>
      <span className={classes.person}>
        <ActorLink actor={shift.userRef} />
      </span>
      {shift.override && (
        <Typography variant="caption" color="textSecondary">
          {' '}
          (override)
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {edge === 'until' ? 'Hands over ' : 'Takes over '}
        <RelativeTime value={edge === 'until' ? shift.end : shift.start} />
      </Typography>
    </>
  );
}

/** Whom an unacknowledged page reaches after the person on call now: next on call, then the lead. */
function EscalationPath(props: { onCall: OnCallResponse }) {
  const { current, rotation, leadRef } = props.onCall;
  const next = rotation.find(ref => ref !== current?.userRef);
  const note = (text: string) => (
    <Typography variant="caption" color="textSecondary" component="span">
      {' '}
      ({text})
    </Typography>
  );
  return (
    <Typography variant="body2" component="span">
      Unacknowledged pages go to{' '}
      {next && (
        <>
          <ActorLink actor={next} />
          {note('next on call')}
          {leadRef ? ', then ' : ''}
        </>
      )}
      {leadRef ? (
        <>
          <ActorLink actor={leadRef} />
          {note(leadRef === current?.userRef ? 'lead, on call now' : 'lead')}
        </>
      ) : (
        !next && 'nobody else: the group has no lead (firebreak.io/lead)'
      )}
    </Typography>
  );
}

/**
 * Entity card: who is on call now and next. On a Group page, for the group; on a Component,
 * System or Resource page, for its owner group (or its system's, or domain's).
 *
 * @public
 */
export function EntityOnCallCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(incidentsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const { value, loading, error } = useAsyncRetry(
    () => api.getOnCall(isGroup ? { groupRef: entityRef } : { entityRef }),
    [api, entityRef, isGroup],
  );

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content =
      errorStatus(error) === 404 ? (
        <Typography color="textSecondary">{errorMessage(error)}</Typography>
      ) : (
        <ResponseErrorPanel error={error} />
      );
  } else if (value) {
    content = (
      <dl className={classes.dl} aria-label="On-call">
        {!isGroup && (
          <>
            <dt className={classes.dt}>Owner</dt>
            <dd className={classes.dd}>
              <EntityLink entityRef={value.groupRef} defaultKind="group" />
            </dd>
          </>
        )}
        {!value.hasSchedule ? (
          <>
            <dt className={classes.dt}>On call now</dt>
            <dd className={classes.dd}>
              <Typography variant="body2" color="textSecondary">
                No on-call schedule covers this group: pages go to the whole
                group. Link one with the annotation{' '}
                <code>firebreak.io/oncall-schedule</code>.
              </Typography>
            </dd>
          </>
        ) : (
          <>
            <dt className={classes.dt}>On call now</dt>
            <dd className={classes.dd} data-testid="oncall-current">
              {value.current ? (
                <Shift shift={value.current} edge="until" />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  Nobody
                </Typography>
              )}
            </dd>
            <dt className={classes.dt}>Next</dt>
            <dd className={classes.dd} data-testid="oncall-next">
              {value.next ? (
                <Shift shift={value.next} edge="from" />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  Not scheduled
                </Typography>
              )}
            </dd>
          </>
        )}
        {value.hasSchedule && (
          <>
            <dt className={classes.dt}>Escalation</dt>
            <dd className={classes.dd} data-testid="oncall-escalation">
              <EscalationPath onCall={value} />
            </dd>
          </>
        )}
      </dl>
    );
  }

  return (
    <InfoCard
      title="On-call"
      subheader={value?.scheduleId ? `Schedule ${value.scheduleId}` : undefined}
      variant="gridItem"
    >
      {content}
    </InfoCard>
  );
}
