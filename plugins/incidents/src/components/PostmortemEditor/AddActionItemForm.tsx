import { useApi } from '@backstage/core-plugin-api';
import {
  ACTION_ITEM_PRIORITIES,
  ActionItem,
  ActionItemPriority,
  incidentActionItemUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { incidentsApiRef } from '../../api';
import { errorMessage } from '../../utils';
import { PermissionTooltip } from '../PermissionTooltip';

/** A one-line form adding an action item to an incident (section 7). */
export function AddActionItemForm(props: {
  incidentId: string;
  /** The decision of incident.actionItem.update on the incident. */
  allowed: { allowed: boolean; loading?: boolean };
  onAdded: (item: ActionItem) => void;
}) {
  const api = useApi(incidentsApiRef);
  const [priority, setPriority] = useState<ActionItemPriority>('P1');
  const [title, setTitle] = useState('');
  const [ownerRef, setOwnerRef] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const add = async () => {
    setBusy(true);
    try {
      const item = await api.createActionItem({
        incidentId: props.incidentId,
        priority,
        title,
        ...(ownerRef.trim() ? { ownerRef: ownerRef.trim() } : {}),
        ...(dueAt ? { dueAt: `${dueAt}T00:00:00.000Z` } : {}),
      });
      setTitle('');
      setError(undefined);
      props.onAdded(item);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      display="flex"
      alignItems="flex-end"
      flexWrap="wrap"
      style={{ gap: 8 }}
      mt={1}
    >
      <TextField
        select
        id="action-item-priority"
        label="Priority"
        value={priority}
        onChange={e => setPriority(e.target.value as ActionItemPriority)}
      >
        {ACTION_ITEM_PRIORITIES.map(p => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="action-item-title"
        label="Action"
        value={title}
        onChange={e => setTitle(e.target.value)}
        style={{ flexGrow: 1 }}
      />
      <TextField
        id="action-item-owner"
        label="Owner team"
        placeholder="group, e.g. payments"
        value={ownerRef}
        onChange={e => setOwnerRef(e.target.value)}
      />
      <TextField
        id="action-item-due"
        label="Due"
        type="date"
        InputLabelProps={{ shrink: true }}
        value={dueAt}
        onChange={e => setDueAt(e.target.value)}
      />
      <PermissionTooltip
        permission={incidentActionItemUpdatePermission}
        {...props.allowed}
      >
        <Button
          variant="outlined"
          disabled={!title.trim() || busy || !props.allowed.allowed}
          onClick={add}
        >
          Add action item
        </Button>
      </PermissionTooltip>
      {error && (
        <Typography color="error" variant="body2" style={{ width: '100%' }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}
