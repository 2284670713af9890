import { Knex } from 'knex';
import { isPostgres } from './dialect';

/** Refs as stored: the catalog's spelling and lower case. */
export const bothCases = (refs: string[]) => [
  ...new Set(refs.flatMap(r => [r, r.toLocaleLowerCase('en-US')])),
];

/**
 * `column in (incidents with one of these owners / entities)`, each a subquery on
 * incident_entities served by its (entity_ref, incident_id) and (owner_ref, incident_id)
 * indexes. Owners are the owners of the incident's entities (a team and its sub-teams);
 * entities are affected or downstream (an entity and its parts).
 *
 * With `openOnly` (the caller lists open incidents only) the subquery reads the partial
 * indexes of open incidents' rows (migration 20261201180000), a few percent of an entity's
 * history. PostgreSQL then takes the ids as one array (`= any(array(...))`), so that it
 * fetches those incidents by key instead of hashing every open incident to join them.
 */
export function whereIncidentTouches(
  query: Knex.QueryBuilder,
  db: Knex,
  column: string,
  filter: { ownerRefs?: string[]; entityRefs?: string[]; openOnly?: boolean },
): void {
  const touching = (refColumn: string, refs: string[]) => {
    const ids = db('incident_entities')
      .select('incident_entities.incident_id')
      .whereIn(refColumn, bothCases(refs));
    if (!filter.openOnly) {
      query.whereIn(column, ids);
      return;
    }
    ids.whereRaw('not incident_entities.incident_closed');
    if (isPostgres(db)) {
      query.whereRaw('?? = any(array(?))', [column, ids]);
    } else {
      query.whereIn(column, ids);
    }
  };
  if (filter.ownerRefs) {
    touching('incident_entities.owner_ref', filter.ownerRefs);
  }
  if (filter.entityRefs) {
    touching('incident_entities.entity_ref', filter.entityRefs);
  }
}
