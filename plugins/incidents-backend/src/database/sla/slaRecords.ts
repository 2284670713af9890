import {
  OPEN_PHASES,
  SlaMilestone,
  SlaRecord,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DbTimestamp, optionalIso, toDbTimestamp, toIsoString } from '../rows';

interface SlaRow {
  incident_id: string;
  milestone: SlaMilestone;
  due_at: DbTimestamp;
  warn_at: DbTimestamp;
  warned_at: DbTimestamp | null;
  met_at: DbTimestamp | null;
  breached_at: DbTimestamp | null;
}

function fromRow(row: SlaRow): SlaRecord {
  const warnedAt = optionalIso(row.warned_at);
  const metAt = optionalIso(row.met_at);
  const breachedAt = optionalIso(row.breached_at);
  return {
    milestone: row.milestone,
    dueAt: toIsoString(row.due_at),
    warnAt: toIsoString(row.warn_at),
    ...(warnedAt ? { warnedAt } : {}),
    ...(metAt ? { metAt } : {}),
    ...(breachedAt ? { breachedAt } : {}),
  };
}

const ORDER: Record<SlaMilestone, number> = {
  acknowledge: 0,
  mitigate: 1,
  resolve: 2,
};

/** The SLA clocks of one incident, in the order of the spec's table. */
export async function readSlaRecords(
  db: Knex | Knex.Transaction,
  incidentId: string,
): Promise<SlaRecord[]> {
  const rows: SlaRow[] = await db('incident_sla').where({
    incident_id: incidentId,
  });
  return rows
    .map(fromRow)
    .sort((a, b) => ORDER[a.milestone] - ORDER[b.milestone]);
}

/**
 * The breach records of an incident (what the postmortem's "SLA Breach: yes/no, which"
 * reads): the clocks that ran out, once each.
 */
export async function readSlaBreaches(
  db: Knex | Knex.Transaction,
  incidentId: string,
): Promise<SlaRecord[]> {
  return (await readSlaRecords(db, incidentId)).filter(r => r.breachedAt);
}

/**
 * Writes the changed clocks and the incident's next due time (unless it is the one stored,
 * `storedDueAt`). Runs under the incident's row lock; the primary key (incident, milestone)
 * is the last line of defence against a second breach record.
 */
export async function writeSlaRecords(
  trx: Knex.Transaction,
  incidentId: string,
  records: SlaRecord[],
  nextDueAt: string | undefined,
  storedDueAt?: string,
): Promise<void> {
  if (records.length > 0) {
    // One statement for every changed clock.
    await trx('incident_sla')
      .insert(
        records.map(record => ({
          incident_id: incidentId,
          milestone: record.milestone,
          due_at: toDbTimestamp(record.dueAt),
          warn_at: toDbTimestamp(record.warnAt),
          warned_at: record.warnedAt ? toDbTimestamp(record.warnedAt) : null,
          met_at: record.metAt ? toDbTimestamp(record.metAt) : null,
          breached_at: record.breachedAt
            ? toDbTimestamp(record.breachedAt)
            : null,
        })),
      )
      .onConflict(['incident_id', 'milestone'])
      .merge();
  }
  const at = (iso: string | undefined) =>
    iso === undefined ? undefined : new Date(iso).getTime();
  if (at(nextDueAt) === at(storedDueAt)) return;
  await trx('incidents')
    .where({ id: incidentId })
    .update({ sla_due_at: nextDueAt ? toDbTimestamp(nextDueAt) : null });
}

/**
 * Incidents with a clock that ran out or entered its warning lead and is not recorded yet,
 * served by the two partial indexes of incident_sla; plus open incidents whose clocks were
 * never evaluated (declared before this table existed).
 */
export async function listIncidentsWithSlaDue(
  db: Knex,
  now: Date,
  limit: number,
): Promise<string[]> {
  const at = toDbTimestamp(now.toISOString());
  const open = db('incidents').select('id').whereIn('phase', OPEN_PHASES);
  const overdue = await db('incident_sla')
    .whereIn('incident_id', open.clone())
    .whereNull('met_at')
    .whereNull('breached_at')
    .where('due_at', '<', at)
    .orderBy('due_at')
    .limit(limit)
    .pluck('incident_id');
  const warn = await db('incident_sla')
    .whereIn('incident_id', open.clone())
    .whereNull('warned_at')
    .whereNull('met_at')
    .whereNull('breached_at')
    .where('warn_at', '<=', at)
    .orderBy('warn_at')
    .limit(limit)
    .pluck('incident_id');
  const unevaluated = await db('incidents')
    .whereIn('phase', OPEN_PHASES)
    .whereNotExists(
      db('incident_sla')
        .select(db.raw('1'))
        .whereRaw('incident_sla.incident_id = incidents.id'),
    )
    .limit(limit)
    .pluck('id');
  return [...new Set<string>([...overdue, ...warn, ...unevaluated])];
}
