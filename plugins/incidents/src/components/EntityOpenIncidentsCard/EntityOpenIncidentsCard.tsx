import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { severityRank } from '@firebreak/plugin-incidents-common';
import { useIncidentList } from '../../hooks';
import { IncidentsTable } from '../IncidentsTable';

/**
 * Entity overview card: the incidents currently open against the entity, most severe first.
 *
 * @public
 */
export function EntityOpenIncidentsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const open = useIncidentList({ entityRef, status: 'open', limit: 10 });
  const incidents = [...open.items].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity),
  );

  return (
    <InfoCard title="Open incidents" variant="gridItem">
      {open.loading && <Progress />}
      {open.error && <ResponseErrorPanel error={open.error} />}
      {!open.loading && !open.error && (
        <IncidentsTable
          label="Open incidents"
          incidents={incidents}
          emptyMessage="No open incidents."
          dense
        />
      )}
    </InfoCard>
  );
}
