import { Incident, Page } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { decodeSlaCursor, encodeSlaCursor } from '../cursor';
import { ListIncidentsOptions } from '../IncidentsStore';
import { IncidentRow, toDbTimestamp } from '../rows';

/**
 * The incident list by "breaching soonest": incidents with a running SLA clock, earliest due
 * first (overdue ones lead), keyset-paginated on (sla_due_at, number) and served by the
 * incidents_sla_due_idx index. Counts only those incidents (open ones: few).
 */
export async function listBySlaDue(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: (rows: IncidentRow[]) => Promise<Incident[]>;
  },
): Promise<Page<Incident>> {
  const after = options.cursor ? decodeSlaCursor(options.cursor) : undefined;
  const countRow = await query
    .filtered()
    .whereNotNull('sla_due_at')
    .count({ count: '*' })
    .first();
  const rowsQuery = query
    .filtered()
    .select('*')
    .whereNotNull('sla_due_at')
    .orderBy([
      { column: 'sla_due_at', order: 'asc' },
      { column: 'number', order: 'asc' },
    ])
    .limit(options.limit + 1);
  if (after) {
    const at = toDbTimestamp(new Date(after.t).toISOString());
    rowsQuery.where(inner =>
      inner
        .where('sla_due_at', '>', at)
        .orWhere(same =>
          same.where('sla_due_at', '=', at).andWhere('number', '>', after.n),
        ),
    );
  }
  const rows: IncidentRow[] = await rowsQuery;
  const items = await query.items(rows.slice(0, options.limit));
  const last = items[items.length - 1];
  return {
    items,
    totalCount: Number(countRow?.count ?? 0),
    ...(rows.length > options.limit && last?.slaDueAt
      ? { nextCursor: encodeSlaCursor(last.slaDueAt, last.number) }
      : {}),
  };
}
