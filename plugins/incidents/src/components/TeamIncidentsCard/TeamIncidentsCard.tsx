import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { IncidentsTable } from '../IncidentsTable';

/**
 * A team's incidents on its group page (card and tab): the open and recent incidents
 * affecting what the team and its sub-teams own (the backend resolves the sub-teams); the
 * "Affected" column says what, and a sub-team's incident says "via" which.
 *
 * @public
 */
export function TeamIncidentsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const api = useApi(incidentsApiRef);
  const ownerRef = stringifyEntityRef(entity);
  const state = useAsync(async () => {
    const [open, recent] = await Promise.all([
      api.listIncidents({ ownerRef, status: 'open', limit: 25 }),
      api.listIncidents({ ownerRef, status: 'closed', limit: 10 }),
    ]);
    return { open: open.items, recent: recent.items };
  }, [api, ownerRef]);
  return (
    <InfoCard title={props.title ?? 'Team incidents'}>
      {state.loading && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.value && (
        <>
          <IncidentsTable
            incidents={state.value.open}
            label="Open incidents of the team"
            showEntities
            dense
            emptyMessage="No open incidents."
          />
          <IncidentsTable
            incidents={state.value.recent}
            label="Recent incidents of the team"
            showEntities
            dense
            emptyMessage="No recent closed incidents."
          />
        </>
      )}
    </InfoCard>
  );
}
