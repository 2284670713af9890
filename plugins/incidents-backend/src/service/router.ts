import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import {
  Incident,
  IncidentPolicy,
  OPEN_PHASES,
  Transition,
  TransitionResult,
  declareIncidentSchema,
  incidentCreatePermission,
  incidentRestrictedCreatePermission,
  incidentUpdatePermission,
  listIncidentsQuerySchema,
  timelineEntrySchema,
  transitionSchema,
  updateIncidentSchema,
} from '@firebreak/plugin-incidents-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  DatabaseProbe,
  databaseUnavailableHandler,
  healthHandler,
} from './databaseFaults';
import {
  IncidentKey,
  IncidentsStore,
  MutationResult,
} from '../database/IncidentsStore';
import {
  IncidentChange,
  decideAcknowledge,
  decideTimelineEntry,
  decideTransition,
  decideUpdate,
  filterFromQuery,
  rolledUpVia,
} from '../domain';
import { rollUp } from '../catalog/hierarchy';
import { IncidentAuditEventId } from './audit';
import { Clock, systemClock } from '../domain/clock';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { jsonBody } from './json';
import { parseInput, timelineQuerySchema } from './validation';
import { ResponseServices } from '../response/createResponse';
import { createResponseRouter } from './routes';
import { RouteAccess } from './routes/access';
import { IncidentVisibility } from './visibility';
import { PostmortemService } from '../response/postmortems/PostmortemService';
import { createPostmortemsRouter } from './routes/postmortems';
import { createActionItemsRouter } from './routes/actionItems';
import { createInsightsRouter } from './routes/insights';
import { Knex } from 'knex';

export interface RouterOptions {
  store: IncidentsStore;
  policy: IncidentPolicy;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Who sees restricted incidents; every read and write goes through it. */
  visibility: IncidentVisibility;
  clock?: Clock;
  /** Shared with alert ingestion; built from the options above when not given. */
  declarer?: IncidentDeclarer;
  /** Reaches the database for GET /health; without it, health reports only the process. */
  checkDatabase?: DatabaseProbe;
  /** On-call, roles, checklist, paging and edit routes of the response; without it, none. */
  response?: ResponseServices;
  /**
   * Postmortems and action items (and the transition hooks: drafting on recovery, the
   * closing rule); without it, neither.
   */
  postmortems?: { service: PostmortemService; db: Knex };
  /** How long a caller's insights are reused (`incidents.insights.cacheSeconds`). */
  insightsCacheMs?: number;
}

/**
 * The REST API under /api/incidents (see ../schema/openapi.yaml). Every handler: caller's
 * credentials → permission → validated input → domain decision → one store transaction.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    policy,
    httpAuth,
    permissions,
    auditor,
    catalog,
    logger,
    visibility,
  } = options;
  const clock = options.clock ?? systemClock;
  const declarer =
    options.declarer ?? new IncidentDeclarer({ store, catalog, logger, clock });

  const router = Router();
  router.use(jsonBody());

  const access = new RouteAccess({
    httpAuth,
    permissions,
    auditor,
    store,
    visibility,
  });

  /**
   * A write to the incident of `:id`, audited as `eventId` and allowed by `incident.update`.
   * `mutate` runs a domain decision on the incident in one store transaction, as the caller
   * at the time of the request (refused when `expectedVersion` is stale).
   */
  const writeIncident = <T>(
    req: Request,
    eventId: IncidentAuditEventId,
    action: (write: {
      actor: string;
      now: Date;
      key: IncidentKey;
      credentials: BackstageCredentials;
      mutate(
        decide: (current: Incident) => IncidentChange | undefined,
        expectedVersion?: number,
      ): Promise<MutationResult>;
    }) => Promise<{ result: T; meta?: JsonObject }>,
  ) =>
    access.write(
      req,
      {
        eventId,
        meta: { incident: req.params.id },
      },
      async credentials => {
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentUpdatePermission,
        );
        const now = clock.now();
        const actor = credentials.principal.userEntityRef;
        return action({
          actor,
          now,
          key,
          credentials,
          mutate: (decide, expectedVersion) =>
            store.mutateIncident(
              key,
              { actor, at: now.toISOString(), expectedVersion },
              decide,
            ),
        });
      },
    );

  router.get('/health', healthHandler(options.checkDatabase, logger));

  router.get('/v1/policy', async (req, res) => {
    await access.reader(req);
    res.json(policy);
  });

  router.get('/v1/incidents', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listIncidentsQuerySchema, req.query, 'query');
    const filter = filterFromQuery(query);
    if (
      query.sort === 'severity' &&
      !filter.phases?.every(phase => OPEN_PHASES.includes(phase))
    ) {
      // Sorting the whole history by severity would read every closed incident.
      throw new InputError(
        'Invalid query: sort: severity is for open incidents; add status=open (or open phases)',
      );
    }
    // An entity's incidents include its parts', a team's its sub-teams' (the catalog's
    // hasPart and parentOf, resolved here; the filter itself is SQL).
    const rolledUp = await rollUp(catalog, credentials, {
      entityRef: filter.entityRefs,
      ownerRef: query.ownerRef,
    });
    const page = await store.listIncidents({
      ...filter,
      ...rolledUp,
      cursor: query.cursor,
      limit: query.limit,
      sort: query.sort,
      includeTotal: query.includeTotal,
      visibleTo: await access.visibleTo(credentials),
    });
    res.json({
      ...page,
      items: page.items.map(incident => {
        const via = rolledUpVia(
          incident,
          { entityRefs: filter.entityRefs, ownerRef: query.ownerRef },
          rolledUp,
        );
        return via ? { ...incident, via } : incident;
      }),
    });
  });

  router.post('/v1/incidents', async (req, res) => {
    const incident = await access.write(
      req,
      {
        eventId: 'incident-declare',
        meta: {},
        permission: incidentCreatePermission,
      },
      async credentials => {
        const declaration = parseInput(
          declareIncidentSchema,
          req.body,
          'request body',
        );
        if (declaration.restricted) {
          await access.authorize(
            credentials,
            incidentRestrictedCreatePermission,
          );
        }
        const declared = await declarer.declare({
          declaration,
          actor: credentials.principal.userEntityRef,
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
    const credentials = await access.reader(req);
    res.json(await access.incident(req.params.id, credentials));
  });

  router.patch('/v1/incidents/:id', async (req, res) => {
    const incident = await writeIncident(
      req,
      'incident-update',
      async ({ actor, now, credentials, key, mutate }) => {
        const { version, ...edits } = parseInput(
          updateIncidentSchema,
          req.body,
          'request body',
        );
        // Through the response when there is one: a severity change re-applies the incident
        // commander assignment, a raised flag brings in its specialist, in the same transaction.
        const severityResponse = options.response?.severity;
        const { incident: updated, entries } = severityResponse
          ? await severityResponse.update(key, edits, {
              actor,
              now,
              credentials,
              expectedVersion: version,
            })
          : await mutate(current => decideUpdate(current, edits), version);
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
    const result = await writeIncident(
      req,
      'incident-transition',
      async ({ actor, now, key, mutate }) => {
        const body = parseInput(transitionSchema, req.body, 'request body');
        const decide = (current: Incident) => {
          const decision = decideTransition(current, body.transition, {
            now,
            note: body.note,
          });
          if (!decision.allowed) {
            throw Object.assign(new ConflictError(decision.message), {
              allowedTransitions: decision.allowedNext.map(t => t.id),
            });
          }
          return {
            transition: decision.transition,
            change: { ...decision.change, announce: 'transition' as const },
          };
        };
        let taken: Transition | undefined;
        // With postmortems, the recovery drafts one and the close obeys the closing rule,
        // in the transition's own transaction.
        const { incident } = options.postmortems
          ? await options.postmortems.service
              .transition(
                key,
                { actor, at: now.toISOString(), expectedVersion: body.version },
                decide,
                body.transition,
              )
              .then(r => {
                taken = r.result;
                return r;
              })
          : await mutate(current => {
              const decision = decide(current);
              taken = decision.transition;
              return decision.change;
            }, body.version);
        const transition = taken!;
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
    const incident = await writeIncident(
      req,
      'incident-acknowledge',
      async ({ now, mutate }) => {
        const { incident: acknowledged, entries } = await mutate(current => {
          const change = decideAcknowledge(current, now);
          return change && { ...change, announce: 'acknowledged' };
        });
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
    const credentials = await access.reader(req);
    const query = parseInput(timelineQuerySchema, req.query, 'query');
    const incident = await access.incident(req.params.id, credentials);
    res.json(
      await store.listTimeline(incident.id, {
        cursor: query.cursor,
        limit: query.limit,
      }),
    );
  });

  router.post('/v1/incidents/:id/timeline', async (req, res) => {
    const entry = await writeIncident(
      req,
      'incident-timeline-add',
      async ({ now, mutate }) => {
        const body = parseInput(timelineEntrySchema, req.body, 'request body');
        const { incident, entries } = await mutate(current => ({
          ...decideTimelineEntry(current, body, now),
          announce: 'timeline',
        }));
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

  if (options.postmortems) {
    const routes = {
      access,
      postmortems: options.postmortems.service,
      db: options.postmortems.db,
      catalog,
      clock,
    };
    router.use(createPostmortemsRouter(routes));
    router.use(createActionItemsRouter(routes));
    router.use(
      createInsightsRouter({
        ...routes,
        policy,
        cacheMs: options.insightsCacheMs,
      }),
    );
  }

  if (options.response) {
    router.use(
      createResponseRouter({
        ...options.response,
        store,
        httpAuth,
        permissions,
        auditor,
        catalog,
        visibility,
        clock,
      }),
    );
  }

  // Last: requests that failed on an unreachable database answer 503 with Retry-After.
  router.use(databaseUnavailableHandler(logger));
  return router;
}
