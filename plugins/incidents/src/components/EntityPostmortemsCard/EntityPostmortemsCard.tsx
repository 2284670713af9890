import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { PostmortemsTable } from '../PostmortemsTable';
import { entityScope } from './entityScope';

/**
 * "Postmortems" on service, system and group pages: the postmortems of their incidents,
 * including their parts' (hasPart) or sub-teams', each row saying where it comes from.
 *
 * @public
 */
export function EntityPostmortemsCard() {
  const { entity } = useEntity();
  const api = useApi(incidentsApiRef);
  const scope = entityScope(entity);
  const state = useAsync(
    () => api.listPostmortems({ ...scope, limit: 10 }),
    [api, scope.ownerRef, scope.entityRef],
  );
  return (
    <InfoCard title="Postmortems">
      {state.loading && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.value && (
        <PostmortemsTable items={state.value.items} viewed={scope} />
      )}
    </InfoCard>
  );
}
