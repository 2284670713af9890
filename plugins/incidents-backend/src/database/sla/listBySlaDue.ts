import { Incident, Page } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { decodeSlaCursor, encodeSlaCursor } from '../cursor';
import { ListIncidentsOptions } from '../IncidentsStore';
import { toDbTimestamp } from '../rows';

/**
 * The incident list by "breaching soonest": incidents with a running SLA clock, earliest due
 * first (overdue ones lead), keyset-paginated on (sla_due_at, number) and served by the
 * incidents_sla_due_idx index.
 */
export async function listBySlaDue(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: (ids: string[]) => Promise<Incident[]>;
  },
): Promise<Page<Incident>> {
  const after = options.cursor ? decodeSlaCursor(options.cursor) : undefined;
  const rowsQuery = query
    .filtered()
    .select('incidents.id')
    .whereNotNull('incidents.sla_due_at')
    .orderBy([
      { column: 'incidents.sla_due_at', order: 'asc' },
      { column: 'incidents.number', order: 'asc' },
    ])
    .limit(options.limit + 1);
  if (after) {
    const at = toDbTimestamp(new Date(after.t).toISOString());
    rowsQuery.where(inner =>
      inner
        .where('incidents.sla_due_at', '>', at)
        .orWhere(same =>
          same
            .where('incidents.sla_due_at', '=', at)
            .andWhere('incidents.number', '>', after.n),
        ),
    );
  }
  const rows: { id: string }[] = await rowsQuery;
  const items = await query.items(rows.slice(0, options.limit).map(r => r.id));
  const last = items[items.length - 1];
  return {
    items,
    ...(rows.length > options.limit && last?.slaDueAt
      ? { nextCursor: encodeSlaCursor(last.slaDueAt, last.number) }
      : {}),
  };
}
