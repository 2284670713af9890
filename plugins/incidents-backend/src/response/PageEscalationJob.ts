import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { IncidentPolicy, refKey } from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import { DatabasePagesStore } from '../database/DatabasePagesStore';
import { chooseEscalation } from '../domain/response';
import { OnCallResolver } from './OnCallResolver';
import { acknowledgeMinutes } from './CommanderAssigner';
import { Clock } from '../domain/clock';

/**
 * Escalates pages not acknowledged within their severity's time to acknowledge: to the next
 * person on call, then to the group's lead (`firebreak.io/lead`); after that, or without a
 * lead, escalation stops and the timeline says why. Safe to run on every replica at once:
 * each page is claimed by a conditional update under its incident's lock, re-checked there
 * (still open, not acknowledged, incident not resolved), so it escalates once; the page to
 * the next person leaves through the outbox with the escalation.
 */
export class PageEscalationJob {
  constructor(
    private readonly deps: {
      pages: DatabasePagesStore;
      onCall: OnCallResolver;
      policy: IncidentPolicy;
      auth: AuthService;
      clock: Clock;
      logger: LoggerService;
      newId?: () => string;
    },
  ) {}

  /** One pass; returns how many pages this run escalated (or stopped escalating). */
  async run(): Promise<number> {
    const { pages, onCall, policy, auth, clock, logger } = this.deps;
    const now = clock.now();
    const due = await pages.listDuePages(now);
    if (due.length === 0) {
      return 0;
    }
    const credentials = await auth.getOwnServiceCredentials();
    const groups = due
      .map(page => page.targetGroupRef)
      .filter((g): g is string => Boolean(g));
    const resolved = await onCall.forGroups(groups, now, credentials);

    let handled = 0;
    for (const page of due) {
      const group = page.targetGroupRef
        ? resolved.get(refKey(page.targetGroupRef))
        : undefined;
      const step = chooseEscalation(page, group, await pages.chainOf(page));
      const outcome = await pages.escalate(page, step, {
        at: now.toISOString(),
        acknowledgeMinutes: incident =>
          acknowledgeMinutes(policy, incident.severity),
        newId: this.deps.newId ?? randomUUID,
      });
      if (!outcome) {
        continue; // acknowledged meanwhile, or another replica escalated it
      }
      handled += 1;
      logger.info(
        `Page ${page.id} of ${page.incidentRef} escalated: ${
          step.kind === 'page' ? `to ${step.userRef}` : step.reason
        }`,
      );
    }
    return handled;
  }
}
