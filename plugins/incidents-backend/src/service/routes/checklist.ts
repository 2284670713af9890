import {
  IncidentChecklistItem,
  IncidentChecklistResponse,
  checklistFor,
  incidentUpdatePermission,
  updateChecklistItemSchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import {
  DatabaseChecklistStore,
  StoredChecklistItem,
} from '../../database/DatabaseChecklistStore';
import { Clock } from '../../domain/clock';
import { parseInput } from '../validation';
import { RouteAccess } from './access';

/** The phase checklist of an incident: the items that apply, with who has them and done. */
export function createChecklistRouter(options: {
  access: RouteAccess;
  checklist: DatabaseChecklistStore;
  clock: Clock;
}) {
  const { access, checklist, clock } = options;
  const router = Router();

  const items = async (
    incident: Parameters<typeof checklistFor>[0] & { id: string },
  ) => {
    const stored = await checklist.listItems(incident.id);
    return checklistFor(incident).map(item =>
      toItem(item, stored.get(item.id)),
    );
  };

  router.get('/v1/incidents/:id/checklist', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    const body: IncidentChecklistResponse = {
      incidentId: incident.id,
      items: await items(incident),
    };
    res.json(body);
  });

  router.patch('/v1/incidents/:id/checklist/:itemId', async (req, res) => {
    const body = await access.write(
      req,
      {
        eventId: 'incident-checklist-update',
        meta: { incident: req.params.id, itemId: req.params.itemId },
        permission: incidentUpdatePermission,
      },
      async credentials => {
        const key = await access.incidentKey(req.params.id, credentials);
        const request = parseInput(
          updateChecklistItemSchema,
          req.body,
          'request body',
        );
        const actor = credentials.principal.userEntityRef;
        const { incident, result } = await checklist.updateItem(
          key,
          req.params.itemId,
          { actor, at: clock.now().toISOString() },
          {
            assigneeRef: request.assigneeRef,
            done: request.done,
            expectedVersion: request.version,
          },
        );
        const item = checklistFor(incident).find(
          i => i.id === req.params.itemId,
        )!;
        return {
          result: toItem(item, result.item),
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            changed: result.decision.outcome === 'change',
          },
        };
      },
    );
    res.json(body);
  });

  return router;
}

function toItem(
  item: ReturnType<typeof checklistFor>[number],
  stored: StoredChecklistItem | undefined,
): IncidentChecklistItem {
  return {
    id: item.id,
    phase: item.phase,
    title: item.title,
    description: item.description,
    responsible: item.responsible,
    optional: item.optional === true,
    ...(stored?.assigneeRef ? { assigneeRef: stored.assigneeRef } : {}),
    done: stored?.done ?? false,
    ...(stored?.doneAt ? { doneAt: stored.doneAt } : {}),
    ...(stored?.doneBy ? { doneBy: stored.doneBy } : {}),
    ...(stored
      ? { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }
      : {}),
    version: stored?.version ?? 0,
  };
}
