import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  AlertActionResult,
  IncidentAlert,
  PageTotal,
  incidentAlertRoutePermission,
  incidentCreatePermission,
} from '@firebreak/plugin-incidents-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ListUnroutedAlertsOptions, incidentsApiRef } from '../../api';
import { useIncidentLink, useIncidentsSignal } from '../../hooks';
import { formatCount } from '../../utils';
import { AlertsList } from '../AlertsList';
import { DeclareFromAlertDialog } from '../DeclareFromAlertDialog';
import { IncidentsTabs } from '../IncidentsTabs';
import { RouteAlertDialog } from '../RouteAlertDialog';

type StatusFilter = 'active' | 'resolved' | 'all';

const PAGE_SIZE = 50;

function Outcome(props: {
  result: AlertActionResult & { action: 'routed' | 'declared' };
  onClose(): void;
}) {
  const { result, onClose } = props;
  const incidentLink = useIncidentLink();
  const ref = result.incidentRef;
  const link =
    ref && incidentLink ? <Link to={incidentLink(ref)}>{ref}</Link> : ref;
  const name = result.alert.name;
  let text;
  if (result.declared) {
    text = (
      <>
        Declared {link} from {name}.
      </>
    );
  } else if (result.action === 'routed') {
    text = ref ? (
      <>
        {name} routed to {result.alert.entityRef}; it joined {link}.
      </>
    ) : (
      <>
        {name} routed to {result.alert.entityRef}. No declaration rule matched:
        declare an incident by hand if it needs one.
      </>
    );
  } else {
    text = (
      <>
        {name} already belongs to {link}.
      </>
    );
  }
  return (
    <Alert severity="success" onClose={onClose} role="status">
      {text}
    </Alert>
  );
}

/**
 * The unrouted-alerts inbox: alerts that no catalog entity claimed (no routing label,
 * selector or routing key matched, or several did). Route one to an entity, or declare an
 * incident from it by hand.
 *
 * @public
 */
export function UnroutedAlertsPage() {
  const api = useApi(incidentsApiRef);
  const [status, setStatus] = useState<StatusFilter>('active');
  const [items, setItems] = useState<IncidentAlert[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [total, setTotal] = useState<PageTotal>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  const [reloads, setReloads] = useState(0);
  const [routing, setRouting] = useState<IncidentAlert>();
  const [declaring, setDeclaring] = useState<IncidentAlert>();
  const [outcome, setOutcome] = useState<
    AlertActionResult & { action: 'routed' | 'declared' }
  >();
  const generation = useRef(0);
  const { allowed: canRoute } = usePermission({
    permission: incidentAlertRoutePermission,
  });
  const { allowed: canDeclare } = usePermission({
    permission: incidentCreatePermission,
  });

  const options: ListUnroutedAlertsOptions = { limit: PAGE_SIZE };
  if (status !== 'all') options.status = status;
  const key = JSON.stringify(options);

  useEffect(() => {
    const current = ++generation.current;
    setLoading(true);
    setError(undefined);
    api.listUnroutedAlerts(JSON.parse(key)).then(
      page => {
        if (current !== generation.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setTotal(page.total);
        setLoading(false);
      },
      e => {
        if (current !== generation.current) return;
        setError(e);
        setItems([]);
        setLoading(false);
      },
    );
  }, [api, key, reloads]);

  const reload = useCallback(() => setReloads(n => n + 1), []);
  useIncidentsSignal(reload);

  const loadMore = () => {
    if (!nextCursor) return;
    const current = generation.current;
    setLoadingMore(true);
    api.listUnroutedAlerts({ ...JSON.parse(key), cursor: nextCursor }).then(
      page => {
        if (current !== generation.current) return;
        setItems(old => [
          ...old,
          ...page.items.filter(a => !old.some(o => o.id === a.id)),
        ]);
        setNextCursor(page.nextCursor);
        setLoadingMore(false);
      },
      e => {
        if (current !== generation.current) return;
        setError(e);
        setLoadingMore(false);
      },
    );
  };

  return (
    <Content>
      <IncidentsTabs current="unrouted" />
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        gridGap={16}
        mb={2}
      >
        <Typography variant="body1" color="textSecondary">
          Alerts that no catalog entity claimed: no routing label, selector or
          routing key matched, or several did. Route each to its entity, or
          declare an incident by hand.
        </Typography>
        <TextField
          select
          id="unrouted-alerts-status"
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value as StatusFilter)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
          style={{ minWidth: 160 }}
        >
          <option value="active">Active</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </TextField>
      </Box>
      {outcome && (
        <Box mb={2}>
          <Outcome result={outcome} onClose={() => setOutcome(undefined)} />
        </Box>
      )}
      <InfoCard
        title="Unrouted alerts"
        subheader={
          loading
            ? undefined
            : `${formatCount(total, items.length, Boolean(nextCursor))} ${
                status === 'all' ? 'in total' : status
              }`
        }
      >
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && items.length === 0 && (
          <Typography color="textSecondary">
            No unrouted alerts. Every alert found its entity.
          </Typography>
        )}
        {!loading && items.length > 0 && (
          <AlertsList
            label="Unrouted alerts"
            alerts={items}
            showIncident
            actions={alert => (
              <>
                <Button
                  size="small"
                  variant="outlined"
                  color="primary"
                  disabled={!canRoute}
                  aria-label={`Route ${alert.name} to an entity`}
                  onClick={() => setRouting(alert)}
                >
                  Route to entity
                </Button>
                {!alert.incidentRef && (
                  <Button
                    size="small"
                    variant="outlined"
                    color="secondary"
                    disabled={!canDeclare}
                    aria-label={`Declare incident from ${alert.name}`}
                    onClick={() => setDeclaring(alert)}
                  >
                    Declare incident
                  </Button>
                )}
              </>
            )}
          />
        )}
        {nextCursor && (
          <Button onClick={loadMore} disabled={loadingMore}>
            Load more
          </Button>
        )}
      </InfoCard>
      <RouteAlertDialog
        alert={routing}
        onClose={() => setRouting(undefined)}
        onRouted={result => {
          setRouting(undefined);
          setOutcome({ ...result, action: 'routed' });
          reload();
        }}
      />
      <DeclareFromAlertDialog
        alert={declaring}
        onClose={() => setDeclaring(undefined)}
        onDeclared={result => {
          setDeclaring(undefined);
          setOutcome({ ...result, action: 'declared' });
          reload();
        }}
      />
    </Content>
  );
}
