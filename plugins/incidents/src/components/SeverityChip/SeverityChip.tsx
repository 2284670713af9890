import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  DEFAULT_SEVERITY_LEVELS,
  Severity,
} from '@firebreak/plugin-incidents-common';

const useStyles = makeStyles((theme: Theme) => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    letterSpacing: 0.5,
  },
  SEV1: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  SEV2: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
  SEV3: {
    backgroundColor: '#f6c343',
    color: 'rgba(0, 0, 0, 0.87)',
  },
  SEV4: {
    backgroundColor: theme.palette.grey[600],
    color: theme.palette.common.white,
  },
}));

/** A severity badge, coloured by urgency, with the level's title as tooltip. @public */
export function SeverityChip(props: {
  severity: Severity;
  size?: 'small' | 'medium';
  /** Tooltip text; defaults to the spec's one-line title (e.g. "Critical"). */
  description?: string;
}) {
  const { severity, size = 'small', description } = props;
  const classes = useStyles();
  const title = description ?? DEFAULT_SEVERITY_LEVELS[severity]?.title ?? '';
  return (
    <Tooltip title={title}>
      <Chip
        label={severity}
        size={size}
        className={`${classes.chip} ${classes[severity] ?? ''}`}
        data-testid={`severity-${severity}`}
      />
    </Tooltip>
  );
}
