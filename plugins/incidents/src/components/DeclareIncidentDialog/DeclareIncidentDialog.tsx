import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useEffect, useRef, useState } from 'react';
import {
  DeclareIncidentRequest,
  Incident,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { incidentsApiRef } from '../../api';
import { useIncidentPolicy } from '../../hooks';
import { fieldErrorsOf } from '../../utils';
import { AffectedEntitiesPicker } from '../AffectedEntitiesPicker';
import {
  ImpactFields,
  SeverityField,
  TitleField,
  titleProblem,
} from '../DeclarationFields';
import { FormDialog } from '../FormDialog';
import { RestrictedField } from '../RestrictedField';

/** Props of {@link DeclareIncidentDialog}. @public */
export interface DeclareIncidentDialogProps {
  /** Whether the dialog is shown. */
  open: boolean;
  /** Called when the dialog is dismissed without declaring. */
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

/** The backend's 400s for declaring, as sentences next to the fields. */
const DECLARE_SENTENCES = {
  title: (): [keyof FieldErrors, string] => [
    'title',
    'Give the incident a title of at most 200 characters',
  ],
  severity: (): [keyof FieldErrors, string] => [
    'severity',
    'Choose one of the severities below',
  ],
  affectedEntityRefs: ({
    detail,
  }: {
    detail: string;
  }): [keyof FieldErrors, string] => {
    const missing = /entity (\S+) not found/.exec(detail)?.[1];
    return [
      'entities',
      missing
        ? `${missing} is not in the catalog: remove it or choose another entity.`
        : 'Choose the affected entities from the catalog.',
    ];
  },
};

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
  const [restricted, setRestricted] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);

  const initialKey = JSON.stringify(initialEntityRefs ?? []);
  useEffect(() => {
    if (open) {
      setTitle('');
      setRestricted(false);
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
    const titleError = titleProblem(title);
    if (titleError) errors.title = titleError;
    if (!severity) errors.severity = 'Choose a severity';
    if (entityRefs.length === 0) {
      errors.entities = 'Name at least one affected entity';
    }
    setFieldErrors(errors);
    if (errors.title) {
      // The title is at the top of a long dialog: bring its error into view.
      titleInput.current?.focus();
      titleInput.current?.scrollIntoView?.({ block: 'center' });
    }
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
    if (restricted) request.restricted = true;

    setSubmitting(true);
    setServerError(undefined);
    try {
      const incident = await api.declareIncident(request);
      onDeclared(incident);
    } catch (error) {
      const { fields, other } = fieldErrorsOf<keyof FieldErrors>(
        error,
        DECLARE_SENTENCES,
      );
      setFieldErrors(fields);
      setServerError(other);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open={open}
      titleId="declare-incident-title"
      title="Declare incident"
      maxWidth="md"
      intro={
        <DialogContentText>
          Choose the severity with the guide below: it sets the response time,
          the communication duties and the SLA clocks.
        </DialogContentText>
      }
      error={serverError}
      submitLabel="Declare"
      submitting={submitting}
      onSubmit={handleSubmit}
      onClose={onClose}
    >
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TitleField
            idPrefix="declare-incident"
            value={title}
            onChange={value => {
              setTitle(value);
              // A fixed title drops its error as soon as it is fixed.
              if (fieldErrors.title && !titleProblem(value)) {
                setFieldErrors(({ title: _fixed, ...rest }) => rest);
              }
            }}
            error={fieldErrors.title}
            inputRef={titleInput}
            hint="What is broken, in a few words"
            disabled={submitting}
          />
        </Grid>
        <Grid item xs={12}>
          <SeverityField
            policy={policy}
            value={severity}
            onChange={value => {
              setSeverity(value);
              setFieldErrors(({ severity: _fixed, ...rest }) => rest);
            }}
            error={fieldErrors.severity}
            disabled={submitting}
            warnOnPolicyError
          />
        </Grid>
        <Grid item xs={12}>
          <AffectedEntitiesPicker
            value={entityRefs}
            onChange={refs => {
              setEntityRefs(refs);
              setFieldErrors(({ entities: _fixed, ...rest }) => rest);
            }}
            error={fieldErrors.entities}
            disabled={submitting}
          />
        </Grid>
        <ImpactFields
          idPrefix="declare-incident"
          summary={summary}
          onSummaryChange={setSummary}
          customerImpact={customerImpact}
          onCustomerImpactChange={setCustomerImpact}
          hints={{
            summary: 'What is happening, and what is known so far',
            customerImpact: 'Who is affected, and how many',
          }}
          disabled={submitting}
        />
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
        <Grid item xs={12}>
          <RestrictedField
            value={restricted}
            onChange={setRestricted}
            disabled={submitting}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
