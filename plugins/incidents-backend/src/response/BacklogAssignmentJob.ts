import { LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseBacklogStore } from '../database/DatabaseBacklogStore';
import { IncidentsStore } from '../database/IncidentsStore';
import { SYSTEM_ACTOR, backlogNotice, shortRef } from '../domain/response';
import { Clock } from '../domain/clock';

/**
 * Hands SEV4 incidents declared outside business hours to the owning team's backlog when
 * business hours begin: records it (once, under the incident's lock) with the group's notification.
 */
export class BacklogAssignmentJob {
  constructor(
    private readonly deps: {
      incidents: IncidentsStore;
      backlog: DatabaseBacklogStore;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<number> {
    const { incidents, backlog, clock, logger } = this.deps;
    const now = clock.now();
    let handled = 0;
    for (const id of await backlog.listDue(now)) {
      const { incident, entries } = await incidents.mutateIncident(
        { id },
        { actor: SYSTEM_ACTOR, at: now.toISOString() },
        current => {
          const due = current.backlog;
          if (!due || due.assignedAt || current.phase === 'closed') {
            return undefined;
          }
          return {
            fields: { backlogAssignedAt: now.toISOString() },
            timeline: [
              {
                kind: 'role',
                body: `Business hours began: assigned to the backlog of ${shortRef(
                  due.groupRef,
                )}`,
                details: {
                  role: 'incident-commander',
                  action: 'backlog-assigned',
                  groupRef: due.groupRef,
                },
              },
            ],
            effects: [backlogNotice(current, due.groupRef)],
          };
        },
      );
      if (entries.length === 0 || !incident.backlog) {
        continue;
      }
      handled += 1;
      logger.info(`${incident.ref} assigned to ${incident.backlog.groupRef}`);
    }
    return handled;
  }
}
