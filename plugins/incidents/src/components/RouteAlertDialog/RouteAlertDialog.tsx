import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import {
  AlertActionResult,
  IncidentAlert,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage } from '../../utils';
import { EntityPicker } from '../EntityPicker';
import { FormDialog } from '../FormDialog';

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
    <FormDialog
      open
      titleId="route-alert-title"
      title={`Route ${alert.name}`}
      maxWidth="sm"
      intro={
        <DialogContentText>
          The alert joins the entity's alerts; if a declaration rule matches, an
          incident is declared (or the alert joins the open one).
        </DialogContentText>
      }
      error={error}
      submitLabel="Route"
      submitting={submitting}
      onSubmit={submit}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}
