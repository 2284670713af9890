import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotFoundError } from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  createActionItemSchema,
  incidentActionItemUpdatePermission,
  listActionItemsQuerySchema,
  updateActionItemSchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { requireInCatalog, rollUp } from '../../catalog/hierarchy';
import { listActionItems } from '../../database/postmortems/actionItems';
import { parseInput } from '../validation';
import { PostmortemRouterOptions, writeContext } from './postmortemRouting';

/** Owner team and assignee must be catalog entities: 400 naming the field otherwise. */
const checkRefs = (
  catalog: CatalogService,
  credentials: BackstageCredentials,
  refs: { ownerRef?: string | null; assigneeRef?: string | null },
) =>
  requireInCatalog(
    catalog,
    credentials,
    (['ownerRef', 'assigneeRef'] as const).flatMap(field => {
      const ref = refs[field];
      return ref ? [{ field, ref }] : [];
    }),
  );

/** Action items: lists (team with sub-teams, entity with parts), create, edit. */
export function createActionItemsRouter(options: PostmortemRouterOptions) {
  const { access, postmortems, catalog, db, clock } = options;
  const router = Router();

  router.get('/v1/action-items', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listActionItemsQuerySchema, req.query, 'query');
    const incident = query.incident
      ? await access.incident(query.incident, credentials)
      : undefined;
    res.json(
      await listActionItems(db, {
        ...(await rollUp(catalog, credentials, query)),
        incidentId: incident?.id,
        statuses: query.status,
        overdue: query.overdue,
        cursor: query.cursor,
        limit: query.limit,
        visibleTo: await access.visibleTo(credentials),
        now: clock.now(),
      }),
    );
  });

  router.post('/v1/action-items', async (req, res) => {
    const item = await access.write(
      req,
      {
        eventId: 'incident-action-item-create',
        meta: {},
      },
      async credentials => {
        const { incidentId, ...body } = parseInput(
          createActionItemSchema,
          req.body,
          'request body',
        );
        const key = await access.incidentKey(
          incidentId,
          credentials,
          incidentActionItemUpdatePermission,
        );
        await checkRefs(catalog, credentials, body);
        const created = await postmortems.createActionItem(
          key,
          body,
          writeContext(credentials, clock),
        );
        return {
          result: created,
          meta: {
            incidentId: created.incidentId,
            actionItemId: created.id,
            priority: created.priority,
          },
        };
      },
    );
    res.status(201).json(item);
  });

  router.patch('/v1/action-items/:id', async (req, res) => {
    const item = await access.write(
      req,
      {
        eventId: 'incident-action-item-update',
        meta: { actionItemId: req.params.id },
      },
      async credentials => {
        const incidentId = /^[0-9a-f-]{36}$/i.test(req.params.id)
          ? await postmortems.incidentOfActionItem(req.params.id)
          : undefined;
        if (!incidentId) {
          throw new NotFoundError(`Action item ${req.params.id} not found`);
        }
        // An item of an incident the caller may not see is as unknown as a missing one; one
        // they see but may not change is a 403.
        await access.incident(incidentId, credentials).catch(() => {
          throw new NotFoundError(`Action item ${req.params.id} not found`);
        });
        await access.authorize(
          credentials,
          incidentActionItemUpdatePermission,
          incidentId,
        );
        const body = parseInput(
          updateActionItemSchema,
          req.body,
          'request body',
        );
        await checkRefs(catalog, credentials, body);
        const updated = await postmortems.updateActionItem(
          req.params.id,
          body,
          { ...writeContext(credentials, clock), incidentId },
        );
        return {
          result: updated,
          meta: {
            incidentId: updated.incidentId,
            actionItemId: updated.id,
            fields: Object.keys(body).filter(k => k !== 'version'),
          },
        };
      },
    );
    res.json(item);
  });

  return router;
}
