import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Severity, SeverityLevel } from '@firebreak/plugin-incidents-common';
import { formatMinutes } from '../../utils';

const useStyles = makeStyles(theme => ({
  card: {
    height: '100%',
    padding: theme.spacing(1, 2, 2),
    cursor: 'pointer',
    transition: theme.transitions.create(['border-color', 'box-shadow']),
    '&:hover': { borderColor: theme.palette.text.secondary },
  },
  selected: {
    borderColor: theme.palette.primary.main,
    boxShadow: `0 0 0 1px ${theme.palette.primary.main}`,
  },
  label: { fontWeight: theme.typography.fontWeightBold as number },
  details: { marginTop: 0, marginBottom: 0 },
  term: {
    marginTop: theme.spacing(1),
    fontWeight: theme.typography.fontWeightMedium as number,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    letterSpacing: 0.5,
    color: theme.palette.text.secondary,
  },
  definition: { marginLeft: 0, fontSize: theme.typography.body2.fontSize },
}));

/** Props of {@link SeverityGuide}. @public */
export interface SeverityGuideProps {
  /** The severity table to show (from the policy). */
  levels: SeverityLevel[];
  /** The selected severity, if any. */
  value?: Severity;
  /** Called when a severity is picked. */
  onChange(severity: Severity): void;
  /** A validation message to show, if any. */
  error?: string;
  /** Whether picking is disabled. */
  disabled?: boolean;
}

/**
 * The severity selector, doubling as the spec's severity guide: one radio card per level
 * with its definition, examples, response time and communication duties.
 *
 * @public
 */
export function SeverityGuide(props: SeverityGuideProps) {
  const { levels, value, onChange, error, disabled } = props;
  const classes = useStyles();
  return (
    <FormControl component="fieldset" error={!!error} fullWidth>
      <FormLabel component="legend" id="incident-severity-label">
        Severity
      </FormLabel>
      <RadioGroup
        aria-labelledby="incident-severity-label"
        name="severity"
        value={value ?? ''}
        onChange={event => onChange(event.target.value as Severity)}
      >
        <Grid container spacing={2}>
          {levels.map(level => {
            const descriptionId = `incident-severity-${level.id}-guide`;
            return (
              <Grid item xs={12} sm={6} key={level.id}>
                <Paper
                  variant="outlined"
                  className={`${classes.card} ${
                    value === level.id ? classes.selected : ''
                  }`}
                  onClick={() => !disabled && onChange(level.id)}
                  data-testid={`severity-card-${level.id}`}
                >
                  <FormControlLabel
                    value={level.id}
                    disabled={disabled}
                    control={
                      <Radio
                        color="primary"
                        inputProps={{ 'aria-describedby': descriptionId }}
                      />
                    }
                    label={
                      <span className={classes.label}>
                        {level.id} — {level.title}
                      </span>
                    }
                  />
                  <div id={descriptionId}>
                    <Typography variant="body2">{level.definition}</Typography>
                    <dl className={classes.details}>
                      <dt className={classes.term}>Response time</dt>
                      <dd className={classes.definition}>
                        {formatMinutes(level.responseTimeMinutes)}
                      </dd>
                      <dt className={classes.term}>Communication</dt>
                      <dd className={classes.definition}>
                        {level.communication.join(', ')}
                      </dd>
                      <dt className={classes.term}>Examples</dt>
                      <dd className={classes.definition}>
                        {level.examples.join(', ')}
                      </dd>
                      <dt className={classes.term}>SLA</dt>
                      <dd className={classes.definition}>
                        {`Acknowledge within ${formatMinutes(
                          level.sla.acknowledgeMinutes,
                        )}, mitigate within ${formatMinutes(
                          level.sla.mitigationMinutes,
                        )}, resolve within ${formatMinutes(
                          level.sla.resolutionMinutes,
                        )}`}
                      </dd>
                    </dl>
                  </div>
                </Paper>
              </Grid>
            );
          })}
        </Grid>
      </RadioGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
