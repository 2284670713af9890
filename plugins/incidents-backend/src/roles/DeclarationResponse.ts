import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Incident } from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import { NewIncident } from '../domain';
import { owningGroups } from '../domain/response';
import { IncidentEvents } from '../events/IncidentEvents';
import { ResponseNotifier } from '../paging/ResponseNotifier';
import { CommanderAssigner } from './CommanderAssigner';

/**
 * The response part of a declaration, used by `IncidentDeclarer` (the single declaration path,
 * shared with alert ingestion): before the write, who commands the incident (written in the
 * declaring transaction); after the commit, the pages and notifications, and the signal.
 */
export class DeclarationResponse {
  constructor(
    private readonly deps: {
      commander: CommanderAssigner;
      notifier: ResponseNotifier;
      events: IncidentEvents;
      logger: LoggerService;
      newId?: () => string;
    },
  ) {}

  async prepare(
    incident: NewIncident,
    context: { credentials: BackstageCredentials; now: Date },
  ): Promise<NewIncident> {
    let plan;
    try {
      plan = await this.deps.commander.plan({
        severity: incident.severity,
        title: incident.title,
        ownerGroupRefs: owningGroups(incident.entities),
        now: context.now,
        credentials: context.credentials,
        pageId: (this.deps.newId ?? randomUUID)(),
      });
    } catch (error) {
      // Declaring must not depend on the roster being reachable.
      this.deps.logger.warn(
        `Incident commander assignment failed: ${(error as Error).message}`,
      );
      plan = {
        roles: [],
        pages: [],
        timeline: [
          {
            kind: 'role' as const,
            body: 'No incident commander assigned: the on-call lookup failed; assign one by hand',
            details: {
              role: 'incident-commander',
              action: 'unassigned',
              error: true,
            },
          },
        ],
      };
    }
    return {
      ...incident,
      roles: [...(incident.roles ?? []), ...plan.roles],
      pages: [...(incident.pages ?? []), ...plan.pages],
      ...(plan.backlog ? { backlog: plan.backlog } : {}),
      timeline: [...incident.timeline, ...plan.timeline],
    };
  }

  async afterDeclare(
    declared: Incident,
    planned: NewIncident,
    actor: string,
  ): Promise<void> {
    for (const page of planned.pages ?? []) {
      await this.deps.notifier.page(declared, page);
    }
    if (planned.backlog?.assignedAt) {
      await this.deps.notifier.backlogAssigned(
        declared,
        planned.backlog.groupRef,
      );
    }
    await this.deps.events.publish({
      incident: declared,
      kind: 'declared',
      actor,
    });
  }
}
