import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Incident,
  IncidentFlag,
  ROLES,
  RoleId,
  incidentRoleAssignPermission,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { shortRef } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';
import { RoleDialog } from './RoleDialog';
import { PermissionTooltip } from '../PermissionTooltip';

const FLAG_TEXT: Record<IncidentFlag, string> = {
  costImpact: 'Joins when the incident has a cost impact',
  dataExposure: 'Joins when the incident may have exposed data',
};

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    paddingLeft: 0,
    paddingRight: 0,
  },
  main: { flex: '1 1 12rem', minWidth: 0 },
  actions: { display: 'flex', gap: theme.spacing(0.5), flexShrink: 0 },
  note: { fontStyle: 'italic', whiteSpace: 'pre-wrap' },
}));

/** Props of {@link IncidentRoles}. @public */
export interface IncidentRolesProps {
  /** The incident whose roles are shown. */
  incident: Incident;
  /** Whether the user may assign roles (`incident.update`). */
  canUpdate: boolean;
  /** Bumped to refetch (a live-update signal, or a change made elsewhere on the page). */
  refreshKey?: number;
  /** A role changed. */
  onChanged?(): void;
}

/**
 * The response roles of the incident (incident commander, observability incident lead, ...):
 * who holds each, since when, suggestions (on-call of the role's group and of the owning
 * teams), and assign, reassign and hand off.
 *
 * @public
 */
export function IncidentRoles(props: IncidentRolesProps) {
  const { incident, canUpdate, refreshKey, onChanged } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const [dialog, setDialog] = useState<{
    role: RoleId;
    mode: 'assign' | 'handoff';
  }>();
  const state = useAsyncRetry(async () => {
    const [roles, suggestions] = await Promise.all([
      api.getRoles(incident.ref),
      api.getRoleSuggestions(incident.ref).catch(() => ({ items: [] })),
    ]);
    return { roles: roles.roles, suggestions: suggestions.items };
  }, [api, incident.ref, refreshKey]);

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error && !state.value) {
    return <ResponseErrorPanel error={state.error} />;
  }
  const roles = state.value?.roles ?? [];
  const suggestions = state.value?.suggestions ?? [];

  return (
    <>
      <List aria-label="Roles" disablePadding>
        {roles.map(slot => {
          const info = ROLES[slot.role];
          const flag = info?.joinsWhen;
          const waiting = flag && !incident[flag] && !slot.assignee;
          const suggestion = suggestions.find(
            s => s.role === slot.role && s.userRef,
          );
          const titleId = `role-${slot.role}-title`;
          return (
            <ListItem
              key={slot.role}
              className={classes.item}
              divider
              aria-labelledby={titleId}
              data-testid={`role-${slot.role}`}
            >
              <div className={classes.main}>
                <Tooltip title={info?.description ?? ''} placement="top-start">
                  <Typography variant="subtitle2" id={titleId}>
                    {slot.title}
                  </Typography>
                </Tooltip>
                {slot.assignee ? (
                  <>
                    <Typography variant="body2">
                      <ActorLink actor={slot.assignee.userRef} />{' '}
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="span"
                      >
                        · <RelativeTime value={slot.assignee.assignedAt} />
                      </Typography>
                    </Typography>
                    {slot.assignee.note && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="p"
                        className={classes.note}
                      >
                        {slot.assignee.note}
                      </Typography>
                    )}
                  </>
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    {waiting ? FLAG_TEXT[flag!] : 'Unassigned'}
                    {suggestion &&
                      ` · suggested: ${shortRef(suggestion.userRef!)} (${
                        suggestion.reason
                      })`}
                  </Typography>
                )}
              </div>
              <div className={classes.actions}>
                <PermissionTooltip
                  permission={incidentRoleAssignPermission}
                  allowed={canUpdate}
                >
                  <Button
                    size="small"
                    color="primary"
                    disabled={!canUpdate}
                    aria-label={`${slot.assignee ? 'Reassign' : 'Assign'} ${
                      slot.title
                    }`}
                    onClick={() =>
                      setDialog({ role: slot.role, mode: 'assign' })
                    }
                  >
                    {slot.assignee ? 'Reassign' : 'Assign'}
                  </Button>
                </PermissionTooltip>
                {slot.assignee && (
                  <PermissionTooltip
                    permission={incidentRoleAssignPermission}
                    allowed={canUpdate}
                  >
                    <Button
                      size="small"
                      disabled={!canUpdate}
                      aria-label={`Hand off ${slot.title}`}
                      onClick={() =>
                        setDialog({ role: slot.role, mode: 'handoff' })
                      }
                    >
                      Hand off
                    </Button>
                  </PermissionTooltip>
                )}
              </div>
            </ListItem>
          );
        })}
      </List>
      <RoleDialog
        incidentId={incident.ref}
        // The current slot, so that a reload after a conflict sends the fresh version.
        slot={dialog && roles.find(r => r.role === dialog.role)}
        mode={dialog?.mode ?? 'assign'}
        suggestions={suggestions}
        onClose={() => setDialog(undefined)}
        onChanged={() => {
          setDialog(undefined);
          state.retry();
          onChanged?.();
        }}
        onStale={state.retry}
      />
    </>
  );
}
