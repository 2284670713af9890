import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  CHECKLIST_PHASES,
  ChecklistResponsible,
  Incident,
  IncidentChecklistItem,
  ROLES,
  UpdateChecklistItemRequest,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { errorMessage, errorStatus } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';
import { ChecklistAssignDialog } from './ChecklistAssignDialog';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    width: '100%',
  },
  details: { display: 'block', padding: theme.spacing(0, 2, 1) },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    paddingLeft: 0,
    paddingRight: 0,
  },
  main: { flex: '1 1 16rem', minWidth: 0 },
  label: { alignItems: 'flex-start' },
  checkbox: { paddingTop: 2 },
  meta: { marginLeft: 31 },
  done: { textDecoration: 'line-through', color: theme.palette.text.secondary },
}));

function responsibleTitle(responsible: ChecklistResponsible): string {
  return responsible === 'team'
    ? 'Owning team'
    : ROLES[responsible]?.title ?? responsible;
}

/** Props of {@link IncidentChecklist}. @public */
export interface IncidentChecklistProps {
  /** The incident whose checklist is shown. */
  incident: Incident;
  /** Whether the user may check and assign items (`incident.update`). */
  canUpdate: boolean;
  /** Bumped to refetch (a live-update signal, or a change made elsewhere on the page). */
  refreshKey?: number;
  /** An item changed. */
  onChanged?(): void;
}

/**
 * The responsibilities of each phase that apply to the incident (by severity and flags):
 * who is responsible, who has it, done or not. The current phase is open.
 *
 * @public
 */
export function IncidentChecklist(props: IncidentChecklistProps) {
  const { incident, canUpdate, refreshKey, onChanged } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const [saving, setSaving] = useState<string>();
  const [error, setError] = useState<string>();
  const [assigning, setAssigning] = useState<string>();
  // Ticks show at once; the server's answer confirms them or they roll back.
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  // Which phases the user opened or closed; the current phase is open otherwise.
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const state = useAsyncRetry(
    () => api.getChecklist(incident.ref),
    // The items that apply depend on severity and flags.
    [
      api,
      incident.ref,
      incident.severity,
      incident.costImpact,
      incident.dataExposure,
      refreshKey,
    ],
  );

  // A new phase opens its own section.
  useEffect(() => setExpanded({}), [incident.phase]);
  // Fresh items from the server replace the optimistic ticks.
  useEffect(() => setTicks({}), [state.value]);

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error && !state.value) {
    return <ResponseErrorPanel error={state.error} />;
  }
  const items = (state.value?.items ?? []).map(item =>
    item.id in ticks ? { ...item, done: ticks[item.id] } : item,
  );

  const update = async (
    item: IncidentChecklistItem,
    change: Omit<UpdateChecklistItemRequest, 'version'>,
  ): Promise<boolean> => {
    setSaving(item.id);
    setError(undefined);
    if (change.done !== undefined) {
      setTicks(t => ({ ...t, [item.id]: change.done! }));
    }
    try {
      await api.updateChecklistItem(incident.ref, item.id, {
        ...change,
        version: item.version,
      });
      state.retry();
      onChanged?.();
      return true;
    } catch (e) {
      setTicks(({ [item.id]: _rolledBack, ...rest }) => rest);
      setError(
        errorStatus(e) === 409
          ? 'Someone changed this item meanwhile; reloaded. Try again.'
          : errorMessage(e),
      );
      if (errorStatus(e) === 409) state.retry();
      return false;
    } finally {
      setSaving(undefined);
    }
  };

  const phases = CHECKLIST_PHASES.map(phase => ({
    phase,
    items: items.filter(i => i.phase === phase.id),
    current: phase.lifecyclePhases.includes(incident.phase),
  })).filter(p => p.items.length > 0);

  if (phases.length === 0) {
    return (
      <Typography color="textSecondary">
        No checklist items apply to this incident.
      </Typography>
    );
  }
  const assigningItem = items.find(i => i.id === assigning);

  return (
    <>
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
      {phases.map(({ phase, items: phaseItems, current }) => {
        const done = phaseItems.filter(i => i.done).length;
        return (
          <Accordion
            key={phase.id}
            expanded={expanded[phase.id] ?? current}
            onChange={(_event, open) =>
              setExpanded(e => ({ ...e, [phase.id]: open }))
            }
            variant="outlined"
            data-testid={`checklist-${phase.id}`}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls={`checklist-${phase.id}-content`}
              id={`checklist-${phase.id}-header`}
            >
              <div className={classes.summary}>
                <Typography variant="subtitle2" component="h3">
                  {phase.title}
                </Typography>
                {current && (
                  <Chip size="small" color="primary" label="Current phase" />
                )}
                <Typography variant="caption" color="textSecondary">
                  {done} of {phaseItems.length} done
                </Typography>
              </div>
            </AccordionSummary>
            <AccordionDetails className={classes.details}>
              <List disablePadding aria-label={phase.title}>
                {phaseItems.map(item => (
                  <ListItem key={item.id} className={classes.item} divider>
                    <div className={classes.main}>
                      <FormControlLabel
                        className={classes.label}
                        control={
                          <Checkbox
                            className={classes.checkbox}
                            color="primary"
                            size="small"
                            checked={item.done}
                            disabled={!canUpdate || saving === item.id}
                            onChange={e =>
                              update(item, { done: e.target.checked })
                            }
                            inputProps={{
                              'aria-describedby': `checklist-${item.id}-meta`,
                            }}
                          />
                        }
                        label={
                          <Typography
                            variant="body2"
                            className={item.done ? classes.done : undefined}
                          >
                            {item.title}
                            {item.optional ? ' (optional)' : ''}
                          </Typography>
                        }
                      />
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                        className={classes.meta}
                        id={`checklist-${item.id}-meta`}
                      >
                        {item.description}
                        <br />
                        {responsibleTitle(item.responsible)} ·{' '}
                        {item.assigneeRef ? (
                          <>
                            assigned to <ActorLink actor={item.assigneeRef} />
                          </>
                        ) : (
                          'unassigned'
                        )}
                        {item.done && item.doneBy && (
                          <>
                            {' '}
                            · done by <ActorLink actor={item.doneBy} />
                            {item.doneAt && (
                              <>
                                {' '}
                                <RelativeTime value={item.doneAt} />
                              </>
                            )}
                          </>
                        )}
                      </Typography>
                    </div>
                    <Button
                      size="small"
                      disabled={!canUpdate || saving === item.id}
                      aria-label={`Assign: ${item.title}`}
                      onClick={() => {
                        setError(undefined);
                        setAssigning(item.id);
                      }}
                    >
                      {item.assigneeRef ? 'Reassign' : 'Assign'}
                    </Button>
                  </ListItem>
                ))}
              </List>
            </AccordionDetails>
          </Accordion>
        );
      })}
      <ChecklistAssignDialog
        incidentId={incident.ref}
        item={assigningItem}
        saving={!!assigningItem && saving === assigningItem.id}
        error={assigning ? error : undefined}
        onClose={() => setAssigning(undefined)}
        onAssign={async assigneeRef => {
          if (assigningItem && (await update(assigningItem, { assigneeRef }))) {
            setAssigning(undefined);
          }
        }}
      />
    </>
  );
}
