import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  COMMS_AUDIENCES,
  COMMS_AUDIENCE_INFO,
  CommsAudience,
  CommsUpdate,
  incidentCommsPublishPermission,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage } from '../../utils';
import { PermissionTooltip } from '../PermissionTooltip';

/** Props of {@link CommsUpdateForm}. @public */
export interface CommsUpdateFormProps {
  incidentId: string;
  /** Whether the user may publish (`incident.comms.publish`). */
  canPublish: boolean;
  onPosted(update: CommsUpdate): void;
}

/**
 * Posts a stakeholder update to one audience. For an executive summary it offers a draft
 * made from the incident, to edit before sending.
 *
 * @public
 */
export function CommsUpdateForm(props: CommsUpdateFormProps) {
  const { incidentId, canPublish, onPosted } = props;
  const api = useApi(incidentsApiRef);
  const [audience, setAudience] = useState<CommsAudience>('internal');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const disabled = !canPublish || busy;
  const info = COMMS_AUDIENCE_INFO[audience];

  const draft = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const summary = await api.getExecutiveSummaryDraft(incidentId);
      setTitle(summary.title);
      setBody(summary.body);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (disabled || !body.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const update = await api.postCommsUpdate(incidentId, {
        audience,
        body: body.trim(),
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      setTitle('');
      setBody('');
      onPosted(update);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Post an update">
      <Box display="flex" flexWrap="wrap" gridGap={8} alignItems="center">
        <TextField
          select
          id={`comms-audience-${incidentId}`}
          label="Audience"
          value={audience}
          onChange={e => setAudience(e.target.value as CommsAudience)}
          disabled={disabled}
          size="small"
          variant="outlined"
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          style={{ minWidth: 220 }}
        >
          {COMMS_AUDIENCES.map(id => (
            <option key={id} value={id}>
              {COMMS_AUDIENCE_INFO[id].title}
            </option>
          ))}
        </TextField>
        {audience === 'executive' && (
          <Button size="small" onClick={draft} disabled={disabled}>
            Draft from the incident
          </Button>
        )}
      </Box>
      <Box mt={1} mb={1} color="text.secondary" fontSize="0.8rem">
        {info.description}
        {info.external ? ' — leaves the company: write for customers.' : ''}
      </Box>
      {audience !== 'internal' && (
        <TextField
          id={`comms-title-${incidentId}`}
          label={audience === 'status-page' ? 'Public headline' : 'Subject'}
          value={title}
          onChange={e => setTitle(e.target.value)}
          disabled={disabled}
          fullWidth
          size="small"
          margin="dense"
          inputProps={{ maxLength: 200 }}
        />
      )}
      <TextField
        id={`comms-body-${incidentId}`}
        label="Update"
        value={body}
        onChange={e => setBody(e.target.value)}
        disabled={disabled}
        fullWidth
        multiline
        minRows={3}
        margin="dense"
        inputProps={{ maxLength: 10000 }}
      />
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Box mt={1}>
        <PermissionTooltip
          permission={incidentCommsPublishPermission}
          allowed={canPublish}
        >
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={disabled || !body.trim()}
          >
            Post {info.title.toLocaleLowerCase('en-US')}
          </Button>
        </PermissionTooltip>
      </Box>
    </form>
  );
}
