import { Knex } from 'knex';
import {
  Phase,
  Severity,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';

/*
 * The copies of an incident's closure, severity, number and declaration time that
 * incident_entities, incident_roles and incident_action_items carry for their indexes (the
 * open lists, the commander rule, the insights):
 * kept in step in the transactions that change them, and repaired as a replica starts and
 * every few minutes after (`repairIncidentCopies`).
 */

/**
 * Keeps what incident_entities and incident_roles copy of their incident (whether it is
 * closed, its severity; migrations 20261201180000, 20261201190100 and 20261202000000) in
 * step with a change, in the change's transaction. Only the copies the change moves are
 * written.
 */
export async function syncIncidentCopies(
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

/**
 * The same repair for the declaration times that the insights read (migration
 * 20261203000000): rows an older replica wrote without them. The time never changes, so only
 * missing copies are written; the insights' indexes lead with the copy and find them.
 */
export async function repairInsightsCopies(db: Knex): Promise<number> {
  const declaredAt = (table: string) =>
    db('incidents')
      .whereRaw(`incidents.id = ${table}.incident_id`)
      .select('declared_at');
  const entities = await db('incident_entities')
    .whereNull('incident_declared_at')
    .where('relation', 'affected')
    .whereNotNull('owner_ref')
    .update({ incident_declared_at: declaredAt('incident_entities') });
  const items = await db('incident_action_items')
    .whereNull('incident_declared_at')
    .update({ incident_declared_at: declaredAt('incident_action_items') });
  return entities + items;
}

/**
 * The three repairs; the number of rows rewritten. Run as a replica starts, and as a scheduled job
 * (`incidents-copy-repair`, on one replica at a time): during a rolling upgrade, what a
 * replica of the older version writes after the last new one started is repaired within
 * minutes, and so is a row that a repair raced with a change.
 */
export async function repairIncidentCopies(db: Knex): Promise<number> {
  return (
    (await repairIncidentEntityCopies(db)) +
    (await repairIncidentRoleCopies(db)) +
    (await repairInsightsCopies(db))
  );
}
