import { Incident, Page, PageTotal } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { decodeSeverityCursor, encodeSeverityCursor } from './cursor';
import { ListIncidentsOptions } from './IncidentsStore';
import { PageItems, keysetPage } from './keysetPage';

/**
 * The incident list by "most severe first": SEV1 before SEV2 (the ids sort as the ranks),
 * newest first within a severity, keyset-paginated on (severity, number). Meant for open
 * incidents, a few percent of all: the route refuses it for closed ones, whose sort would
 * read the whole history.
 */
export function listBySeverity(
  options: ListIncidentsOptions,
  query: {
    filtered: () => Knex.QueryBuilder;
    items: PageItems;
    total: () => Promise<PageTotal>;
  },
  /** The incident_entities copies to order by, when `filtered` joins that table. */
  copies?: { column: string; number: string },
): Promise<Page<Incident>> {
  const after = options.cursor
    ? decodeSeverityCursor(options.cursor)
    : undefined;
  return keysetPage(options, query, {
    column: 'incidents.severity',
    direction: 'asc',
    numberDirection: 'desc',
    copies,
    after: after && { value: after.s, number: after.n },
    cursorOf: incident =>
      encodeSeverityCursor(incident.severity, incident.number),
  });
}
