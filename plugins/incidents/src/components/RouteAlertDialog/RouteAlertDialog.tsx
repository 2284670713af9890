import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Alert from '@material-ui/lab/Alert';
import {
  AlertActionResult,
  IncidentAlert,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage } from '../../utils';
import { EntityPicker } from '../EntityPicker';

/** Kinds an alert can be routed to. */
const ROUTABLE_KINDS = ['Component', 'Resource', 'System', 'API'];

/** Props of {@link RouteAlertDialog}. @public */
export interface RouteAlertDialogProps {
  /** The alert to route; the dialog is open while set. */
  alert?: IncidentAlert;
  onClose(): void;
  onRouted(result: AlertActionResult): void;
}

/**
 * Routes an unrouted alert to a catalog entity (optionally with the rest of its group). The
 * declaration rules then apply, so routing may declare an incident.
 *
 * @public
 */
export function RouteAlertDialog(props: RouteAlertDialogProps) {
  const { alert, onClose, onRouted } = props;
  const api = useApi(incidentsApiRef);
  const [entityRef, setEntityRef] = useState<string>();
  const [includeGroup, setIncludeGroup] = useState(true);
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const alertId = alert?.id;

  useEffect(() => {
    if (alertId) {
      setEntityRef(undefined);
      setIncludeGroup(true);
      setFieldError(undefined);
      setError(undefined);
      setSubmitting(false);
    }
  }, [alertId]);

  if (!alert) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!entityRef) {
      setFieldError('Choose the entity the alert is about');
      return;
    }
    setFieldError(undefined);
    setSubmitting(true);
    setError(undefined);
    try {
      onRouted(await api.routeAlert(alert.id, { entityRef, includeGroup }));
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="route-alert-title"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="route-alert-title">Route {alert.name}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText>
            The alert joins the entity's alerts; if a declaration rule matches,
            an incident is declared (or the alert joins the open one).
          </DialogContentText>
          {error && (
            <Alert severity="error" role="alert" style={{ marginBottom: 8 }}>
              {error}
            </Alert>
          )}
          <EntityPicker
            id="route-alert-entity"
            label="Entity"
            kinds={ROUTABLE_KINDS}
            value={entityRef}
            onChange={setEntityRef}
            required
            error={fieldError}
            helperText="Search the catalog, or type a ref such as component:default/checkout"
            disabled={submitting}
          />
          <FormControlLabel
            control={
              <Checkbox
                color="primary"
                checked={includeGroup}
                onChange={e => setIncludeGroup(e.target.checked)}
                disabled={submitting}
              />
            }
            label="Also route the other unrouted alerts of its group"
          />
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
            Route
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
