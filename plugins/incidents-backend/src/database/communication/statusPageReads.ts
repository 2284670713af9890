import { OPEN_PHASES, Severity } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { PublicUpdateRow } from '../../domain/communication/statusPage';
import {
  DbTimestamp,
  optionalIso,
  parseJson,
  toDbTimestamp,
  toIsoString,
} from '../rows';

interface Row {
  public_incident_id: string;
  title: string | null;
  body: string;
  posted_at: DbTimestamp;
  components: string | null;
  severity: Severity;
  declared_at: DbTimestamp;
  resolved_at: DbTimestamp | null;
  closed_at: DbTimestamp | null;
}

/** Only public columns: the text published, its headline, and the incident's public facts. */
function publicColumns(db: Knex) {
  return db('incident_comms_updates as u')
    .join('incidents as i', 'i.id', 'u.incident_id')
    .where('u.audience', 'status-page')
    .where('i.restricted', false)
    .whereNotNull('u.public_incident_id')
    .select(
      'u.public_incident_id',
      'u.title',
      'u.body',
      'u.posted_at',
      'u.components',
      'i.severity',
      'i.declared_at',
      'i.resolved_at',
      'i.closed_at',
    );
}

/**
 * The status page updates of the last `since` (served by the audience/time index) and those
 * of incidents still open however old (few), never of a restricted incident.
 */
export async function readPublicUpdates(
  db: Knex,
  since: Date,
): Promise<PublicUpdateRow[]> {
  const recent: Row[] = await publicColumns(db).where(
    'u.posted_at',
    '>=',
    toDbTimestamp(since.toISOString()),
  );
  const open: Row[] = await publicColumns(db).whereIn('i.phase', OPEN_PHASES);
  const seen = new Set<string>();
  const rows: PublicUpdateRow[] = [];
  for (const row of [...recent, ...open]) {
    const key = `${row.public_incident_id}|${toIsoString(row.posted_at)}|${
      row.body
    }`;
    if (seen.has(key)) continue;
    seen.add(key);
    const resolvedAt =
      optionalIso(row.resolved_at) ?? optionalIso(row.closed_at);
    rows.push({
      publicIncidentId: row.public_incident_id,
      ...(row.title ? { title: row.title } : {}),
      body: row.body,
      postedAt: toIsoString(row.posted_at),
      components: parseJson(row.components, []),
      severity: row.severity,
      declaredAt: toIsoString(row.declared_at),
      ...(resolvedAt ? { resolvedAt } : {}),
    });
  }
  return rows;
}
