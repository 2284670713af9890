import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ActionItem,
  OPEN_ACTION_ITEM_STATUSES,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { ActionItemsTable } from '../ActionItemsTable';
import { entityScope } from '../EntityPostmortemsCard';

/**
 * "Action items" on group pages (the team's open items and its sub-teams', all levels) and
 * on service, system and resource pages (items of their incidents and their parts'):
 * overdue first, status, assignee and due date editable in place.
 *
 * @public
 */
export function EntityActionItemsCard() {
  const { entity } = useEntity();
  const api = useApi(incidentsApiRef);
  const scope = entityScope(entity);
  const [items, setItems] = useState<ActionItem[]>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    api
      .listActionItems({
        ...scope,
        status: OPEN_ACTION_ITEM_STATUSES,
        limit: 50,
      })
      .then(page => setItems(page.items), setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, scope.ownerRef, scope.entityRef]);
  return (
    <InfoCard title="Action items">
      {!items && !error && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {items && (
        <ActionItemsTable
          items={items}
          showIncident
          viewedOwnerRef={scope.ownerRef}
          onChange={saved =>
            setItems(list => list?.map(i => (i.id === saved.id ? saved : i)))
          }
        />
      )}
    </InfoCard>
  );
}
