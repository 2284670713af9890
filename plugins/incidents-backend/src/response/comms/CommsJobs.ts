import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  formatIncidentRef,
  owningGroups,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { IncidentTransactions } from '../../database/IncidentTransactions';
import { enqueueEffects } from '../../database/outbox';
import {
  listDueUpdatePrompts,
  recordUpdatePrompts,
} from '../../database/communication/updatePrompts';
import { readRelated } from '../../database/incidentRelated';
import { NotifyEffect } from '../../domain/effects';
import { toIsoString } from '../../database/rows';
import { listIncidentsWithSlaDue } from '../../database/sla/slaRecords';
import { UpdateCadence } from '../../domain/communication';
import { SYSTEM_ACTOR } from '../../domain/response/names';
import { CommsConfig } from './commsConfig';
import { Clock } from '../../domain/clock';

export const SLA_TASK_ID = 'incidents-sla-breaches';
export const UPDATE_PROMPT_TASK_ID = 'incidents-update-prompts';

const BATCH = 200;

/**
 * Records the SLA breaches and warnings that are due: each due incident takes an (empty)
 * write under its lock, whose SLA hook records them exactly once however many replicas run
 * this at the same time.
 */
export async function runSlaSweep(deps: {
  db: Knex;
  incidents: IncidentTransactions;
  clock: Clock;
}): Promise<number> {
  const now = deps.clock.now();
  const ids = await listIncidentsWithSlaDue(deps.db, now, BATCH);
  for (const id of ids) {
    await deps.incidents.mutateIncidentWith(
      { id },
      { actor: SYSTEM_ACTOR, at: now.toISOString() },
      async () => ({ change: { fields: {}, timeline: [] }, result: undefined }),
    );
  }
  return ids.length;
}

/**
 * Reminds the incident commander (or the owning teams) that a stakeholder update is due, once
 * per due time: the due time prompted is recorded with the prompt, in one transaction, and the
 * outbox key names it too, so replicas and reruns add nothing. Each run reads only the due,
 * unprompted incidents (at most {@link BATCH}, the longest overdue first), not every open one.
 */
export async function runUpdatePrompts(deps: {
  db: Knex;
  cadence: UpdateCadence;
  clock: Clock;
}): Promise<number> {
  const { db, cadence } = deps;
  const now = deps.clock.now();
  const rows = await listDueUpdatePrompts(db, cadence, now, BATCH);
  if (rows.length === 0) return 0;
  const related = await readRelated(
    db,
    rows.map(row => row.id),
  );
  const effects: NotifyEffect[] = [];
  const prompted: { incidentId: string; dueAt: string }[] = [];
  for (const row of rows) {
    const due = toIsoString(row.due_at);
    prompted.push({ incidentId: row.id, dueAt: due });
    const commander = related.commanders.get(row.id);
    const recipients = commander
      ? [commander]
      : owningGroups(
          (related.entities.get(row.id) ?? []).map(e => ({
            entityRef: e.entity_ref,
            relation: e.relation,
            ownerRef: e.owner_ref ?? undefined,
          })),
        );
    if (recipients.length === 0) continue;
    const ref = formatIncidentRef(Number(row.number));
    effects.push({
      type: 'notify',
      key: `comms-prompt:${row.id}:${due}`,
      recipients,
      payload: {
        title: `Stakeholder update due: ${ref} ${row.severity} ${row.title}`,
        description: `The ${
          row.severity
        } update cadence asks for an update every ${
          cadence[row.severity]
        } minutes; one was due at ${due}.`,
        link: `/incidents/${ref}`,
        severity: row.severity === 'SEV1' ? 'critical' : 'high',
        topic: 'incident-update-prompt',
      },
    });
  }
  await db.transaction(async trx => {
    await recordUpdatePrompts(trx, prompted);
    await enqueueEffects(trx, effects, now);
  });
  return effects.length;
}

export async function scheduleCommsJobs(options: {
  scheduler: SchedulerService;
  config: CommsConfig;
  logger: LoggerService;
  sweep: () => Promise<number>;
  prompt: () => Promise<number>;
  signal?: AbortSignal;
}): Promise<void> {
  const { scheduler, config } = options;
  const definition = {
    frequency: config.jobs.frequency,
    timeout: config.jobs.timeout,
    scope: 'global' as const,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  await scheduler.scheduleTask({
    id: SLA_TASK_ID,
    ...definition,
    fn: async () => {
      const n = await options.sweep();
      if (n > 0) options.logger.info(`SLA sweep evaluated ${n} incident(s)`);
    },
  });
  await scheduler.scheduleTask({
    id: UPDATE_PROMPT_TASK_ID,
    ...definition,
    fn: async () => {
      await options.prompt();
    },
  });
}
