import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_STATUS_TITLES,
  ActionItem,
  ActionItemStatus,
  UpdateActionItemRequest,
  incidentActionItemUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import { usePermission } from '@backstage/plugin-permission-react';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { useIncidentLink } from '../../hooks';
import { PermissionTooltip } from '../PermissionTooltip';
import { errorMessage, shortRef, sameRef } from '../../utils';

// Headings and short values stay on one line; the action takes the width that is left.
const useStyles = makeStyles({
  table: { '& th': { whiteSpace: 'nowrap' } },
  nowrap: { whiteSpace: 'nowrap' },
});

/** Props of {@link ActionItemsTable}. @public */
export interface ActionItemsTableProps {
  items: ActionItem[];
  /** Called with the item as saved. */
  onChange?: (item: ActionItem) => void;
  /** Show the incident column (lists across incidents). */
  showIncident?: boolean;
  /** The team or entity the list is for: rows owned by another team say "via" it. */
  viewedOwnerRef?: string;
  editable?: boolean;
}

const dateOnly = (iso?: string) => (iso ? iso.slice(0, 10) : '');

/**
 * Action items with status, assignee and due date editable in place; each edit is a PATCH
 * against the item's version (a stale one shows the server's message on the row). The
 * fields of an item are disabled, with the reason, where the policy denies
 * `incident.actionItem.update` on its incident.
 */
export function ActionItemsTable(props: ActionItemsTableProps) {
  const classes = useStyles();
  const {
    items,
    onChange,
    showIncident,
    viewedOwnerRef,
    editable = true,
  } = props;
  const api = useApi(incidentsApiRef);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async (
    item: ActionItem,
    edits: Omit<UpdateActionItemRequest, 'version'>,
  ) => {
    try {
      const saved = await api.updateActionItem(item.id, {
        ...edits,
        version: item.version,
      });
      setErrors(e => ({ ...e, [item.id]: '' }));
      onChange?.(saved);
    } catch (error) {
      setErrors(e => ({ ...e, [item.id]: errorMessage(error) }));
    }
  };

  if (items.length === 0) {
    return <Typography color="textSecondary">No action items.</Typography>;
  }
  return (
    <Table size="small" aria-label="Action items" className={classes.table}>
      <TableHead>
        <TableRow>
          <TableCell>Priority</TableCell>
          <TableCell>Action</TableCell>
          {showIncident && <TableCell>Incident</TableCell>}
          <TableCell>Owner</TableCell>
          <TableCell>Assignee</TableCell>
          <TableCell>Due</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => (
          <ActionItemRow
            key={item.id}
            item={item}
            error={errors[item.id]}
            save={edits => save(item, edits)}
            showIncident={showIncident}
            viewedOwnerRef={viewedOwnerRef}
            editable={editable}
          />
        ))}
      </TableBody>
    </Table>
  );
}

/** One action item; its fields are editable where the policy allows it on its incident. */
function ActionItemRow(props: {
  item: ActionItem;
  error?: string;
  save: (edits: Omit<UpdateActionItemRequest, 'version'>) => void;
  showIncident?: boolean;
  viewedOwnerRef?: string;
  editable: boolean;
}) {
  const { item, error, showIncident, viewedOwnerRef } = props;
  const classes = useStyles();
  const incidentLink = useIncidentLink();
  const decision = usePermission({
    permission: incidentActionItemUpdatePermission,
    resourceRef: item.incidentId,
  });
  const { editable, save } = props;
  const denied = !decision.allowed;
  const explained = (control: ReactElement) => (
    <PermissionTooltip
      permission={incidentActionItemUpdatePermission}
      {...decision}
    >
      {control}
    </PermissionTooltip>
  );
  return (
    <TableRow data-testid={`action-item-${item.id}`}>
      <TableCell className={classes.nowrap}>{item.priority}</TableCell>
      <TableCell>
        {item.title}
        {error && (
          <Typography variant="caption" color="error" display="block">
            {error}
          </Typography>
        )}
      </TableCell>
      {showIncident && (
        <TableCell className={classes.nowrap}>
          {incidentLink ? (
            <Link to={incidentLink(item.incidentRef)}>{item.incidentRef}</Link>
          ) : (
            item.incidentRef
          )}
        </TableCell>
      )}
      <TableCell className={classes.nowrap}>
        {item.ownerRef ? shortRef(item.ownerRef) : '—'}
        {viewedOwnerRef &&
          item.ownerRef &&
          !sameRef(item.ownerRef, viewedOwnerRef) && (
            <Typography variant="caption" color="textSecondary" display="block">
              via {shortRef(item.ownerRef)}
            </Typography>
          )}
      </TableCell>
      <TableCell>
        {editable
          ? explained(
              <TextField
                disabled={denied}
                defaultValue={
                  item.assigneeRef ? shortRef(item.assigneeRef) : ''
                }
                placeholder="user"
                inputProps={{ 'aria-label': `Assignee of ${item.title}` }}
                onBlur={e => {
                  const value = e.target.value.trim();
                  if (
                    value !==
                    (item.assigneeRef ? shortRef(item.assigneeRef) : '')
                  ) {
                    save({ assigneeRef: value || null });
                  }
                }}
              />,
            )
          : item.assigneeRef && shortRef(item.assigneeRef)}
      </TableCell>
      <TableCell>
        {editable ? (
          explained(
            <TextField
              disabled={denied}
              type="date"
              defaultValue={dateOnly(item.dueAt)}
              error={item.overdue}
              helperText={item.overdue ? 'Overdue' : undefined}
              inputProps={{ 'aria-label': `Due date of ${item.title}` }}
              onBlur={e => {
                const value = e.target.value;
                if (value !== dateOnly(item.dueAt)) {
                  save({
                    dueAt: value ? `${value}T00:00:00.000Z` : null,
                  });
                }
              }}
            />,
          )
        ) : (
          <Typography color={item.overdue ? 'error' : 'inherit'}>
            {dateOnly(item.dueAt) || '—'}
            {item.overdue && ' (overdue)'}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {editable
          ? explained(
              <TextField
                disabled={denied}
                select
                value={item.status}
                inputProps={{ 'aria-label': `Status of ${item.title}` }}
                onChange={e =>
                  save({ status: e.target.value as ActionItemStatus })
                }
              >
                {ACTION_ITEM_STATUSES.map(s => (
                  <MenuItem key={s} value={s}>
                    {ACTION_ITEM_STATUS_TITLES[s]}
                  </MenuItem>
                ))}
              </TextField>,
            )
          : ACTION_ITEM_STATUS_TITLES[item.status]}
      </TableCell>
    </TableRow>
  );
}
