import { LoggerService } from '@backstage/backend-plugin-api';
import { AlertsStore } from '../database/AlertsStore';
import { Clock, systemClock } from '../domain/clock';

export const ALERT_RETENTION_TASK_ID = 'incidents-alerts-retention';

/**
 * Deletes resolved alerts older than `incidents.alerts.retention`, keeping those of open
 * incidents. Runs as a global task; the deletes are batched and conditional, so a second
 * replica running at the same time would only find less to do.
 */
export class AlertRetentionJob {
  constructor(
    private readonly deps: {
      store: Pick<AlertsStore, 'deleteExpiredAlerts'>;
      retentionMs: number;
      logger: LoggerService;
      clock?: Clock;
      batchSize?: number;
    },
  ) {}

  /** One pass; returns how many alerts it deleted. */
  async run(signal?: AbortSignal): Promise<number> {
    const { store, retentionMs, logger } = this.deps;
    const now = (this.deps.clock ?? systemClock).now();
    const before = new Date(now.getTime() - retentionMs).toISOString();
    const deleted = await store.deleteExpiredAlerts({
      before,
      batchSize: this.deps.batchSize,
      signal,
    });
    if (deleted > 0) {
      logger.info(
        `Deleted ${deleted} resolved alerts not updated since ${before}`,
      );
    }
    return deleted;
  }
}
