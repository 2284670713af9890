import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  AddTimelineEntryRequest,
  TimelineEntry,
  incidentUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { fieldErrorsOf } from '../../utils';
import { PermissionTooltip } from '../PermissionTooltip';

type EntryKind = 'note' | 'status' | 'evidence';

const PLACEHOLDERS: Record<EntryKind, string> = {
  note: 'What you found, did or decided',
  status: 'Where things stand, for the status log',
  evidence: 'What this evidence shows',
};

/** The backend's 400s for a timeline entry, as sentences next to the fields. */
const ENTRY_SENTENCES = {
  url: (): ['url', string] => [
    'url',
    'Enter a link that starts with http:// or https://, e.g. https://grafana.example.com/d/abc',
  ],
  body: (): ['body', string] => [
    'body',
    'Write what happened (at most 10,000 characters)',
  ],
};

/** Props of {@link TimelineEntryForm}. @public */
export interface TimelineEntryFormProps {
  incidentId: string;
  /** Whether the user may write (`incident.update`). */
  canUpdate: boolean;
  onAdded(entry: TimelineEntry): void;
}

/**
 * Adds a note, a status update (optionally reporting impact mitigated) or evidence
 * (a URL, optionally verifying the fix) to an incident's timeline.
 *
 * @public
 */
export function TimelineEntryForm(props: TimelineEntryFormProps) {
  const { incidentId, canUpdate, onAdded } = props;
  const api = useApi(incidentsApiRef);
  const [kind, setKind] = useState<EntryKind>('note');
  const [body, setBody] = useState('');
  const [mitigated, setMitigated] = useState(false);
  const [url, setUrl] = useState('');
  const [verifiesFix, setVerifiesFix] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<{ body?: string; url?: string }>(
    {},
  );

  const disabled = !canUpdate || submitting;
  const complete = body.trim() && (kind !== 'evidence' || url.trim());

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || disabled) {
      return;
    }
    let request: AddTimelineEntryRequest;
    if (kind === 'status') {
      request = { kind, body: body.trim(), mitigated };
    } else if (kind === 'evidence') {
      request = { kind, body: body.trim(), url: url.trim(), verifiesFix };
    } else {
      request = { kind, body: body.trim() };
    }
    setSubmitting(true);
    setError(undefined);
    setFieldError({});
    try {
      const entry = await api.addTimelineEntry(incidentId, request);
      setBody('');
      setUrl('');
      setMitigated(false);
      setVerifiesFix(false);
      onAdded(entry);
    } catch (e) {
      const { fields, other } = fieldErrorsOf<'body' | 'url'>(
        e,
        ENTRY_SENTENCES,
      );
      setFieldError(fields);
      setError(other);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <FormControl component="fieldset" disabled={disabled}>
        <FormLabel component="legend" id="timeline-entry-kind-label">
          Entry type
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby="timeline-entry-kind-label"
          value={kind}
          onChange={e => setKind(e.target.value as EntryKind)}
        >
          <FormControlLabel value="note" control={<Radio />} label="Note" />
          <FormControlLabel
            value="status"
            control={<Radio />}
            label="Status update"
          />
          <FormControlLabel
            value="evidence"
            control={<Radio />}
            label="Evidence"
          />
        </RadioGroup>
      </FormControl>
      <TextField
        id="timeline-entry-body"
        label="Add to timeline"
        value={body}
        onChange={e => {
          setBody(e.target.value);
          setFieldError(({ body: _fixed, ...rest }) => rest);
        }}
        error={!!fieldError.body}
        helperText={fieldError.body}
        placeholder={PLACEHOLDERS[kind]}
        variant="outlined"
        margin="dense"
        multiline
        minRows={2}
        fullWidth
        disabled={disabled}
      />
      {kind === 'evidence' && (
        <TextField
          id="timeline-entry-url"
          label="URL"
          type="url"
          value={url}
          onChange={e => {
            setUrl(e.target.value);
            setFieldError(({ url: _fixed, ...rest }) => rest);
          }}
          error={!!fieldError.url}
          helperText={fieldError.url}
          placeholder="https://"
          variant="outlined"
          margin="dense"
          fullWidth
          disabled={disabled}
        />
      )}
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
      >
        <div>
          {kind === 'status' && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={mitigated}
                  onChange={e => setMitigated(e.target.checked)}
                />
              }
              label="Impact mitigated"
              disabled={disabled}
            />
          )}
          {kind === 'evidence' && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={verifiesFix}
                  onChange={e => setVerifiesFix(e.target.checked)}
                />
              }
              label="Verifies the fix"
              disabled={disabled}
            />
          )}
        </div>
        <PermissionTooltip
          permission={incidentUpdatePermission}
          allowed={canUpdate}
        >
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={disabled || !complete}
          >
            Add
          </Button>
        </PermissionTooltip>
      </Box>
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </form>
  );
}
