import { OPEN_PHASES, Severity } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { UpdateCadence } from '../../domain/communication';
import { isPostgres } from '../dialect';
import { DbTimestamp, toDbTimestamp } from '../rows';

/** An open incident whose stakeholder update is due and not prompted yet. */
export interface DueUpdatePromptRow {
  id: string;
  number: number | string;
  title: string;
  severity: Severity;
  /** When its update is due: the time its prompt is for (whole milliseconds). */
  due_at: DbTimestamp;
}

/**
 * The open, unresolved incidents whose next stakeholder update (a cadence after the last
 * update, or after the declaration) is due at `now` and was not prompted for that due time;
 * the longest overdue first. The due time (a cadence after the last update or the
 * declaration, as `nextUpdateDueAt` has it) is worked out in the database, so the job reads
 * only what it will send, however many incidents are open.
 */
export async function listDueUpdatePrompts(
  db: Knex,
  cadence: UpdateCadence,
  now: Date,
  limit: number,
): Promise<DueUpdatePromptRow[]> {
  const severities = (Object.keys(cadence) as Severity[]).filter(
    s => cadence[s],
  );
  if (severities.length === 0) return [];
  const open = db('incidents as i')
    .whereIn('i.phase', OPEN_PHASES)
    .whereNull('i.resolved_at')
    .whereIn('i.severity', severities)
    .select(
      'i.id',
      'i.number',
      'i.title',
      'i.severity',
      'i.phase',
      'i.declared_at',
      db('incident_comms_updates as u')
        .max('u.posted_at')
        .whereRaw('u.incident_id = i.id')
        .as('last_update'),
      db('incident_update_prompts as p')
        .select('p.due_at')
        .whereRaw('p.incident_id = i.id')
        .as('prompted_due'),
    );
  const minutes = `(case c.severity ${severities
    .map(s => `when '${s}' then ${Number(cadence[s])}`)
    .join(' ')} end)`;
  const since = 'coalesce(c.last_update, c.declared_at)';
  // Whole milliseconds on PostgreSQL too (a timestamp written by SQL has microseconds), so
  // that the due time recorded through JavaScript compares equal to the one worked out here.
  const due = isPostgres(db)
    ? `date_trunc('milliseconds', greatest(c.declared_at, ${since}) + ${minutes} * interval '1 minute')`
    : `(max(c.declared_at, ${since}) + ${minutes} * 60000)`;
  return (
    db
      .from(open.as('c'))
      .whereRaw(`${due} <= ?`, [toDbTimestamp(now.toISOString())])
      // Prompted for another due time (a later update moved it on; a raised severity or a
      // shorter cadence moved it back): due again.
      .where(w =>
        w.whereNull('c.prompted_due').orWhereRaw(`c.prompted_due <> ${due}`),
      )
      .orderByRaw(due)
      .limit(limit)
      .select(
        'c.id',
        'c.number',
        'c.title',
        'c.severity',
        db.raw(`${due} as due_at`),
      )
  );
}

/** Records the due times just prompted for, in the transaction that queues the prompts. */
export async function recordUpdatePrompts(
  trx: Knex.Transaction,
  prompts: { incidentId: string; dueAt: string }[],
): Promise<void> {
  if (prompts.length === 0) return;
  await trx('incident_update_prompts')
    .insert(
      prompts.map(p => ({
        incident_id: p.incidentId,
        due_at: toDbTimestamp(p.dueAt),
      })),
    )
    .onConflict('incident_id')
    .merge();
}
