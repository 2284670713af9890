import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import {
  IncidentChecklistItem,
  ROLES,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { useCurrentUser } from '../../hooks';
import { inSentence } from '../../utils';
import { EntityPicker, EntityPickerSuggestion } from '../EntityPicker';

/** Picks who has a checklist item: the holder of its role is suggested, and "me". */
export function ChecklistAssignDialog(props: {
  incidentId: string;
  item?: IncidentChecklistItem;
  saving: boolean;
  error?: string;
  onClose(): void;
  onAssign(assigneeRef: string | null): void;
}) {
  const { incidentId, item, saving, error, onClose, onAssign } = props;
  const api = useApi(incidentsApiRef);
  const me = useCurrentUser();
  const [userRef, setUserRef] = useState<string>();
  const open = !!item;
  const itemId = item?.id;
  useEffect(() => {
    if (open) setUserRef(undefined);
  }, [open, itemId]);

  const { value: roles } = useAsync(
    async () => (open ? (await api.getRoles(incidentId)).roles : []),
    [api, incidentId, open],
  );
  if (!item) return null;

  const suggestions: EntityPickerSuggestion[] = [];
  if (item.responsible !== 'team') {
    const holder = roles?.find(r => r.role === item.responsible)?.assignee;
    if (holder) {
      suggestions.push({
        entityRef: holder.userRef,
        reason: `holds the ${inSentence(ROLES[item.responsible].title)} role`,
      });
    }
  }
  if (me) {
    suggestions.push({ entityRef: me.userEntityRef, reason: 'you' });
  }

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="checklist-assign-title"
    >
      <DialogTitle id="checklist-assign-title">
        Assign checklist item
      </DialogTitle>
      <DialogContent dividers>
        <DialogContentText>{item.title}</DialogContentText>
        {error && (
          <Alert severity="error" role="alert" style={{ marginBottom: 8 }}>
            {error}
          </Alert>
        )}
        <EntityPicker
          id="checklist-assign-person"
          label="Person"
          kinds={['User']}
          value={userRef}
          onChange={setUserRef}
          suggestions={suggestions}
          disabled={saving}
          helperText="Search the catalog, or type a user name"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          Cancel
        </Button>
        {item.assigneeRef && (
          <Button onClick={() => onAssign(null)} disabled={saving}>
            Unassign
          </Button>
        )}
        <Button
          color="primary"
          variant="contained"
          disabled={saving || !userRef}
          onClick={() => userRef && onAssign(userRef)}
        >
          Assign
        </Button>
      </DialogActions>
    </Dialog>
  );
}
