import { InputError, NotFoundError } from '@backstage/errors';
import {
  OnCallPagesResponse,
  createPagesSchema,
  incidentPagePermission,
  incidentUpdatePermission,
  listPagesQuerySchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { PagingService } from '../../response/PagingService';
import { parseInput } from '../validation';
import { RouteAccess } from './access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Paging: page an incident's owners (or named groups/people), list and acknowledge pages. */
export function createPagesRouter(options: {
  access: RouteAccess;
  paging: PagingService;
}) {
  const { access, paging } = options;
  const router = Router();

  router.get('/v1/incidents/:id/pages', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    const body: OnCallPagesResponse = {
      items: await paging.listForIncident(incident.id),
    };
    res.json(body);
  });

  router.post('/v1/incidents/:id/pages', async (req, res) => {
    const body = await access.write(
      req,
      {
        eventId: 'incident-page',
        meta: { incident: req.params.id },
        permission: incidentPagePermission,
      },
      async credentials => {
        const key = await access.incidentKey(req.params.id, credentials);
        const request = parseInput(createPagesSchema, req.body, 'request body');
        const { incident, pages } = await paging.page(key, request, {
          actor: credentials.principal.userEntityRef,
          credentials,
        });
        return {
          result: { items: pages } satisfies OnCallPagesResponse,
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            pageIds: pages.map(p => p.id),
            targets: pages.map(p => p.targetUserRef ?? p.targetGroupRef ?? ''),
          },
        };
      },
    );
    res.status(201).json(body);
  });

  router.get('/v1/pages', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listPagesQuerySchema, req.query, 'query');
    if (query.mine && credentials.principal.type !== 'user') {
      throw new InputError('Invalid query: mine: needs a signed-in user');
    }
    const filter = {
      status: query.status,
      limit: query.limit,
      visibleTo: await access.visibleTo(credentials),
    };
    const body: OnCallPagesResponse = {
      items: query.mine
        ? await paging.listMine(credentials, filter)
        : await paging.listAll(filter),
    };
    res.json(body);
  });

  router.post('/v1/pages/:pageId/acknowledge', async (req, res) => {
    const page = await access.write(
      req,
      {
        eventId: 'incident-page-acknowledge',
        meta: { page: req.params.pageId },
        permission: incidentUpdatePermission,
      },
      async credentials => {
        if (!UUID.test(req.params.pageId)) {
          throw new NotFoundError(`Page ${req.params.pageId} not found`);
        }
        const acknowledged = await paging.acknowledge(
          req.params.pageId.toLowerCase(),
          {
            actor: credentials.principal.userEntityRef,
            credentials,
          },
        );
        return {
          result: acknowledged,
          meta: {
            incidentId: acknowledged.incidentId,
            incidentRef: acknowledged.incidentRef,
            pageId: acknowledged.id,
          },
        };
      },
    );
    res.json(page);
  });

  return router;
}
