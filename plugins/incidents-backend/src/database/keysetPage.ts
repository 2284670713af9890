import { Incident, Page, PageTotal } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { ListIncidentsOptions } from './IncidentsStore';

type Direction = 'asc' | 'desc';

/**
 * One page of incidents in a two-column keyset order, a leading column then the unique
 * number: the ids from the filtered query (past the cursor's position), then their rows. The
 * orders other than newest-first (`sort=sla`, `sort=severity`) are this with their columns.
 */
export async function keysetPage(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: (ids: string[]) => Promise<Incident[]>;
    total?: () => Promise<PageTotal>;
  },
  order: {
    column: string;
    direction: Direction;
    numberDirection: Direction;
    /** The decoded cursor: the last row's leading value (as the column holds it) and number. */
    after?: { value: Knex.Value; number: number };
    /** The cursor after this incident; undefined when it has no place in the order. */
    cursorOf: (incident: Incident) => string | undefined;
  },
): Promise<Page<Incident>> {
  const beyond = (direction: Direction) => (direction === 'asc' ? '>' : '<');
  const rowsQuery = query
    .filtered()
    .select('incidents.id')
    .whereNotNull(order.column)
    .orderBy([
      { column: order.column, order: order.direction },
      { column: 'incidents.number', order: order.numberDirection },
    ])
    .limit(options.limit + 1);
  const after = order.after;
  if (after) {
    rowsQuery.where(inner =>
      inner
        .where(order.column, beyond(order.direction), after.value)
        .orWhere(same =>
          same
            .where(order.column, '=', after.value)
            .andWhere(
              'incidents.number',
              beyond(order.numberDirection),
              after.number,
            ),
        ),
    );
  }
  const rows: { id: string }[] = await rowsQuery;
  const items = await query.items(rows.slice(0, options.limit).map(r => r.id));
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > options.limit && last ? order.cursorOf(last) : undefined;
  return {
    items,
    ...(options.includeTotal && query.total
      ? { total: await query.total() }
      : {}),
    ...(nextCursor ? { nextCursor } : {}),
  };
}
