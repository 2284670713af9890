import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Incident, SeverityLevel } from '@firebreak/plugin-incidents-common';
import { useNow } from '../../hooks';
import {
  SlaClockStatus,
  formatMinutes,
  formatTimestamp,
  slaStatus,
} from '../../utils';

const useStyles = makeStyles(theme => ({
  met: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  breached: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  remaining: {},
  unrecorded: {},
  cell: { verticalAlign: 'top' },
  milestone: { whiteSpace: 'nowrap' },
  acknowledge: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

const STATE_LABEL: Record<SlaClockStatus['state'], string> = {
  met: 'Met',
  breached: 'Breached',
  remaining: 'Running',
  unrecorded: 'Not recorded',
};

const MILESTONE_LABEL: Record<SlaClockStatus['clock'], string> = {
  acknowledge: 'Acknowledged',
  mitigation: 'Mitigated',
  resolution: 'Resolved',
};

/** Props of {@link IncidentSla}. @public */
export interface IncidentSlaProps {
  incident: Incident;
  level: SeverityLevel;
  /** Offered while the incident is unacknowledged and the user may update it. */
  onAcknowledge?: () => void;
  acknowledging?: boolean;
}

/**
 * Milestone times (acknowledged, mitigated, resolved, closed) against the SLA targets of
 * the incident's severity: met, breached, or time remaining, kept live.
 *
 * @public
 */
export function IncidentSla(props: IncidentSlaProps) {
  const { incident, level, onAcknowledge, acknowledging } = props;
  const classes = useStyles();
  const now = useNow(15_000);
  const clocks = slaStatus(incident, level, now);

  return (
    <>
      {!incident.acknowledgedAt && onAcknowledge && (
        <div className={classes.acknowledge}>
          <Button
            size="small"
            variant="outlined"
            color="primary"
            onClick={onAcknowledge}
            disabled={acknowledging}
          >
            Acknowledge
          </Button>
          <Typography variant="caption" color="textSecondary">
            Stops the time-to-acknowledge clock
          </Typography>
        </div>
      )}
      <Table size="small" aria-label="Response time SLAs">
        <TableHead>
          <TableRow>
            <TableCell>Milestone</TableCell>
            <TableCell>SLA</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {clocks.map(clock => (
            <TableRow key={clock.clock} data-testid={`sla-${clock.clock}`}>
              <TableCell className={classes.cell}>
                <Typography variant="body2" className={classes.milestone}>
                  {MILESTONE_LABEL[clock.clock]}
                </Typography>
                <Typography variant="caption" color="textSecondary">
                  {clock.reachedAt
                    ? formatTimestamp(new Date(clock.reachedAt).toISOString())
                    : 'Not yet'}
                </Typography>
              </TableCell>
              <TableCell className={classes.cell}>
                <Chip
                  size="small"
                  label={STATE_LABEL[clock.state]}
                  className={classes[clock.state]}
                />
                <Typography variant="caption" display="block">
                  {clock.label}: {clock.detail}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
          <TableRow data-testid="sla-closed">
            <TableCell className={classes.cell}>
              <Typography variant="body2">Closed</Typography>
              <Typography variant="caption" color="textSecondary">
                {incident.closedAt
                  ? formatTimestamp(incident.closedAt)
                  : 'Not yet'}
              </Typography>
            </TableCell>
            <TableCell className={classes.cell}>
              <Typography variant="caption" color="textSecondary">
                {level.postmortem.required
                  ? `Postmortem required${
                      level.postmortem.dueWithinMinutes
                        ? ` within ${formatMinutes(
                            level.postmortem.dueWithinMinutes,
                          )}`
                        : ''
                    }`
                  : 'Postmortem optional'}
              </Typography>
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </>
  );
}
