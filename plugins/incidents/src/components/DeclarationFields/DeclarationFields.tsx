import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Severity } from '@firebreak/plugin-incidents-common';
import { IncidentPolicyState } from '../../hooks';
import { SeverityGuide } from '../SeverityGuide';

/**
 * The fields an incident is declared with, shared by the declare dialogs. Each dialog names
 * its fields' ids after itself (`idPrefix`), so that two dialogs never share an id.
 */

/** The incident's title: required, at most 200 characters. */
export function TitleField(props: {
  idPrefix: string;
  value: string;
  onChange(title: string): void;
  error?: string;
  /** Shown under the field when there is no error. */
  hint?: string;
  disabled: boolean;
}) {
  const { idPrefix, value, onChange, error, hint, disabled } = props;
  return (
    <TextField
      id={`${idPrefix}-title-field`}
      label="Title"
      value={value}
      onChange={e => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? hint}
      inputProps={{ maxLength: 200, 'aria-required': true }}
      variant="outlined"
      margin="dense"
      fullWidth
      disabled={disabled}
    />
  );
}

/** The severity, chosen with the guide of the served policy. */
export function SeverityField(props: {
  policy: IncidentPolicyState;
  value?: Severity;
  onChange(severity: Severity): void;
  error?: string;
  disabled: boolean;
  /** Says so when the policy could not be loaded (the guide shows the defaults). */
  warnOnPolicyError?: boolean;
}) {
  const { policy, value, onChange, error, disabled, warnOnPolicyError } = props;
  return (
    <>
      {warnOnPolicyError && policy.error && (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          Could not load the severity policy; showing the defaults.
        </Alert>
      )}
      <SeverityGuide
        levels={policy.severities}
        value={value}
        onChange={onChange}
        error={error}
        disabled={disabled}
      />
    </>
  );
}

function DescriptionField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  disabled: boolean;
}) {
  const { id, label, value, onChange, hint, disabled } = props;
  return (
    <Grid item xs={12} md={6}>
      <TextField
        id={id}
        label={label}
        value={value}
        onChange={e => onChange(e.target.value)}
        helperText={hint}
        variant="outlined"
        margin="dense"
        multiline
        minRows={3}
        fullWidth
        disabled={disabled}
      />
    </Grid>
  );
}

/** Summary and customer impact, side by side on wide screens (two grid items). */
export function ImpactFields(props: {
  idPrefix: string;
  summary: string;
  onSummaryChange(summary: string): void;
  customerImpact: string;
  onCustomerImpactChange(customerImpact: string): void;
  /** Shown under the fields. */
  hints?: { summary: string; customerImpact: string };
  disabled: boolean;
}) {
  const { idPrefix, hints, disabled } = props;
  return (
    <>
      <DescriptionField
        id={`${idPrefix}-summary`}
        label="Summary"
        value={props.summary}
        onChange={props.onSummaryChange}
        hint={hints?.summary}
        disabled={disabled}
      />
      <DescriptionField
        id={`${idPrefix}-customer-impact`}
        label="Customer impact"
        value={props.customerImpact}
        onChange={props.onCustomerImpactChange}
        hint={hints?.customerImpact}
        disabled={disabled}
      />
    </>
  );
}
