import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { NewIncident } from '../domain';
import { backlogNotice, owningGroups, pageNotice } from '../domain/response';
import { CommanderAssigner } from './CommanderAssigner';

/**
 * The response part of a declaration, used by `IncidentDeclarer` (the single declaration path,
 * shared with alert ingestion): who commands the incident, and the pages and notifications
 * that follow, all written in the declaring transaction (the notifications into the outbox).
 */
export class DeclarationResponse {
  constructor(
    private readonly deps: {
      commander: CommanderAssigner;
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
    const pages = [...(incident.pages ?? []), ...plan.pages];
    const backlog = plan.backlog ?? incident.backlog;
    return {
      ...incident,
      roles: [...(incident.roles ?? []), ...plan.roles],
      pages,
      ...(backlog ? { backlog } : {}),
      timeline: [...incident.timeline, ...plan.timeline],
      effects: declared => [
        ...(incident.effects?.(declared) ?? []),
        ...pages.flatMap(page => pageNotice(declared, page)),
        ...(backlog?.assignedAt
          ? [backlogNotice(declared, backlog.groupRef)]
          : []),
      ],
    };
  }
}
