import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  COPY_REPAIR_TASK_ID,
  OUTBOX_DELIVERY_TASK_ID,
  PAGE_ESCALATION_TASK_ID,
  readResponseJobsSchedule,
  scheduleResponseJobs,
} from './scheduleResponseJobs';

type Task = SchedulerServiceTaskScheduleDefinition & {
  id: string;
  fn: () => Promise<void>;
};

/** Records the tasks scheduled (the real scheduler's runs are covered in PageEscalationJob.test). */
function recordingScheduler() {
  const tasks = new Map<string, Task>();
  const scheduler = {
    scheduleTask: async (task: Task) => {
      tasks.set(task.id, task);
    },
  } as unknown as SchedulerService;
  return { scheduler, tasks };
}

describe('scheduleResponseJobs', () => {
  it('repairs the index copies every five minutes on one replica, logging what it mended', async () => {
    const { scheduler, tasks } = recordingScheduler();
    const logger = mockServices.logger.mock();
    const repairCopies = jest
      .fn()
      .mockResolvedValueOnce(3)
      .mockResolvedValue(0);
    await scheduleResponseJobs({
      scheduler,
      schedule: readResponseJobsSchedule(new ConfigReader({})),
      logger,
      escalatePages: async () => 0,
      assignBacklog: async () => 0,
      deliverOutbox: async () => 0,
      repairCopies,
    });
    const repair = tasks.get(COPY_REPAIR_TASK_ID)!;
    expect(repair).toMatchObject({
      scope: 'global',
      frequency: { minutes: 5 },
      initialDelay: { minutes: 5 },
    });
    await repair.fn();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Repaired the index copies of 3 entity and role rows',
      ),
    );
    logger.info.mockClear();
    await repair.fn();
    expect(repairCopies).toHaveBeenCalledTimes(2);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('keeps delivery and the repair when page escalation is switched off', async () => {
    const { scheduler, tasks } = recordingScheduler();
    await scheduleResponseJobs({
      scheduler,
      schedule: readResponseJobsSchedule(
        new ConfigReader({
          incidents: { paging: { escalation: { enabled: false } } },
        }),
      ),
      logger: mockServices.logger.mock(),
      escalatePages: async () => 0,
      assignBacklog: async () => 0,
      deliverOutbox: async () => 0,
      repairCopies: async () => 0,
    });
    expect([...tasks.keys()]).toEqual([
      OUTBOX_DELIVERY_TASK_ID,
      COPY_REPAIR_TASK_ID,
    ]);
    expect(tasks.has(PAGE_ESCALATION_TASK_ID)).toBe(false);
  });
});
