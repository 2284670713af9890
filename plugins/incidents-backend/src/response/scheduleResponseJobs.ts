import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';

const KEY = 'incidents.paging.escalation';

export const PAGE_ESCALATION_TASK_ID = 'incidents-page-escalation';
export const BACKLOG_ASSIGNMENT_TASK_ID = 'incidents-backlog-assignment';
export const OUTBOX_DELIVERY_TASK_ID = 'incidents-outbox-delivery';
export const COPY_REPAIR_TASK_ID = 'incidents-copy-repair';

/** How often the index copies of incidents are checked for rows an older replica wrote. */
const COPY_REPAIR_FREQUENCY: HumanDuration = { minutes: 5 };

/** `incidents.paging.escalation`: how often the response jobs run. */
export interface ResponseJobsSchedule {
  enabled: boolean;
  frequency: HumanDuration;
  timeout: HumanDuration;
  /** How often the outbox is swept for effects no replica delivered (`incidents.outbox.frequency`). */
  delivery: HumanDuration;
}

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
) {
  if (!config?.has(key)) {
    return fallback;
  }
  try {
    return readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(
      `Invalid config at '${KEY}.${key}': ${(error as Error).message}`,
    );
  }
}

export function readResponseJobsSchedule(config: Config): ResponseJobsSchedule {
  const section = config.getOptionalConfig(KEY);
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? true,
    frequency: duration(section, 'frequency', { minutes: 1 }),
    timeout: duration(section, 'timeout', { minutes: 5 }),
    delivery: duration(
      config.getOptionalConfig('incidents.outbox'),
      'frequency',
      { seconds: 10 },
    ),
  };
}

/**
 * Schedules outbox delivery, the repair of index copies, page escalation and the SEV4
 * backlog hand-over as global tasks: the scheduler runs each on one replica at a time (it
 * locks tasks in the database), and the jobs claim their work with conditional updates, so
 * nothing fires twice.
 */
export async function scheduleResponseJobs(options: {
  scheduler: SchedulerService;
  schedule: ResponseJobsSchedule;
  logger: LoggerService;
  escalatePages: () => Promise<number>;
  assignBacklog: () => Promise<number>;
  /** Delivers what a replica committed but did not deliver (it died, or delivery failed). */
  deliverOutbox: () => Promise<number>;
  /** Repairs the index copies that replicas of an older version wrote; rows rewritten. */
  repairCopies: () => Promise<number>;
  signal?: AbortSignal;
}): Promise<void> {
  const { scheduler, schedule, logger } = options;
  await scheduler.scheduleTask({
    id: OUTBOX_DELIVERY_TASK_ID,
    frequency: schedule.delivery,
    timeout: schedule.timeout,
    scope: 'global',
    ...(options.signal ? { signal: options.signal } : {}),
    fn: async () => {
      await options.deliverOutbox();
    },
  });
  await scheduler.scheduleTask({
    id: COPY_REPAIR_TASK_ID,
    frequency: COPY_REPAIR_FREQUENCY,
    // A replica that ran the migrations repaired them as it started.
    initialDelay: COPY_REPAIR_FREQUENCY,
    timeout: COPY_REPAIR_FREQUENCY,
    scope: 'global',
    ...(options.signal ? { signal: options.signal } : {}),
    fn: async () => {
      const repaired = await options.repairCopies();
      if (repaired > 0) {
        logger.info(
          `Repaired the index copies of ${repaired} entity and role rows that did not match their incident (written by an older replica, or raced with a change)`,
        );
      }
    },
  });
  if (!schedule.enabled) {
    logger.info(`Page escalation is disabled (${KEY}.enabled: false)`);
    return;
  }
  const definition: SchedulerServiceTaskScheduleDefinition = {
    frequency: schedule.frequency,
    timeout: schedule.timeout,
    scope: 'global',
  };
  await scheduler.scheduleTask({
    id: PAGE_ESCALATION_TASK_ID,
    ...definition,
    ...(options.signal ? { signal: options.signal } : {}),
    fn: async () => {
      await options.escalatePages();
    },
  });
  await scheduler.scheduleTask({
    id: BACKLOG_ASSIGNMENT_TASK_ID,
    ...definition,
    ...(options.signal ? { signal: options.signal } : {}),
    fn: async () => {
      await options.assignBacklog();
    },
  });
}
