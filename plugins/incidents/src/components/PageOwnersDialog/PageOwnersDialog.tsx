import { useApi } from '@backstage/core-plugin-api';
import { EntityLink } from '../EntityLink';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
import {
  Incident,
  OnCallPage,
  OnCallResponse,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { errorMessage, owningGroups } from '../../utils';
import { FormDialog } from '../FormDialog';

/** Props of {@link PageOwnersDialog}. @public */
export interface PageOwnersDialogProps {
  open: boolean;
  incident: Incident;
  onClose(): void;
  /** Called with the pages sent. */
  onPaged(pages: OnCallPage[]): void;
}

function Recipient(props: {
  groupRef: string;
  onCall?: OnCallResponse | Error;
  wholeGroup: boolean;
}) {
  const { groupRef, onCall, wholeGroup } = props;
  let secondary: ReactNode;
  if (wholeGroup) {
    secondary = 'Every member of the group';
  } else if (onCall === undefined) {
    secondary = <Skeleton width="60%" />;
  } else if (onCall instanceof Error) {
    secondary = `On-call unknown (${errorMessage(
      onCall,
    )}); the backend decides`;
  } else if (onCall.current) {
    secondary = (
      <>
        On call now:{' '}
        <EntityLink entityRef={onCall.current.userRef} defaultKind="user" />
      </>
    );
  } else {
    secondary = 'Nobody is on call: the whole group is paged';
  }
  return (
    <ListItem disableGutters dense data-testid="page-recipient">
      <ListItemText
        primary={<EntityLink entityRef={groupRef} defaultKind="group" />}
        secondary={secondary}
      />
    </ListItem>
  );
}

/**
 * "Page owners": pages the owning groups of the affected entities, through their on-call by
 * default or as whole groups, with a reason. Shows whom each group's page will reach.
 *
 * @public
 */
export function PageOwnersDialog(props: PageOwnersDialogProps) {
  const { open, incident, onClose, onPaged } = props;
  const api = useApi(incidentsApiRef);
  const groups = owningGroups(incident.entities);
  const groupsKey = groups.join(',');
  const [wholeGroup, setWholeGroup] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (open) {
      setWholeGroup(false);
      setReason(`${incident.severity} ${incident.title}`);
      setReasonError(undefined);
      setError(undefined);
      setSubmitting(false);
    }
  }, [open, incident.severity, incident.title]);

  const { value: onCall } = useAsync(async () => {
    if (!open) return new Map<string, OnCallResponse | Error>();
    const answers = await Promise.all(
      groupsKey
        .split(',')
        .filter(Boolean)
        .map(groupRef =>
          api.getOnCall({ groupRef }).then(
            answer => [groupRef, answer] as const,
            (e: Error) => [groupRef, e] as const,
          ),
        ),
    );
    return new Map<string, OnCallResponse | Error>(answers);
  }, [api, open, groupsKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Say why you page');
      return;
    }
    setReasonError(undefined);
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await api.pageOwners(incident.ref, {
        reason: reason.trim(),
        ...(wholeGroup ? { wholeGroup: true } : {}),
      });
      onPaged(result.items);
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open={open}
      titleId="page-owners-title"
      title="Page owners"
      maxWidth="sm"
      intro={
        <DialogContentText>
          Each page is recorded on the incident and sent as a notification.
          Unacknowledged pages escalate after the severity's time to
          acknowledge: to the next on-call, then the group's lead.
        </DialogContentText>
      }
      error={error}
      submitLabel="Send page"
      submitColor="secondary"
      nothingToSubmit={groups.length === 0}
      submitting={submitting}
      onSubmit={submit}
      onClose={onClose}
    >
      {groups.length === 0 ? (
        <Alert severity="warning">
          No affected entity has an owning group, so there is nobody to page.
          Add an affected entity that has an owner in the catalog.
        </Alert>
      ) : (
        <>
          <FormControl component="fieldset" margin="dense">
            <FormLabel component="legend">Whom to page</FormLabel>
            <RadioGroup
              name="page-target"
              value={wholeGroup ? 'group' : 'on-call'}
              onChange={e => setWholeGroup(e.target.value === 'group')}
            >
              <FormControlLabel
                value="on-call"
                control={<Radio color="primary" />}
                label="On-call of each owning group"
                disabled={submitting}
              />
              <FormControlLabel
                value="group"
                control={<Radio color="primary" />}
                label="Whole group"
                disabled={submitting}
              />
            </RadioGroup>
          </FormControl>
          <List dense aria-label="Recipients" disablePadding>
            {groups.map(groupRef => (
              <Recipient
                key={groupRef}
                groupRef={groupRef}
                onCall={onCall?.get(groupRef)}
                wholeGroup={wholeGroup}
              />
            ))}
          </List>
        </>
      )}
      {groups.length > 0 && (
        <TextField
          id="page-owners-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          required
          error={!!reasonError}
          helperText={reasonError ?? 'What you need from them'}
          inputProps={{ maxLength: 2000 }}
          variant="outlined"
          margin="dense"
          multiline
          minRows={2}
          fullWidth
          disabled={submitting}
        />
      )}
    </FormDialog>
  );
}
