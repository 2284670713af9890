import { Incident, Page, PageTotal } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { decodeSeverityCursor, encodeSeverityCursor } from './cursor';
import { ListIncidentsOptions } from './IncidentsStore';

/**
 * The incident list by "most severe first": SEV1 before SEV2 (the ids sort as the ranks),
 * newest first within a severity, keyset-paginated on (severity, number). Meant for open
 * incidents, a few percent of all: the route refuses it for closed ones, whose sort would
 * read the whole history.
 */
export async function listBySeverity(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: (ids: string[]) => Promise<Incident[]>;
    total: () => Promise<PageTotal>;
  },
): Promise<Page<Incident>> {
  const after = options.cursor
    ? decodeSeverityCursor(options.cursor)
    : undefined;
  const rowsQuery = query
    .filtered()
    .select('incidents.id')
    .orderBy([
      { column: 'incidents.severity', order: 'asc' },
      { column: 'incidents.number', order: 'desc' },
    ])
    .limit(options.limit + 1);
  if (after) {
    rowsQuery.where(inner =>
      inner
        .where('incidents.severity', '>', after.s)
        .orWhere(same =>
          same
            .where('incidents.severity', '=', after.s)
            .andWhere('incidents.number', '<', after.n),
        ),
    );
  }
  const rows: { id: string }[] = await rowsQuery;
  const items = await query.items(rows.slice(0, options.limit).map(r => r.id));
  const last = items[items.length - 1];
  return {
    items,
    ...(options.includeTotal ? { total: await query.total() } : {}),
    ...(rows.length > options.limit && last
      ? { nextCursor: encodeSeverityCursor(last.severity, last.number) }
      : {}),
  };
}
