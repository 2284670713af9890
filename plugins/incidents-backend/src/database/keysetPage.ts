import { Incident, Page, PageTotal } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { ListIncidentsOptions } from './IncidentsStore';

type Direction = 'asc' | 'desc';

/** An order as knex takes it. */
export type PageOrder = { column: string; order: Direction }[];

/**
 * The incidents that a query of their ids selects (a page and one more), in `order`, with
 * their entities and commanders, as one statement (`id in (...)`): one round trip a page.
 */
export type PageItems = (
  ids: Knex.QueryBuilder,
  order: PageOrder,
) => Promise<Incident[]>;

/**
 * The total of a list: a first page that holds every match is its own count; otherwise the
 * capped count of `count`.
 */
export function pageTotal(
  options: Pick<ListIncidentsOptions, 'cursor' | 'limit'>,
  found: number,
  count: () => Promise<PageTotal>,
): Promise<PageTotal> {
  if (!options.cursor && found <= options.limit) {
    return Promise.resolve({ count: found, capped: false });
  }
  return count();
}

/**
 * One page of incidents in a two-column keyset order, a leading column then the unique
 * number: the ids from the filtered query (past the cursor's position, from the indexes alone
 * where they can), and their rows in the same statement. The orders other than newest-first
 * (`sort=sla`, `sort=severity`) are this with their columns.
 */
export async function keysetPage(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: PageItems;
    total?: () => Promise<PageTotal>;
  },
  order: {
    column: string;
    direction: Direction;
    numberDirection: Direction;
    /**
     * Copies of the two columns in a table the filtered query joins, to order the ids by
     * (an index over the copies yields the page directly); the rows keep the incidents' own.
     */
    copies?: { column: string; number: string };
    /** The decoded cursor: the last row's leading value (as the column holds it) and number. */
    after?: { value: Knex.Value; number: number };
    /** The cursor after this incident; undefined when it has no place in the order. */
    cursorOf: (incident: Incident) => string | undefined;
  },
): Promise<Page<Incident>> {
  const beyond = (direction: Direction) => (direction === 'asc' ? '>' : '<');
  const sequence: PageOrder = [
    { column: order.column, order: order.direction },
    { column: 'incidents.number', order: order.numberDirection },
  ];
  const leading = order.copies?.column ?? order.column;
  const number = order.copies?.number ?? 'incidents.number';
  const rowsQuery = query
    .filtered()
    .select('incidents.id')
    .whereNotNull(leading)
    .orderBy([
      { column: leading, order: order.direction },
      { column: number, order: order.numberDirection },
    ])
    .limit(options.limit + 1);
  const after = order.after;
  if (after) {
    rowsQuery.where(inner =>
      inner
        .where(leading, beyond(order.direction), after.value)
        .orWhere(same =>
          same
            .where(leading, '=', after.value)
            .andWhere(number, beyond(order.numberDirection), after.number),
        ),
    );
  }
  const found = await query.items(rowsQuery, sequence);
  const items = found.slice(0, options.limit);
  const last = items[items.length - 1];
  const nextCursor =
    found.length > options.limit && last ? order.cursorOf(last) : undefined;
  return {
    items,
    ...(options.includeTotal && query.total
      ? { total: await pageTotal(options, found.length, query.total) }
      : {}),
    ...(nextCursor ? { nextCursor } : {}),
  };
}
