import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Incident,
  PHASE_INFO,
  Phase,
  Transition,
  TransitionResult,
  allowedTransitions,
  incidentUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage, errorStatus, workflowTrack } from '../../utils';
import { PermissionTooltip } from '../PermissionTooltip';

const useStyles = makeStyles(theme => ({
  stepper: {
    padding: theme.spacing(2, 0),
    overflowX: 'auto',
    backgroundColor: 'transparent',
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  section: { marginTop: theme.spacing(2) },
}));

/** Props of {@link IncidentWorkflow}. @public */
export interface IncidentWorkflowProps {
  incident: Incident;
  /** Phases the incident went through, from its timeline. */
  visited?: Phase[];
  /** Whether the user may move the incident (`incident.update`). */
  canUpdate: boolean;
  onTransitioned(result: TransitionResult): void;
  /** The incident changed under us (409): reload it. */
  onStale(): void;
}

/**
 * The spec's workflow graph as a stepper: the path so far, the current phase, and only the
 * next steps the graph allows for this phase and severity, as buttons.
 *
 * @public
 */
export function IncidentWorkflow(props: IncidentWorkflowProps) {
  const { incident, visited, canUpdate, onTransitioned, onStale } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const track = workflowTrack(incident.phase, incident.severity, visited);
  const closed = incident.phase === 'closed';
  const activeStep = closed ? track.length : track.indexOf(incident.phase);
  const next = allowedTransitions(incident.phase, incident.severity);
  const current = PHASE_INFO[incident.phase];

  const take = async (transition: Transition) => {
    setBusy(transition.id);
    setError(undefined);
    try {
      const result = await api.transitionIncident(incident.ref, {
        transition: transition.id,
        version: incident.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      onTransitioned(result);
    } catch (e) {
      setError(errorMessage(e));
      if (errorStatus(e) === 409) {
        onStale();
      }
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div>
      <Stepper
        activeStep={activeStep}
        alternativeLabel
        className={classes.stepper}
        role="group"
        aria-label="Workflow progress"
      >
        {track.map((phase, index) => (
          <Step
            key={phase}
            completed={index < activeStep}
            aria-current={index === activeStep ? 'step' : undefined}
          >
            <StepLabel
              optional={
                index === activeStep ? (
                  <Typography variant="caption" color="primary">
                    Current
                  </Typography>
                ) : undefined
              }
            >
              {PHASE_INFO[phase].title}
            </StepLabel>
          </Step>
        ))}
      </Stepper>

      <Typography variant="subtitle1" component="h3">
        {closed ? 'Closed' : `Current phase: ${current.title}`}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {current.description}
        {current.specPhase ? ` (${current.specPhase})` : ''}
      </Typography>

      {error && (
        <Alert severity="error" className={classes.section}>
          {error}
        </Alert>
      )}

      {!closed && (
        <div className={classes.section}>
          <Typography variant="subtitle2" component="h3">
            Next steps
          </Typography>
          {next.length > 0 && (
            <TextField
              id="incident-transition-note"
              label="Note for the next step (optional)"
              value={note}
              onChange={e => setNote(e.target.value)}
              variant="outlined"
              margin="dense"
              size="small"
              fullWidth
              disabled={!canUpdate || !!busy}
            />
          )}
          <div className={classes.actions}>
            {next.map((transition, index) => (
              <PermissionTooltip
                key={`${transition.id}-${transition.from}`}
                permission={incidentUpdatePermission}
                allowed={canUpdate}
              >
                <Button
                  variant={index === 0 ? 'contained' : 'outlined'}
                  color="primary"
                  disabled={!canUpdate || !!busy}
                  onClick={() => take(transition)}
                  startIcon={
                    busy === transition.id ? (
                      <CircularProgress size={16} color="inherit" />
                    ) : undefined
                  }
                >
                  {transition.title}
                </Button>
              </PermissionTooltip>
            ))}
          </div>
          {!canUpdate && (
            <Box mt={1}>
              <Typography variant="caption" color="textSecondary">
                You can follow this incident, but not move it: that needs the
                incident.update permission.
              </Typography>
            </Box>
          )}
        </div>
      )}
    </div>
  );
}
