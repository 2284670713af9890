import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Severity } from '@firebreak/plugin-incidents-common';
import { Ref } from 'react';
import { IncidentPolicyState } from '../../hooks';
import { SeverityGuide } from '../SeverityGuide';

/**
 * The fields an incident is declared with, shared by the declare dialogs. Each dialog names
 * its fields' ids after itself (`idPrefix`), so that two dialogs never share an id.
 */

/** The longest title the backend accepts. */
export const TITLE_MAX_LENGTH = 200;

/** Why `title` cannot be declared, in a sentence, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
  const length = title.trim().length;
  if (length === 0) return 'Give the incident a title';
  if (length > TITLE_MAX_LENGTH) {
    return `Shorten the title to ${TITLE_MAX_LENGTH} characters (it has ${length})`;
  }
  return undefined;
}

/**
 * The incident's title: required, at most 200 characters, with a counter. Pasted text is
 * kept whole, so that a long title is shortened by its author rather than cut silently.
 */
export function TitleField(props: {
  idPrefix: string;
  value: string;
  onChange(title: string): void;
  error?: string;
  /** Shown under the field when there is no error. */
  hint?: string;
  disabled: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { idPrefix, value, onChange, error, hint, disabled, inputRef } = props;
  const length = value.trim().length;
  return (
    <TextField
      id={`${idPrefix}-title-field`}
      label="Title"
      value={value}
      onChange={e => onChange(e.target.value)}
      error={!!error || length > TITLE_MAX_LENGTH}
      helperText={
        <span style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>{error ?? hint}</span>
          <span aria-label={`${length} of ${TITLE_MAX_LENGTH} characters`}>
            {length}/{TITLE_MAX_LENGTH}
          </span>
        </span>
      }
      inputRef={inputRef}
      inputProps={{ 'aria-required': true }}
      FormHelperTextProps={{ component: 'div' } as object}
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
