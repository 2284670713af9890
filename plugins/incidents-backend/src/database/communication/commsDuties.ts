import {
  CommsAudience,
  CommsDuty,
  IncidentPolicy,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { planDuties } from '../../domain/communication';
import { DbTimestamp, optionalIso, toDbTimestamp, toIsoString } from '../rows';
import {
  IncidentWrite,
  IncidentWriteHook,
  IncidentWriteOutcome,
} from '../writeHooks';

interface DutyRow {
  incident_id: string;
  duty_id: string;
  title: string;
  audience: CommsAudience;
  optional: boolean | number;
  severity: Severity;
  due_at: DbTimestamp;
  done_at: DbTimestamp | null;
  done_by: string | null;
  update_id: string | null;
  retired: boolean | number;
}

function fromRow(row: DutyRow): CommsDuty {
  const doneAt = optionalIso(row.done_at);
  return {
    id: row.duty_id,
    title: row.title,
    audience: row.audience,
    optional: Boolean(row.optional),
    severity: row.severity,
    dueAt: toIsoString(row.due_at),
    ...(doneAt ? { doneAt } : {}),
    ...(row.done_by ? { doneBy: row.done_by } : {}),
    ...(row.update_id ? { updateId: row.update_id } : {}),
    ...(row.retired ? { retired: true } : {}),
  };
}

/** The communication checklist of an incident, earliest due first. */
export async function readCommsDuties(
  db: Knex | Knex.Transaction,
  incidentId: string,
): Promise<CommsDuty[]> {
  const rows: DutyRow[] = await db('incident_comms_duties')
    .where({ incident_id: incidentId })
    .orderBy([
      { column: 'due_at', order: 'asc' },
      { column: 'duty_id', order: 'asc' },
    ]);
  return rows.map(fromRow);
}

export async function upsertCommsDuties(
  trx: Knex.Transaction,
  incidentId: string,
  duties: CommsDuty[],
): Promise<void> {
  if (duties.length === 0) return;
  // One statement for the whole checklist.
  await trx('incident_comms_duties')
    .insert(
      duties.map(duty => ({
        incident_id: incidentId,
        duty_id: duty.id,
        title: duty.title,
        audience: duty.audience,
        optional: duty.optional,
        severity: duty.severity,
        due_at: toDbTimestamp(duty.dueAt),
        done_at: duty.doneAt ? toDbTimestamp(duty.doneAt) : null,
        done_by: duty.doneBy ?? null,
        update_id: duty.updateId ?? null,
        retired: duty.retired ?? false,
      })),
    )
    .onConflict(['incident_id', 'duty_id'])
    .merge();
}

/**
 * Keeps the communication checklist in step with the severity: written at declaration,
 * re-planned when a write changes the severity (in the same transaction).
 */
export class CommsDutiesHook implements IncidentWriteHook {
  constructor(private readonly policy: IncidentPolicy) {}

  async afterWrite(
    trx: Knex.Transaction,
    write: IncidentWrite,
  ): Promise<IncidentWriteOutcome> {
    const { before, after } = write;
    const none = { timeline: [], effects: [] };
    if (before && before.severity === after.severity) {
      return none;
    }
    const level = this.policy.severities.find(s => s.id === after.severity);
    if (!level) {
      return none;
    }
    const stored = before ? await readCommsDuties(trx, after.id) : [];
    const plan = planDuties({
      incident: after,
      level,
      stored,
      now: new Date(write.at),
    });
    await upsertCommsDuties(trx, after.id, plan.upsert);
    if (plan.remove.length > 0) {
      await trx('incident_comms_duties')
        .where({ incident_id: after.id })
        .whereIn('duty_id', plan.remove)
        .whereNull('done_at')
        .delete();
    }
    const added = plan.upsert.filter(d => !stored.some(s => s.id === d.id));
    if (!before || (added.length === 0 && plan.remove.length === 0)) {
      return none;
    }
    return {
      timeline: [
        {
          kind: 'comms',
          body: `Communication duties for ${after.severity}: ${
            added.length
              ? `added ${added.map(d => d.title).join(', ')} (due now)`
              : 'none added'
          }${
            plan.remove.length
              ? `; no longer needed: ${plan.remove.join(', ')}`
              : ''
          }`,
          details: {
            duties: 'changed',
            severity: after.severity,
            added: added.map(d => d.id),
            removed: plan.remove,
          },
        },
      ],
      effects: [],
    };
  }
}
