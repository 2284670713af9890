import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityLink } from '../EntityLink';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OnCallPage } from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { isAddressedTo, useCurrentUser } from '../../hooks';
import { errorMessage, shortRef } from '../../utils';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';
import { PageStatus } from './PageStatus';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top', wordBreak: 'break-word' },
  reason: { whiteSpace: 'pre-wrap' },
  ack: { marginTop: theme.spacing(0.5) },
}));

const ESCALATION: Record<number, string> = {
  1: 'escalated to the next on-call',
  2: "escalated to the group's lead",
};

function Whom(props: { page: OnCallPage }) {
  const { page } = props;
  return (
    <>
      {page.targetUserRef ? (
        <ActorLink actor={page.targetUserRef} />
      ) : (
        <>
          Whole group{' '}
          <EntityLink entityRef={page.targetGroupRef!} defaultKind="group" />
        </>
      )}
      {page.targetUserRef && page.targetGroupRef && (
        <Typography variant="caption" color="textSecondary" display="block">
          for {shortRef(page.targetGroupRef)}
        </Typography>
      )}
      {page.escalationLevel > 0 && (
        <Typography variant="caption" color="textSecondary" display="block">
          {ESCALATION[page.escalationLevel] ?? 'escalated'}
        </Typography>
      )}
    </>
  );
}

/** Props of {@link IncidentPages}. @public */
export interface IncidentPagesProps {
  /** The incident whose pages are shown. */
  incidentId: string;
  /** Whether the user may acknowledge (`incident.update`). */
  canAcknowledge: boolean;
  /** Bumped to refetch (a live-update signal, or a page just sent). */
  refreshKey?: number;
  /** A page was acknowledged. */
  onChanged?(): void;
}

/**
 * The incident's pages: who paged whom, when and why, and whether each was acknowledged or
 * escalated. Pages addressed to the signed-in user get an "Acknowledge page" button.
 *
 * @public
 */
export function IncidentPages(props: IncidentPagesProps) {
  const { incidentId, canAcknowledge, refreshKey, onChanged } = props;
  const classes = useStyles();
  const api = useApi(incidentsApiRef);
  const me = useCurrentUser();
  const [acknowledging, setAcknowledging] = useState<string>();
  const [error, setError] = useState<string>();
  const state = useAsyncRetry(
    () => api.getIncidentPages(incidentId),
    [api, incidentId, refreshKey],
  );

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error && !state.value) {
    return <ResponseErrorPanel error={state.error} />;
  }
  const pages = state.value?.items ?? [];
  if (pages.length === 0) {
    return (
      <Typography color="textSecondary">Nobody has been paged yet.</Typography>
    );
  }

  const acknowledge = async (page: OnCallPage) => {
    setAcknowledging(page.id);
    setError(undefined);
    try {
      await api.acknowledgePage(page.id);
      state.retry();
      onChanged?.();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setAcknowledging(undefined);
    }
  };

  return (
    <>
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
      <Table size="small" aria-label="Pages">
        <TableHead>
          <TableRow>
            <TableCell>To</TableCell>
            <TableCell>Why</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pages.map(page => {
            const mine =
              !page.acknowledgedAt && isAddressedTo(page, me) && canAcknowledge;
            return (
              <TableRow key={page.id} data-testid="page-row">
                <TableCell className={classes.cell}>
                  <Whom page={page} />
                </TableCell>
                <TableCell className={classes.cell}>
                  <Typography variant="body2" className={classes.reason}>
                    {page.reason}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    by <ActorLink actor={page.pagedBy} />,{' '}
                    <RelativeTime value={page.sentAt} />
                  </Typography>
                </TableCell>
                <TableCell className={classes.cell}>
                  <PageStatus page={page} />
                  {mine && (
                    <Button
                      className={classes.ack}
                      size="small"
                      variant="contained"
                      color="primary"
                      disabled={acknowledging === page.id}
                      onClick={() => acknowledge(page)}
                    >
                      Acknowledge page
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
