import { CommsAudience, CommsUpdate } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DbTimestamp, toDbTimestamp, toIsoString } from '../rows';

interface UpdateRow {
  id: string;
  incident_id: string;
  audience: CommsAudience;
  title: string | null;
  body: string;
  author: string;
  posted_at: DbTimestamp;
}

function fromRow(row: UpdateRow): CommsUpdate {
  return {
    id: row.id,
    incidentId: row.incident_id,
    audience: row.audience,
    ...(row.title ? { title: row.title } : {}),
    body: row.body,
    author: row.author,
    postedAt: toIsoString(row.posted_at),
  };
}

/** An incident's stakeholder updates, newest first (bounded). */
export async function listCommsUpdates(
  db: Knex | Knex.Transaction,
  incidentId: string,
  limit = 100,
): Promise<CommsUpdate[]> {
  const rows: UpdateRow[] = await db('incident_comms_updates')
    .where({ incident_id: incidentId })
    .orderBy([
      { column: 'posted_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
  return rows.map(fromRow);
}

/** The opaque public id of an incident, once it has been on the status page. */
export async function readPublicIncidentId(
  db: Knex | Knex.Transaction,
  incidentId: string,
): Promise<string | undefined> {
  const row = await db('incident_comms_updates')
    .where({ incident_id: incidentId, audience: 'status-page' })
    .whereNotNull('public_incident_id')
    .first('public_incident_id');
  return row?.public_incident_id;
}

export async function insertCommsUpdate(
  trx: Knex.Transaction,
  update: CommsUpdate & {
    publicIncidentId?: string;
    components?: { id: string; title: string }[];
  },
): Promise<void> {
  await trx('incident_comms_updates').insert({
    id: update.id,
    incident_id: update.incidentId,
    audience: update.audience,
    title: update.title ?? null,
    body: update.body,
    author: update.author,
    posted_at: toDbTimestamp(update.postedAt),
    public_incident_id: update.publicIncidentId ?? null,
    components: update.components ? JSON.stringify(update.components) : null,
  });
}
