import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { IncidentsTable } from '../IncidentsTable';
import { ownedByTeams, teamAndSubTeams } from './teamEntities';

/**
 * A team's incidents on its group page (card and tab): the open and recent incidents
 * affecting what the team and its sub-teams own; the "Affected" column says through what.
 *
 * @public
 */
export function TeamIncidentsCard(props: { title?: string }) {
  const { entity } = useEntity();
  const catalog = useApi(catalogApiRef);
  const api = useApi(incidentsApiRef);
  const groupRef = stringifyEntityRef(entity);
  const state = useAsync(async () => {
    const owned = await ownedByTeams(
      catalog,
      await teamAndSubTeams(catalog, groupRef),
    );
    if (owned.length === 0) return { open: [], recent: [] };
    const [open, recent] = await Promise.all([
      api.listIncidents({ entityRef: owned, status: 'open', limit: 25 }),
      api.listIncidents({ entityRef: owned, status: 'closed', limit: 10 }),
    ]);
    return { open: open.items, recent: recent.items };
  }, [catalog, api, groupRef]);
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
