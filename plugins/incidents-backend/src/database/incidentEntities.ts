import { Knex } from 'knex';
import {
  Phase,
  Severity,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
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

/**
 * Keeps what incident_entities and incident_roles copy of their incident (whether it is
 * closed, its severity; migrations 20261201180000, 20261201190100 and 20261202000000) in
 * step with a change, in the change's transaction. Only the copies the change moves are
 * written.
 */
export async function syncIncidentEntities(
  trx: Knex.Transaction,
  incidentId: string,
  change: {
    before: { phase: Phase; severity: Severity };
    phase?: Phase;
    severity?: Severity;
  },
): Promise<void> {
  const { before } = change;
  const copies: Record<string, unknown> = {};
  if (change.phase && isOpenPhase(change.phase) !== isOpenPhase(before.phase)) {
    copies.incident_closed = !isOpenPhase(change.phase);
  }
  if (change.severity && change.severity !== before.severity) {
    copies.incident_severity = change.severity;
  }
  if (Object.keys(copies).length === 0) return;
  await trx('incident_entities')
    .where({ incident_id: incidentId })
    .update(copies);
  await trx('incident_roles').where({ incident_id: incidentId }).update(copies);
}

/**
 * Rewrites the copies of open incidents' rows that differ from their incident: rows that a
 * replica of an older version wrote during a rolling upgrade (no copies, or a severity it
 * changed without moving them). Run as a replica starts; a few thousand index entries.
 */
export async function repairIncidentEntityCopies(db: Knex): Promise<number> {
  const drifted = db('incidents')
    .whereRaw('incidents.id = incident_entities.incident_id')
    .where(w =>
      w
        .whereRaw('incident_entities.incident_number is null')
        .orWhereRaw(
          'incident_entities.incident_severity <> incidents.severity',
        ),
    )
    .select(db.raw('1'));
  return db('incident_entities')
    .whereRaw('not incident_closed')
    .whereExists(drifted)
    .update({
      incident_severity: db('incidents')
        .whereRaw('incidents.id = incident_entities.incident_id')
        .select('severity'),
      incident_number: db('incidents')
        .whereRaw('incidents.id = incident_entities.incident_id')
        .select('number'),
    });
}

/**
 * The same repair for the commanders of open incidents (migration 20261202000000): rows an
 * older replica wrote without copies, or whose incident it closed or re-graded since. Reads
 * the partial index of open incidents' commanders only.
 */
export async function repairIncidentRoleCopies(db: Knex): Promise<number> {
  const incident = (column: string) =>
    db('incidents')
      .whereRaw('incidents.id = incident_roles.incident_id')
      .select(db.raw(column));
  const drifted = db('incidents')
    .whereRaw('incidents.id = incident_roles.incident_id')
    .where(w =>
      w
        .whereRaw('incident_roles.incident_number is null')
        .orWhereRaw('incident_roles.incident_severity <> incidents.severity')
        .orWhere('incidents.phase', 'closed'),
    )
    .select(db.raw('1'));
  return db('incident_roles')
    .where('role', 'incident-commander')
    .whereRaw('not incident_closed')
    .whereExists(drifted)
    .update({
      incident_number: incident('number'),
      incident_severity: incident('severity'),
      incident_restricted: incident('restricted'),
      incident_closed: incident("phase = 'closed'"),
    });
}
