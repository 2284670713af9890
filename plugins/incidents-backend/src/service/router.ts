import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IncidentPolicy,
  Transition,
  TransitionResult,
  declareIncidentSchema,
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  listIncidentsQuerySchema,
  timelineEntrySchema,
  transitionSchema,
  updateIncidentSchema,
} from '@firebreak/plugin-incidents-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { IncidentsStore } from '../database/IncidentsStore';
import {
  decideAcknowledge,
  decideTimelineEntry,
  decideTransition,
  decideUpdate,
  filterFromQuery,
} from '../domain';
import { audited } from './audit';
import { authorize } from './authorize';
import { Clock, systemClock } from './clock';
import { IncidentDeclarer } from './IncidentDeclarer';
import { parseIncidentKey } from './incidentKey';
import { jsonBody } from './json';
import { parseInput, timelineQuerySchema } from './validation';
import { ResponseServices, createResponseRouter } from './routes';

export interface RouterOptions {
  store: IncidentsStore;
  policy: IncidentPolicy;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
  clock?: Clock;
  /** Shared with alert ingestion; built from the options above when not given. */
  declarer?: IncidentDeclarer;
  /**
   * On-call, roles, checklist and paging routes, and the after-commit events (signals) that
   * every write publishes; without it, neither.
   */
  response?: ResponseServices;
}

/**
 * The REST API under /api/incidents (see ../schema/openapi.yaml). Every handler: caller's
 * credentials → permission → validated input → domain decision → one store transaction.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, policy, httpAuth, permissions, auditor, catalog, logger } =
    options;
  const clock = options.clock ?? systemClock;
  const declarer =
    options.declarer ?? new IncidentDeclarer({ store, catalog, logger, clock });

  const router = Router();
  router.use(jsonBody());

  const events = options.response?.events;

  const reader = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(permissions, credentials, incidentReadPermission);
    return credentials;
  };
  const writer = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/policy', async (req, res) => {
    await reader(req);
    res.json(policy);
  });

  router.get('/v1/incidents', async (req, res) => {
    await reader(req);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
    res.json(
      await store.listIncidents({
        ...filterFromQuery(query),
        cursor: query.cursor,
        limit: query.limit,
      }),
    );
  });

  router.post('/v1/incidents', async (req, res) => {
    const credentials = await writer(req);
    const actor = credentials.principal.userEntityRef;
    const incident = await audited(
      auditor,
      { eventId: 'incident-declare', request: req, meta: {} },
      async () => {
        await authorize(permissions, credentials, incidentCreatePermission);
        const declaration = parseInput(
          declareIncidentSchema,
          req.body,
          'request body',
        );
        const declared = await declarer.declare({
          declaration,
          actor,
          credentials,
        });
        return {
          result: declared,
          meta: {
            incidentId: declared.id,
            incidentRef: declared.ref,
            severity: declared.severity,
            entityRefs: declared.entities.map(e => e.entityRef),
          },
        };
      },
    );
    res.status(201).json(incident);
  });

  router.get('/v1/incidents/:id', async (req, res) => {
    await reader(req);
    res.json(await loadIncident(store, req.params.id));
  });

  router.patch('/v1/incidents/:id', async (req, res) => {
    const credentials = await writer(req);
    const incident = await audited(
      auditor,
      {
        eventId: 'incident-update',
        request: req,
        meta: { incident: req.params.id },
      },
      async () => {
        await authorize(permissions, credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const now = clock.now();
        const { version, ...edits } = parseInput(
          updateIncidentSchema,
          req.body,
          'request body',
        );
        const { incident: updated, entries } = await store.mutateIncident(
          key,
          {
            actor: credentials.principal.userEntityRef,
            at: now.toISOString(),
            expectedVersion: version,
          },
          current => decideUpdate(current, edits),
        );
        if (entries.length > 0) {
          await events?.publish({
            incident: updated,
            kind: 'updated',
            actor: credentials.principal.userEntityRef,
            entries,
          });
        }
        return {
          result: updated,
          meta: {
            incidentId: updated.id,
            incidentRef: updated.ref,
            changedFields: entries.flatMap(e =>
              ((e.details.changes as { field: string }[]) ?? []).map(
                c => c.field,
              ),
            ),
          },
        };
      },
    );
    res.json(incident);
  });

  router.post('/v1/incidents/:id/transitions', async (req, res) => {
    const credentials = await writer(req);
    const result = await audited(
      auditor,
      {
        eventId: 'incident-transition',
        request: req,
        meta: { incident: req.params.id },
      },
      async () => {
        await authorize(permissions, credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const now = clock.now();
        const body = parseInput(transitionSchema, req.body, 'request body');
        let taken: Transition | undefined;
        const { incident } = await store.mutateIncident(
          key,
          {
            actor: credentials.principal.userEntityRef,
            at: now.toISOString(),
            expectedVersion: body.version,
          },
          current => {
            const decision = decideTransition(current, body.transition, {
              now,
              note: body.note,
            });
            if (!decision.allowed) {
              throw Object.assign(new ConflictError(decision.message), {
                allowedTransitions: decision.allowedNext.map(t => t.id),
              });
            }
            taken = decision.transition;
            return decision.change;
          },
        );
        const transition = taken!;
        await events?.publish({
          incident,
          kind: 'transition',
          actor: credentials.principal.userEntityRef,
        });
        const response: TransitionResult = {
          incident,
          transition: {
            id: transition.id,
            from: transition.from,
            to: transition.to,
          },
        };
        return {
          result: response,
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            transition: transition.id,
            from: transition.from,
            to: transition.to,
          },
        };
      },
    );
    res.json(result);
  });

  router.post('/v1/incidents/:id/acknowledge', async (req, res) => {
    const credentials = await writer(req);
    const incident = await audited(
      auditor,
      {
        eventId: 'incident-acknowledge',
        request: req,
        meta: { incident: req.params.id },
      },
      async () => {
        await authorize(permissions, credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const now = clock.now();
        const { incident: acknowledged, entries } = await store.mutateIncident(
          key,
          {
            actor: credentials.principal.userEntityRef,
            at: now.toISOString(),
          },
          current => decideAcknowledge(current, now),
        );
        if (entries.length > 0) {
          await events?.publish({
            incident: acknowledged,
            kind: 'acknowledged',
            actor: credentials.principal.userEntityRef,
            entries,
          });
        }
        return {
          result: acknowledged,
          meta: {
            incidentId: acknowledged.id,
            incidentRef: acknowledged.ref,
            alreadyAcknowledged: entries.length === 0,
          },
        };
      },
    );
    res.json(incident);
  });

  router.get('/v1/incidents/:id/timeline', async (req, res) => {
    await reader(req);
    const query = parseInput(timelineQuerySchema, req.query, 'query');
    const incident = await loadIncident(store, req.params.id);
    res.json(
      await store.listTimeline(incident.id, {
        cursor: query.cursor,
        limit: query.limit,
      }),
    );
  });

  router.post('/v1/incidents/:id/timeline', async (req, res) => {
    const credentials = await writer(req);
    const entry = await audited(
      auditor,
      {
        eventId: 'incident-timeline-add',
        request: req,
        meta: { incident: req.params.id },
      },
      async () => {
        await authorize(permissions, credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const now = clock.now();
        const body = parseInput(timelineEntrySchema, req.body, 'request body');
        const { incident, entries } = await store.mutateIncident(
          key,
          {
            actor: credentials.principal.userEntityRef,
            at: now.toISOString(),
          },
          current => decideTimelineEntry(current, body, now),
        );
        await events?.publish({
          incident,
          kind: 'timeline',
          actor: credentials.principal.userEntityRef,
          entries,
        });
        return {
          result: entries[0],
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            kind: body.kind,
            entryId: entries[0].id,
          },
        };
      },
    );
    res.status(201).json(entry);
  });

  if (options.response) {
    router.use(
      createResponseRouter({
        ...options.response,
        store,
        httpAuth,
        permissions,
        auditor,
        catalog,
        clock,
      }),
    );
  }

  return router;
}

async function loadIncident(store: IncidentsStore, param: string) {
  const incident = await store.getIncident(parseIncidentKey(param));
  if (!incident) {
    throw new NotFoundError(`Incident ${param} not found`);
  }
  return incident;
}
