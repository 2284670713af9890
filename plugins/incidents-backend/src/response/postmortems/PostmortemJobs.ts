import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { Knex } from 'knex';
import { enqueueEffects } from '../../database/outbox';
import { overdueActionItemsByOwner } from '../../database/postmortems/actionItems';
import { claimOverduePostmortems } from '../../database/postmortems/overdue';
import { Clock } from '../../domain/clock';
import { overdueNotice, weeklyCadenceNotices } from '../../domain/postmortem';

export const POSTMORTEM_OVERDUE_TASK_ID = 'incidents-postmortem-overdue';
export const ACTION_ITEM_CADENCE_TASK_ID = 'incidents-action-item-cadence';

/** How often the two jobs run: `incidents.postmortems.checkFrequency` sets both. */
export interface PostmortemJobsSchedule {
  overdue: HumanDuration;
  cadence: HumanDuration;
}

export function readPostmortemJobsSchedule(
  config: Config,
): PostmortemJobsSchedule {
  const key = 'incidents.postmortems.checkFrequency';
  if (!config.has(key))
    return { overdue: { minutes: 15 }, cadence: { hours: 1 } };
  try {
    const frequency = readDurationFromConfig(config, { key });
    return { overdue: frequency, cadence: frequency };
  } catch (error) {
    throw new Error(`Invalid config at '${key}': ${(error as Error).message}`);
  }
}

/**
 * The follow-up jobs of Phase 4, each a global scheduler task whose effects go through the
 * outbox: overdue postmortems flagged and notified to the IC and owning teams once per due
 * time; each owning team told of its overdue action items once per week (the spec's
 * maintenance cadence). Both are safe with several replicas: a conditional claim for the
 * first, the outbox's unique key (team + week) for the second.
 */
export class PostmortemJobs {
  constructor(
    private readonly deps: {
      db: Knex;
      clock: Clock;
      logger: LoggerService;
      /** Starts delivery after a commit that wrote effects. */
      kick?: () => Promise<unknown> | void;
    },
  ) {}

  async notifyOverduePostmortems(): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const claimed = await db.transaction(async trx => {
      const overdue = await claimOverduePostmortems(trx, now);
      for (const { incident, dueAt } of overdue) {
        await enqueueEffects(
          trx,
          overdueNotice(incident, dueAt),
          now,
          incident.id,
        );
      }
      return overdue.length;
    });
    if (claimed > 0) {
      this.deps.logger.info(`Flagged ${claimed} overdue postmortem(s)`);
      await this.deps.kick?.();
    }
    return claimed;
  }

  async remindOverdueActionItems(): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const effects = weeklyCadenceNotices(
      await overdueActionItemsByOwner(db, now),
      now,
    );
    if (effects.length === 0) return 0;
    // A team already told this week has its key in the outbox: the insert is a no-op.
    await db.transaction(trx => enqueueEffects(trx, effects, now));
    await this.deps.kick?.();
    return effects.length;
  }

  /**
   * Schedules both as global tasks. The cadence runs hourly by default so that a week is
   * never missed while a replica is down; its key makes it fire once per team and week.
   */
  async schedule(
    scheduler: SchedulerService,
    options: {
      /** How often each job runs (default: overdue every 15 minutes, cadence hourly). */
      frequency?: PostmortemJobsSchedule;
      /** Stops the tasks (tests). */
      signal?: AbortSignal;
    } = {},
  ): Promise<void> {
    const { signal } = options;
    const frequency = options.frequency ?? {
      overdue: { minutes: 15 },
      cadence: { hours: 1 },
    };
    await scheduler.scheduleTask({
      id: POSTMORTEM_OVERDUE_TASK_ID,
      frequency: frequency.overdue,
      timeout: { minutes: 5 },
      scope: 'global',
      ...(signal ? { signal } : {}),
      fn: async () => {
        await this.notifyOverduePostmortems();
      },
    });
    await scheduler.scheduleTask({
      id: ACTION_ITEM_CADENCE_TASK_ID,
      frequency: frequency.cadence,
      timeout: { minutes: 5 },
      scope: 'global',
      ...(signal ? { signal } : {}),
      fn: async () => {
        await this.remindOverdueActionItems();
      },
    });
  }
}
