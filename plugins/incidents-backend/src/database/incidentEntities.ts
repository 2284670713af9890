import { Knex } from 'knex';

/** Refs as stored: the catalog's spelling and lower case. */
export const bothCases = (refs: string[]) => [
  ...new Set(refs.flatMap(r => [r, r.toLocaleLowerCase('en-US')])),
];

/**
 * `column in (incidents with one of these owners / entities)`, each a subquery on
 * incident_entities served by its (entity_ref, incident_id) and (owner_ref, incident_id)
 * indexes. Owners are the owners of the incident's entities (a team and its sub-teams);
 * entities are affected or downstream (an entity and its parts).
 */
export function whereIncidentTouches(
  query: Knex.QueryBuilder,
  db: Knex,
  column: string,
  filter: { ownerRefs?: string[]; entityRefs?: string[] },
): void {
  if (filter.ownerRefs) {
    query.whereIn(
      column,
      db('incident_entities')
        .select('incident_entities.incident_id')
        .whereIn('incident_entities.owner_ref', bothCases(filter.ownerRefs)),
    );
  }
  if (filter.entityRefs) {
    query.whereIn(
      column,
      db('incident_entities')
        .select('incident_entities.incident_id')
        .whereIn('incident_entities.entity_ref', bothCases(filter.entityRefs)),
    );
  }
}
