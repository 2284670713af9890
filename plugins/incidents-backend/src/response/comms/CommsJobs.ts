import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  OPEN_PHASES,
  SEVERITIES,
  Severity,
  owningGroups,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { IncidentTransactions } from '../../database/IncidentTransactions';
import { enqueueEffects } from '../../database/outbox';
import { toIsoString } from '../../database/rows';
import { listIncidentsWithSlaDue } from '../../database/sla/slaRecords';
import { UpdateCadence, nextUpdateDueAt } from '../../domain/communication';
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
 * per due time: the outbox key names the due time, so replicas and reruns add nothing.
 */
export async function runUpdatePrompts(deps: {
  db: Knex;
  cadence: UpdateCadence;
  clock: Clock;
}): Promise<number> {
  const { db, cadence } = deps;
  const now = deps.clock.now();
  const severities = SEVERITIES.filter(s => cadence[s]);
  if (severities.length === 0) return 0;
  const rows: {
    id: string;
    number: number;
    title: string;
    severity: Severity;
    phase: string;
    declared_at: Date | string;
    last_update: Date | string | null;
  }[] = await db('incidents as i')
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
    )
    .limit(1000);
  let prompted = 0;
  for (const row of rows) {
    const due = nextUpdateDueAt(
      {
        severity: row.severity,
        declaredAt: toIsoString(row.declared_at),
        phase: row.phase as any,
      },
      row.last_update ? toIsoString(row.last_update) : undefined,
      cadence,
    );
    if (!due || Date.parse(due) > now.getTime()) continue;
    const [commander, entities] = await Promise.all([
      db('incident_roles')
        .where({ incident_id: row.id, role: 'incident-commander' })
        .first('user_ref'),
      db('incident_entities')
        .where({ incident_id: row.id })
        .select('entity_ref', 'relation', 'owner_ref'),
    ]);
    const recipients = commander
      ? [commander.user_ref as string]
      : owningGroups(
          entities.map(e => ({
            entityRef: e.entity_ref,
            relation: e.relation,
            ownerRef: e.owner_ref ?? undefined,
          })),
        );
    if (recipients.length === 0) continue;
    const ref = `INC-${row.number}`;
    await db.transaction(trx =>
      enqueueEffects(
        trx,
        [
          {
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
          },
        ],
        now,
      ),
    );
    prompted += 1;
  }
  return prompted;
}

/** Schedules both as global tasks (one replica at a time, locked in the database). */
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
