import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useNow } from '../../hooks';
import { formatDuration, formatTimestamp } from '../../utils';

const useStyles = makeStyles(theme => ({
  overdue: { color: theme.palette.error.main, fontWeight: 500 },
  soon: { color: theme.palette.warning.dark },
  cell: { whiteSpace: 'nowrap' },
}));

/**
 * Time left on the incident's next SLA clock, or how long it is overdue, kept live; a dash
 * once every clock has stopped.
 *
 * @public
 */
export function SlaDue(props: { dueAt?: string }) {
  const classes = useStyles();
  const now = useNow(15_000);
  if (!props.dueAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  const left = Date.parse(props.dueAt) - now;
  let tone = '';
  if (left < 0) tone = classes.overdue;
  else if (left < 15 * 60_000) tone = classes.soon;
  return (
    <Typography
      variant="body2"
      component="span"
      title={`Next SLA clock runs out ${formatTimestamp(props.dueAt)}`}
      className={`${classes.cell} ${tone}`}
    >
      {left < 0
        ? `overdue ${formatDuration(-left)}`
        : `${formatDuration(left)} left`}
    </Typography>
  );
}
