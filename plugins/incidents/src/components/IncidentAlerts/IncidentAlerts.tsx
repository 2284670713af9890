import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import { IncidentAlertsSummary } from '@firebreak/plugin-incidents-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api';
import { formatTimestamp } from '../../utils';
import { AlertsList } from '../AlertsList';

function summaryText(summary: IncidentAlertsSummary): string {
  const parts = [
    summary.firing && `${summary.firing} firing`,
    summary.acknowledged && `${summary.acknowledged} acknowledged`,
    summary.resolved && `${summary.resolved} resolved`,
  ].filter(Boolean);
  return `${summary.total} alert${summary.total === 1 ? '' : 's'}: ${parts.join(
    ', ',
  )}`;
}

/** Props of {@link IncidentAlerts}. @public */
export interface IncidentAlertsProps {
  /** The incident whose alerts are shown. */
  incidentId: string;
  /** Bumped to refetch (a live-update signal). */
  refreshKey?: number;
}

/**
 * The incident's alerts card: every alert that belonged to it (labels, annotations, status,
 * link to the source graph) and whether they all cleared. Renders nothing for an incident
 * without alerts.
 *
 * @public
 */
export function IncidentAlerts(props: IncidentAlertsProps) {
  const { incidentId, refreshKey } = props;
  const api = useApi(incidentsApiRef);
  const state = useAsyncRetry(
    () => api.getIncidentAlerts(incidentId),
    [api, incidentId, refreshKey],
  );

  if (state.error && !state.value) {
    return (
      <InfoCard title="Alerts">
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  const value = state.value;
  if (!value || value.summary.total === 0) {
    return null;
  }
  const { summary } = value;

  return (
    <InfoCard title="Alerts" subheader={summaryText(summary)}>
      {summary.cleared ? (
        <Alert severity="success" style={{ marginBottom: 8 }}>
          All alerts cleared
          {summary.clearedAt ? ` (${formatTimestamp(summary.clearedAt)})` : ''}.
          Verify the recovery before resolving: the incident is not closed
          automatically.
        </Alert>
      ) : (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          {summary.firing + summary.acknowledged} of {summary.total} alerts
          still active.
        </Alert>
      )}
      <AlertsList label="Incident alerts" alerts={value.items} />
    </InfoCard>
  );
}
