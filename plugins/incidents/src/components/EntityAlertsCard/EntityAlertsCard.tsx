import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { useIncidentsSignal } from '../../hooks';
import { formatCount } from '../../utils';
import { AlertsList } from '../AlertsList';

/**
 * The alerts firing (or acknowledged in the monitoring tool) for the current entity, each
 * with the incident it belongs to.
 *
 * @public
 */
export function EntityAlertsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(incidentsApiRef);
  const state = useAsyncRetry(
    () => api.listAlerts({ entityRef, status: 'active', limit: 50 }),
    [api, entityRef],
  );
  // Alerts that declare or join incidents show up on the incidents channel.
  useIncidentsSignal(() => state.retry());
  const alerts = state.value?.items ?? [];

  return (
    <InfoCard
      title="Firing alerts"
      subheader={
        state.value
          ? `${formatCount(
              state.value.total,
              alerts.length,
              Boolean(state.value.nextCursor),
            )} active`
          : undefined
      }
    >
      {state.loading && !state.value && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.value && alerts.length === 0 && (
        <Typography color="textSecondary">
          No alerts firing for {entity.metadata.title ?? entity.metadata.name}.
        </Typography>
      )}
      {alerts.length > 0 && (
        <AlertsList label="Firing alerts" alerts={alerts} showIncident />
      )}
    </InfoCard>
  );
}
