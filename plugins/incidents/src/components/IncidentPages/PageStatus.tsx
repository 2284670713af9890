import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OnCallPage } from '@firebreak/plugin-incidents-common';
import { useNow } from '../../hooks';
import { formatRelative, withLocalTimestamps } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  acknowledged: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  escalated: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
  open: {},
  detail: { display: 'block', marginTop: 2 },
}));

/** The page's state: acknowledged (by whom, when), escalated (to whom), or open (due when). */
export function PageStatus(props: { page: OnCallPage }) {
  const { page } = props;
  const classes = useStyles();
  const now = useNow(15_000);
  if (page.acknowledgedAt) {
    return (
      <>
        <Chip
          size="small"
          label="Acknowledged"
          className={classes.acknowledged}
        />
        <Typography variant="caption" className={classes.detail}>
          {page.acknowledgedBy && (
            <>
              by <ActorLink actor={page.acknowledgedBy} />{' '}
            </>
          )}
          <RelativeTime value={page.acknowledgedAt} />
        </Typography>
      </>
    );
  }
  if (page.status === 'escalated') {
    return (
      <>
        <Chip size="small" label="Escalated" className={classes.escalated} />
        <Typography variant="caption" className={classes.detail}>
          {page.escalatedTo ? (
            <>
              to <ActorLink actor={page.escalatedTo} />
            </>
          ) : (
            withLocalTimestamps(
              page.escalationNote ?? 'Not acknowledged in time',
            )
          )}
        </Typography>
      </>
    );
  }
  const overdue = Date.parse(page.ackDueAt) <= now;
  return (
    <>
      <Chip size="small" label="Open" variant="outlined" />
      <Typography
        variant="caption"
        color={overdue ? 'error' : 'textSecondary'}
        className={classes.detail}
      >
        {overdue
          ? `Acknowledgement overdue (due ${formatRelative(
              page.ackDueAt,
              now,
            )})`
          : `Acknowledge ${formatRelative(page.ackDueAt, now)}`}
      </Typography>
    </>
  );
}
