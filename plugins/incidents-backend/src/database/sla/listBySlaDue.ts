import { Incident, Page } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { decodeSlaCursor, encodeSlaCursor } from '../cursor';
import { ListIncidentsOptions } from '../IncidentsStore';
import { PageItems, keysetPage } from '../keysetPage';
import { toDbTimestamp } from '../rows';

/**
 * The incident list by "breaching soonest": incidents with a running SLA clock, earliest due
 * first (overdue ones lead), keyset-paginated on (sla_due_at, number) and served by the
 * incidents_sla_due_idx index.
 */
export function listBySlaDue(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: PageItems;
  },
): Promise<Page<Incident>> {
  const after = options.cursor ? decodeSlaCursor(options.cursor) : undefined;
  return keysetPage(options, query, {
    column: 'incidents.sla_due_at',
    direction: 'asc',
    numberDirection: 'asc',
    after: after && {
      value: toDbTimestamp(new Date(after.t).toISOString()),
      number: after.n,
    },
    cursorOf: incident =>
      incident.slaDueAt
        ? encodeSlaCursor(incident.slaDueAt, incident.number)
        : undefined,
  });
}
