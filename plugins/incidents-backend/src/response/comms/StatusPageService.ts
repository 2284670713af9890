import { StatusPage } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { StatusComponents } from '../../catalog/statusComponents';
import { readPublicUpdates } from '../../database/communication/statusPageReads';
import {
  STATUS_HISTORY_DAYS,
  buildStatusPage,
} from '../../domain/communication/statusPage';
import { Clock } from '../../domain/clock';

/**
 * The public status page, rebuilt at most once per TTL per replica however many requests
 * arrive (concurrent ones share one build): a SEV1 that sends every customer here costs the
 * database two indexed queries per TTL. Only public data is cached, and every replica builds
 * its own, so nothing here is state another replica needs.
 */
export class StatusPageService {
  private cached?: { at: number; page: Promise<StatusPage> };

  constructor(
    private readonly deps: {
      db: Knex;
      components: StatusComponents;
      clock: Clock;
      ttlMs: number;
    },
  ) {}

  page(): Promise<StatusPage> {
    const now = this.deps.clock.now();
    if (!this.cached || now.getTime() - this.cached.at >= this.deps.ttlMs) {
      const page = this.build(now);
      this.cached = { at: now.getTime(), page };
      page.catch(() => {
        if (this.cached?.page === page) this.cached = undefined;
      });
    }
    return this.cached.page;
  }

  private async build(now: Date): Promise<StatusPage> {
    const since = new Date(now.getTime() - STATUS_HISTORY_DAYS * 86_400_000);
    const [directory, updates] = await Promise.all([
      this.deps.components.directory(),
      readPublicUpdates(this.deps.db, since),
    ]);
    return buildStatusPage({
      components: directory.components,
      updates,
      now,
    });
  }
}
