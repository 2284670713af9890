import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  IncidentRoleSlot,
  IncidentRolesResponse,
  ROLES,
  RoleSuggestion,
} from '@firebreak/plugin-incidents-common';
import { FormEvent, useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorStatus, fieldErrorsOf, shortRef } from '../../utils';
import { UserPicker } from '../UserPicker';
import { FormDialog } from '../FormDialog';

const notInCatalog = (): ['user', string] => [
  'user',
  'This person is not in the catalog: choose someone from the list',
];

/** The backend's 400s for a role change, as sentences next to the fields. */
const ROLE_SENTENCES = {
  userRef: notInCatalog,
  toUserRef: notInCatalog,
  note: (): ['note', string] => [
    'note',
    'Keep the note under 2,000 characters',
  ],
};

/** Assign (or reassign) a role, or hand it off with notes. */
export function RoleDialog(props: {
  incidentId: string;
  slot?: IncidentRoleSlot;
  mode: 'assign' | 'handoff';
  suggestions: RoleSuggestion[];
  onClose(): void;
  onChanged(roles: IncidentRolesResponse): void;
  /** The role changed under us (409). */
  onStale(): void;
}) {
  const { incidentId, slot, mode, suggestions, onClose, onChanged, onStale } =
    props;
  const api = useApi(incidentsApiRef);
  const [userRef, setUserRef] = useState<string>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<{
    user?: string;
    note?: string;
  }>({});
  const [submitting, setSubmitting] = useState(false);
  const open = !!slot;
  const roleId = slot?.role;

  useEffect(() => {
    if (open) {
      setUserRef(undefined);
      setNote('');
      setError(undefined);
      setFieldError({});
      setSubmitting(false);
    }
  }, [open, roleId, mode]);

  if (!slot) {
    return null;
  }
  const handoff = mode === 'handoff';
  let action = 'Assign';
  if (handoff) action = 'Hand off';
  else if (slot.assignee) action = 'Reassign';
  const title = `${action} ${slot.title}`;
  const roleSuggestions = suggestions
    .filter(s => s.role === slot.role && s.userRef)
    .map(s => ({ entityRef: s.userRef!, reason: s.reason }));
  const groupOnly = suggestions.filter(s => s.role === slot.role && !s.userRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: typeof fieldError = {};
    if (!userRef) errors.user = 'Choose a person';
    if (handoff && !note.trim()) {
      errors.note = 'Say what the next person needs to know';
    }
    setFieldError(errors);
    if (Object.keys(errors).length > 0 || !userRef) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const roles = handoff
        ? await api.handoffRole(incidentId, slot.role, {
            toUserRef: userRef,
            note: note.trim(),
            version: slot.version,
          })
        : await api.assignRole(incidentId, {
            role: slot.role,
            userRef,
            version: slot.version,
            ...(note.trim() ? { note: note.trim() } : {}),
          });
      onChanged(roles);
    } catch (e) {
      if (errorStatus(e) === 409) {
        onStale();
      }
      const { fields, other } = fieldErrorsOf<'user' | 'note'>(
        e,
        ROLE_SENTENCES,
      );
      setFieldError(fields);
      setError(other);
      setSubmitting(false);
    }
  };

  return (
    <FormDialog
      open={open}
      titleId="role-dialog-title"
      title={title}
      maxWidth="sm"
      intro={
        <>
          <DialogContentText>{ROLES[slot.role].description}</DialogContentText>
          {slot.assignee && (
            <DialogContentText>
              Held by {shortRef(slot.assignee.userRef)}.
              {handoff
                ? ' The handoff notes go on the timeline and to the next holder.'
                : ''}
            </DialogContentText>
          )}
        </>
      }
      error={error}
      submitLabel={action}
      submitting={submitting}
      onSubmit={submit}
      onClose={onClose}
    >
      {groupOnly.map(s => (
        <Alert severity="info" key={s.groupRef} style={{ marginBottom: 8 }}>
          {shortRef(s.groupRef)}: {s.reason}
        </Alert>
      ))}
      <UserPicker
        id="role-dialog-person"
        label="Person"
        value={userRef}
        onChange={setUserRef}
        suggestions={roleSuggestions}
        required
        error={fieldError.user}
        helperText={
          roleSuggestions.length
            ? 'Suggested people first; type a name to search the catalog'
            : 'Type a name to search the catalog'
        }
        disabled={submitting}
      />
      <TextField
        id="role-dialog-note"
        label={handoff ? 'Handoff notes' : 'Note'}
        value={note}
        onChange={e => setNote(e.target.value)}
        required={handoff}
        error={!!fieldError.note}
        helperText={
          fieldError.note ??
          (handoff
            ? 'Where things stand, what is in flight, what to watch'
            : 'Optional: why this person')
        }
        inputProps={{ maxLength: 2000 }}
        variant="outlined"
        margin="dense"
        multiline
        minRows={handoff ? 3 : 1}
        fullWidth
        disabled={submitting}
      />
    </FormDialog>
  );
}
