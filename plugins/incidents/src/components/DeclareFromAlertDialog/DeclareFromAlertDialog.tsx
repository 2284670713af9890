import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import Grid from '@material-ui/core/Grid';
import {
  AlertActionResult,
  DeclareFromAlertRequest,
  IncidentAlert,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { useIncidentPolicy } from '../../hooks';
import { errorMessage } from '../../utils';
import {
  ImpactFields,
  SeverityField,
  TitleField,
  titleProblem,
} from '../DeclarationFields';
import { EntityPicker } from '../EntityPicker';
import { FormDialog } from '../FormDialog';

const ENTITY_KINDS = ['Component', 'Resource', 'System', 'API'];

/** Props of {@link DeclareFromAlertDialog}. @public */
export interface DeclareFromAlertDialogProps {
  /** The alert to declare from; the dialog is open while set. */
  alert?: IncidentAlert;
  onClose(): void;
  onDeclared(result: AlertActionResult): void;
}

/**
 * Declares an incident by hand from an alert: severity (with the guide), title and summary
 * (the alert's by default), and, for an unrouted alert, the affected entity (the alert is
 * routed there too).
 *
 * @public
 */
export function DeclareFromAlertDialog(props: DeclareFromAlertDialogProps) {
  const { alert, onClose, onDeclared } = props;
  const api = useApi(incidentsApiRef);
  const policy = useIncidentPolicy();
  const [severity, setSeverity] = useState<Severity>();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [customerImpact, setCustomerImpact] = useState('');
  const [entityRef, setEntityRef] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<{
    severity?: string;
    title?: string;
    entity?: string;
  }>({});
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const alertId = alert?.id;

  useEffect(() => {
    if (alert) {
      setSeverity(alert.severity);
      setTitle((alert.summary || alert.name).slice(0, 200));
      setSummary(alert.annotations?.description ?? '');
      setCustomerImpact('');
      setEntityRef(alert.entityRef);
      setFieldErrors({});
      setError(undefined);
      setSubmitting(false);
    }
    // Reset only when another alert is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [alertId]);

  if (!alert) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: typeof fieldErrors = {};
    if (!severity) errors.severity = 'Choose a severity';
    const titleError = titleProblem(title);
    if (titleError) errors.title = titleError;
    if (!alert.entityRef && !entityRef) {
      errors.entity = 'Choose the affected entity';
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !severity) return;
    const request: DeclareFromAlertRequest = {
      severity,
      title: title.trim(),
    };
    if (summary.trim()) request.summary = summary.trim();
    if (customerImpact.trim()) request.customerImpact = customerImpact.trim();
    if (entityRef && entityRef !== alert.entityRef) {
      request.entityRef = entityRef;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      onDeclared(await api.declareFromAlert(alert.id, request));
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open
      titleId="declare-from-alert-title"
      title={`Declare incident from ${alert.name}`}
      maxWidth="md"
      intro={
        <DialogContentText>
          If the alert already belongs to an open incident, you are taken there
          instead.
        </DialogContentText>
      }
      error={error}
      submitLabel="Declare"
      submitting={submitting}
      onSubmit={submit}
      onClose={onClose}
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TitleField
            idPrefix="declare-from-alert"
            value={title}
            onChange={setTitle}
            error={fieldErrors.title}
            disabled={submitting}
          />
        </Grid>
        {!alert.entityRef && (
          <Grid item xs={12}>
            <EntityPicker
              id="declare-from-alert-entity"
              label="Affected entity"
              kinds={ENTITY_KINDS}
              value={entityRef}
              onChange={setEntityRef}
              required
              error={fieldErrors.entity}
              helperText="The alert is unrouted: it is routed to this entity too"
              disabled={submitting}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <SeverityField
            policy={policy}
            value={severity}
            onChange={setSeverity}
            error={fieldErrors.severity}
            disabled={submitting}
          />
        </Grid>
        <ImpactFields
          idPrefix="declare-from-alert"
          summary={summary}
          onSummaryChange={setSummary}
          customerImpact={customerImpact}
          onCustomerImpactChange={setCustomerImpact}
          disabled={submitting}
        />
      </Grid>
    </FormDialog>
  );
}
