import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useEffect, useState } from 'react';
import {
  DeclareIncidentRequest,
  Incident,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { incidentsApiRef } from '../../api';
import { useIncidentPolicy } from '../../hooks';
import { errorMessage } from '../../utils';
import { AffectedEntitiesPicker } from '../AffectedEntitiesPicker';
import { SeverityGuide } from '../SeverityGuide';

/** Props of {@link DeclareIncidentDialog}. @public */
export interface DeclareIncidentDialogProps {
  open: boolean;
  onClose(): void;
  /** Called with the new incident once the backend has accepted it. */
  onDeclared(incident: Incident): void;
  /** Affected entities selected when the dialog opens (usually the current entity). */
  initialEntityRefs?: string[];
}

interface FieldErrors {
  title?: string;
  severity?: string;
  entities?: string;
}

/**
 * Declares an incident: title, severity (with the severity guide), affected entities,
 * summary, customer impact and regions.
 *
 * @public
 */
export function DeclareIncidentDialog(props: DeclareIncidentDialogProps) {
  const { open, onClose, onDeclared, initialEntityRefs } = props;
  const api = useApi(incidentsApiRef);
  const policy = useIncidentPolicy();

  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [customerImpact, setCustomerImpact] = useState('');
  const [severity, setSeverity] = useState<Severity>();
  const [entityRefs, setEntityRefs] = useState<string[]>([]);
  const [regions, setRegions] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const initialKey = JSON.stringify(initialEntityRefs ?? []);
  useEffect(() => {
    if (open) {
      setTitle('');
      setSummary('');
      setCustomerImpact('');
      setSeverity(undefined);
      setEntityRefs(
        (JSON.parse(initialKey) as string[]).map(r =>
          r.toLocaleLowerCase('en-US'),
        ),
      );
      setRegions('');
      setFieldErrors({});
      setServerError(undefined);
      setSubmitting(false);
    }
  }, [open, initialKey]);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!title.trim()) errors.title = 'Give the incident a title';
    if (!severity) errors.severity = 'Choose a severity';
    if (entityRefs.length === 0) {
      errors.entities = 'Name at least one affected entity';
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !severity) {
      return;
    }

    const request: DeclareIncidentRequest = {
      title: title.trim(),
      severity,
      affectedEntityRefs: entityRefs,
    };
    if (summary.trim()) request.summary = summary.trim();
    if (customerImpact.trim()) request.customerImpact = customerImpact.trim();
    const regionList = regions
      .split(',')
      .map(r => r.trim())
      .filter(Boolean);
    if (regionList.length) request.regions = regionList;

    setSubmitting(true);
    setServerError(undefined);
    try {
      const incident = await api.declareIncident(request);
      onDeclared(incident);
    } catch (error) {
      setServerError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="declare-incident-title"
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id="declare-incident-title">Declare incident</DialogTitle>
        <DialogContent dividers>
          <DialogContentText>
            Choose the severity with the guide below: it sets the response time,
            the communication duties and the SLA clocks.
          </DialogContentText>
          {serverError && (
            <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
              {serverError}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid item xs={12}>
              <TextField
                id="declare-incident-title-field"
                label="Title"
                value={title}
                onChange={e => setTitle(e.target.value)}
                error={!!fieldErrors.title}
                helperText={
                  fieldErrors.title ?? 'What is broken, in a few words'
                }
                inputProps={{ maxLength: 200, 'aria-required': true }}
                variant="outlined"
                margin="dense"
                fullWidth
                disabled={submitting}
              />
            </Grid>
            <Grid item xs={12}>
              {policy.error && (
                <Alert severity="warning" style={{ marginBottom: 8 }}>
                  Could not load the severity policy; showing the defaults.
                </Alert>
              )}
              <SeverityGuide
                levels={policy.severities}
                value={severity}
                onChange={setSeverity}
                error={fieldErrors.severity}
                disabled={submitting}
              />
            </Grid>
            <Grid item xs={12}>
              <AffectedEntitiesPicker
                value={entityRefs}
                onChange={setEntityRefs}
                error={fieldErrors.entities}
                disabled={submitting}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <TextField
                id="declare-incident-summary"
                label="Summary"
                value={summary}
                onChange={e => setSummary(e.target.value)}
                helperText="What is happening, and what is known so far"
                variant="outlined"
                margin="dense"
                multiline
                minRows={3}
                fullWidth
                disabled={submitting}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <TextField
                id="declare-incident-customer-impact"
                label="Customer impact"
                value={customerImpact}
                onChange={e => setCustomerImpact(e.target.value)}
                helperText="Who is affected, and how many"
                variant="outlined"
                margin="dense"
                multiline
                minRows={3}
                fullWidth
                disabled={submitting}
              />
            </Grid>
            <Grid item xs={12}>
              <TextField
                id="declare-incident-regions"
                label="Regions"
                value={regions}
                onChange={e => setRegions(e.target.value)}
                helperText="Comma-separated, e.g. eu-west-1, us-east-1"
                variant="outlined"
                margin="dense"
                fullWidth
                disabled={submitting}
              />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
            startIcon={
              submitting ? (
                <CircularProgress size={16} color="inherit" />
              ) : undefined
            }
          >
            Declare
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
