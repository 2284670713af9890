import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  CustomErrorBase,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AlertActionResult,
  IncidentAlert,
  declareFromAlertSchema,
  incidentAlertRoutePermission,
  incidentCreatePermission,
  listAlertsQuerySchema,
  listUnroutedAlertsQuerySchema,
  routeAlertSchema,
} from '@firebreak/plugin-incidents-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { AlertIngestor, withDatabase } from '../../alerts/AlertIngestor';
import {
  normalizeAlertmanager,
  parseAlertmanagerPayload,
} from '../../alerts/adapters/alertmanager';
import {
  normalizeEvent,
  parseEvent,
  routingKeyOf,
} from '../../alerts/adapters/events';
import { AlertsConfig } from '../../alerts/config';
import { bearerToken, findBySecret } from '../../alerts/secrets';
import { AlertStatus } from '../../domain/alerts/types';
import { AlertsStore } from '../../database/AlertsStore';
import { IncidentsStore } from '../../database/IncidentsStore';
import { VisibilityScope } from '../../domain/visibility';
import { jsonBody } from '../json';
import { parseInput } from '../validation';
import { IncidentVisibility } from '../visibility';
import { RouteAccess } from './access';

/** 413 in Backstage's error shape. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * express.json() with the ingestion limit, run inside the handler (after the bearer check,
 * so that unauthenticated senders cannot make us parse large bodies). Over the limit: 413;
 * not JSON: 400.
 */
function ingestionBody(limit: string) {
  const parse = express.json({ limit });
  return (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) => {
      if (!req.is(['application/json', 'application/*+json'])) {
        reject(
          new InputError(
            'Invalid request body: expected JSON (Content-Type: application/json)',
          ),
        );
        return;
      }
      parse(req, res, (error?: unknown) => {
        if (!error) {
          resolve();
          return;
        }
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') {
          reject(
            new PayloadTooLargeError(
              `Request body is larger than incidents.alerts.maxBodySize (${limit})`,
            ),
          );
        } else if (type === 'entity.parse.failed') {
          reject(
            new InputError(
              `Invalid request body: malformed JSON (${
                (error as Error).message
              })`,
            ),
          );
        } else {
          reject(error);
        }
      });
    });
}

export interface AlertsRouterOptions {
  ingestor: AlertIngestor;
  store: AlertsStore;
  incidents: IncidentsStore;
  config: AlertsConfig;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Alerts of restricted incidents are shown only to those who may see the incident. */
  visibility: IncidentVisibility;
}

function statusesOf(values: string[] | undefined): AlertStatus[] | undefined {
  if (!values) return undefined;
  const out = new Set<AlertStatus>();
  for (const v of values) {
    if (v === 'active') {
      out.add('firing');
      out.add('acknowledged');
    } else {
      out.add(v as AlertStatus);
    }
  }
  return [...out];
}

/**
 * Alert ingestion and the alert views:
 * - POST /v1/alerts/alertmanager, POST /v1/alerts/events: no Backstage credentials (the
 *   plugin allows them unauthenticated); the sender's own secret instead.
 * - GET /v1/alerts, /v1/alerts/unrouted, /v1/alerts/{id}, /v1/incidents/{id}/alerts and
 *   POST /v1/alerts/{id}/route, /v1/alerts/{id}/declare: Backstage users, permissions,
 *   auditor.
 *
 * Mount it before the main router: its JSON parser (with its own limit) must see the
 * ingestion bodies first.
 */
export function createAlertsRouter(
  options: AlertsRouterOptions,
): express.Router {
  const {
    ingestor,
    store,
    incidents,
    config,
    httpAuth,
    permissions,
    auditor,
    catalog,
    visibility,
  } = options;
  const router = Router();
  const readBody = ingestionBody(config.maxBodySize);

  const access = new RouteAccess({
    httpAuth,
    permissions,
    auditor,
    store: incidents,
    visibility,
  });

  router.post('/v1/alerts/alertmanager', async (req, res) => {
    const receiver = findBySecret(
      config.receivers,
      bearerToken(req.header('authorization')),
    );
    if (!receiver) {
      throw new AuthenticationError(
        'Missing or invalid bearer token: configure the receiver in incidents.alerts.alertmanager.receivers',
      );
    }
    await readBody(req, res);
    const payload = parseAlertmanagerPayload(req.body);
    const alerts = normalizeAlertmanager(payload, { receiver: receiver.name });
    const result = await ingestor.ingest(alerts);
    res
      .status(200)
      .json({ status: 'success', receiver: receiver.name, ...result });
  });

  router.post('/v1/alerts/events', async (req, res) => {
    await readBody(req, res);
    const key = findBySecret(config.routingKeys, routingKeyOf(req.body));
    if (!key) {
      throw new AuthenticationError(
        'Missing or invalid routing_key: configure it in incidents.alerts.events.routingKeys',
      );
    }
    const event = parseEvent(req.body);
    const alert = normalizeEvent(event, {
      keyId: key.id,
      keyName: key.name,
      entityRef: key.entityRef,
      now: new Date(),
    });
    const result = await ingestor.ingest([alert]);
    res.status(202).json({
      status: 'success',
      message: 'Event processed',
      dedup_key: alert.dedupKey,
      ...result,
    });
  });

  router.get('/v1/alerts', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listAlertsQuerySchema, req.query, 'query');
    res.json(
      await store.listAlerts({
        entityRefs: query.entityRef,
        statuses: statusesOf(query.status),
        source: query.source,
        cursor: query.cursor,
        limit: query.limit,
        visibleTo: await access.visibleTo(credentials),
      }),
    );
  });

  router.get('/v1/alerts/unrouted', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listUnroutedAlertsQuerySchema, req.query, 'query');
    res.json(
      await store.listAlerts({
        unrouted: true,
        statuses: statusesOf(query.status),
        cursor: query.cursor,
        limit: query.limit,
        visibleTo: await access.visibleTo(credentials),
      }),
    );
  });

  router.get('/v1/alerts/:alertId', async (req, res) => {
    const credentials = await access.reader(req);
    res.json(
      await loadAlert(
        store,
        req.params.alertId,
        await access.visibleTo(credentials),
      ),
    );
  });

  router.get('/v1/incidents/:id/alerts', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    res.json(await store.listIncidentAlerts(incident.id));
  });

  const entityMustExist = async (
    entityRef: string,
    credentials: BackstageCredentials,
  ) => {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    if (!items[0]) {
      throw new InputError(
        `Invalid request body: entityRef: entity ${entityRef} not found in the catalog`,
      );
    }
  };

  router.post('/v1/alerts/:alertId/route', jsonBody(), async (req, res) => {
    const result = await access.write(
      req,
      {
        eventId: 'alert-route',
        meta: { alert: req.params.alertId },
        permission: incidentAlertRoutePermission,
      },
      async credentials => {
        const actor = credentials.principal.userEntityRef;
        const body = parseInput(routeAlertSchema, req.body, 'request body');
        const visibleTo = await access.visibleTo(credentials);
        await loadAlert(store, req.params.alertId, visibleTo);
        await entityMustExist(body.entityRef, credentials);
        const outcome = await withDatabase(() =>
          store.routeAlerts(req.params.alertId, body, ingestor.context()),
        );
        ingestor.delivered();
        let declaredRef: string | undefined;
        if (outcome.pending) {
          const [incident] = await ingestor.declarePending([outcome.pending], {
            credentials,
            source: 'alert',
            actor,
            rethrow: true,
          });
          declaredRef = incident?.ref;
        }
        const alert = await loadAlert(store, req.params.alertId, visibleTo);
        const response: AlertActionResult = {
          alert,
          ...(alert.incidentId ? { incidentId: alert.incidentId } : {}),
          ...(alert.incidentRef ? { incidentRef: alert.incidentRef } : {}),
          declared: Boolean(declaredRef),
        };
        return {
          result: response,
          meta: {
            alertId: alert.id,
            entityRef: body.entityRef,
            routedAlerts: outcome.alerts.length,
            ...(alert.incidentRef ? { incidentRef: alert.incidentRef } : {}),
            declared: Boolean(declaredRef),
          },
        };
      },
    );
    res.json(result);
  });

  router.post('/v1/alerts/:alertId/declare', jsonBody(), async (req, res) => {
    const result = await access.write(
      req,
      {
        eventId: 'alert-declare',
        meta: { alert: req.params.alertId },
        permission: incidentCreatePermission,
      },
      async credentials => {
        const actor = credentials.principal.userEntityRef;
        const body = parseInput(
          declareFromAlertSchema,
          req.body,
          'request body',
        );
        const visibleTo = await access.visibleTo(credentials);
        await loadAlert(store, req.params.alertId, visibleTo);
        if (body.entityRef) {
          await entityMustExist(body.entityRef, credentials);
        }
        const outcome = await withDatabase(() =>
          store.claimForManualDeclaration(
            req.params.alertId,
            { ...body, actor },
            ingestor.context(),
          ),
        );
        let declared = false;
        if (outcome.kind === 'claimed') {
          const [incident] = await ingestor.declarePending([outcome.pending], {
            credentials,
            source: 'manual',
            actor,
            rethrow: true,
          });
          declared = Boolean(incident);
        } else {
          ingestor.delivered();
        }
        const alert = await loadAlert(store, req.params.alertId, visibleTo);
        if (outcome.kind === 'claimed' && !declared) {
          throw new InputError(
            `Could not declare an incident for alert ${alert.id}; see the backend log`,
          );
        }
        const response: AlertActionResult = {
          alert,
          ...(alert.incidentId ? { incidentId: alert.incidentId } : {}),
          ...(alert.incidentRef ? { incidentRef: alert.incidentRef } : {}),
          declared,
        };
        return {
          result: response,
          meta: {
            alertId: alert.id,
            severity: body.severity,
            ...(alert.incidentRef ? { incidentRef: alert.incidentRef } : {}),
            declared,
          },
        };
      },
    );
    res.status(result.declared ? 201 : 200).json(result);
  });

  return router;
}

/** The alert, unless it is unknown or belongs to an incident hidden from the caller: 404. */
async function loadAlert(
  store: AlertsStore,
  id: string,
  visibleTo: VisibilityScope,
): Promise<IncidentAlert> {
  const alert = await store.getAlert(id, { visibleTo });
  if (!alert) {
    throw new NotFoundError(`Alert ${id} not found`);
  }
  return alert;
}
