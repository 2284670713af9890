import { TimelineEntry } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { IncidentKey } from '../IncidentsStore';
import { TimelineRow, timelineEntryFromRow } from '../rows';

/** The timeline kinds section 3 is built from. */
const DRAFT_KINDS = ['declared', 'role', 'transition', 'status'];

/**
 * What the draft builder reads of an incident inside the write's transaction: the timeline
 * entries section 3 is made of (the first alert, declaration, roles, transitions, status
 * updates; bounded) and the current role holders.
 */
export async function readDraftFacts(
  trx: Knex.Transaction,
  incidentId: string,
): Promise<{
  timeline: TimelineEntry[];
  roles: { role: string; userRef: string }[];
}> {
  const rows: TimelineRow[] = await trx('incident_timeline')
    .where({ incident_id: incidentId })
    .whereIn('kind', DRAFT_KINDS)
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(2000);
  const firstAlert: TimelineRow | undefined = await trx('incident_timeline')
    .where({ incident_id: incidentId, kind: 'alert' })
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .first();
  const roles: { role: string; user_ref: string }[] = await trx(
    'incident_roles',
  )
    .where({ incident_id: incidentId })
    .orderBy('assigned_at')
    .select('role', 'user_ref');
  return {
    timeline: [...(firstAlert ? [firstAlert] : []), ...rows].map(
      timelineEntryFromRow,
    ),
    roles: roles.map(r => ({ role: r.role, userRef: r.user_ref })),
  };
}

/** Who holds (or held) a role in the incident of `key`, read outside any transaction. */
export async function roleHolders(
  db: Knex,
  key: IncidentKey,
): Promise<string[]> {
  const rows: { user_ref: string }[] = await db('incident_roles')
    .join('incidents', 'incidents.id', 'incident_roles.incident_id')
    .where(
      'id' in key ? 'incidents.id' : 'incidents.number',
      'id' in key ? key.id : key.number,
    )
    .distinct('incident_roles.user_ref');
  return rows.map(r => r.user_ref);
}
