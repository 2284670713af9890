import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { incidentPermissions } from '@firebreak/plugin-incidents-common';
import {
  ConfigOnCallProvider,
  OnCallProvider,
  StatusPageProvider,
  WebhookStatusPageProvider,
  incidentsOnCallExtensionPoint,
  incidentsStatusPageExtensionPoint,
} from '@firebreak/plugin-incidents-node';
import { ALERT_INGESTION_PATHS, createAlerts } from './alerts/createAlerts';
import { createAlertsRouter } from './service/routes/alerts';
import { DatabaseIncidentsStore } from './database/DatabaseIncidentsStore';
import { readSeverityOverrides, resolvePolicy } from './domain/policy';
import { systemClock } from './domain/clock';
import { createResponse } from './response/createResponse';
import { IncidentDeclarer } from './response/IncidentDeclarer';
import { Config } from '@backstage/config';
import { readCommsConfig } from './response/comms/commsConfig';
import { createComms, createCommsHandlers } from './response/comms/createComms';
import { createRouter } from './service/router';
import { withDatabaseFaults } from './service/databaseFaults';
import { readIncidentAccessResources } from './database/visibility';
import { incidentPermissionResourceRef } from './service/permissions/resource';
import { incidentPermissionRules } from './service/permissions/rules';
import { createCommsRouter } from './service/routes/comms';
import { STATUS_PAGE_PATHS, createStatusRouter } from './service/routes/status';
import {
  IncidentVisibility,
  readIncidentsPolicyGroups,
} from './service/visibility';
import { PostmortemService } from './response/postmortems/PostmortemService';
import { teamsOfUsers } from './catalog/users';
import {
  PostmortemJobs,
  readPostmortemJobsSchedule,
} from './response/postmortems/PostmortemJobs';
import { readCacheMs, withCachedReads } from './catalog/cachedReads';
import { withCachedDecisions } from './service/permissions/cachedDecisions';
import { guardRoutes } from './service/credentials/cachedCredentials';

/** Those told about every change of a restricted incident, besides its responders. */
function restrictedGroupRefs(config: Config): string[] {
  const groups = readIncidentsPolicyGroups(config);
  return [...new Set([...groups.responderGroups, ...groups.readAllGroups])];
}

/**
 * Firebreak incidents backend: declare incidents against catalog entities and move them
 * through the Incident Response Workflow. Serves /api/incidents.
 *
 * @public
 */
export const incidentsPlugin = createBackendPlugin({
  pluginId: 'incidents',
  register(env) {
    let installedOnCallProvider: OnCallProvider | undefined;
    env.registerExtensionPoint(incidentsOnCallExtensionPoint, {
      setOnCallProvider(provider) {
        if (installedOnCallProvider) {
          throw new Error(
            'An on-call provider is already installed for the incidents plugin; only one can be',
          );
        }
        installedOnCallProvider = provider;
      },
    });
    const statusPageProviders: StatusPageProvider[] = [];
    env.registerExtensionPoint(incidentsStatusPageExtensionPoint, {
      addStatusPageProvider(provider) {
        statusPageProviders.push(provider);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth: backstageHttpAuth,
        permissions: permissionsService,
        permissionsRegistry,
        auditor,
        catalog: catalogClient,
        auth,
        userInfo,
        scheduler,
        notifications,
        signals,
        events,
      }) {
        const policy = resolvePolicy(readSeverityOverrides(config));
        const store = await DatabaseIncidentsStore.create({ database });
        const db = await database.getClient();
        permissionsRegistry.addResourceType({
          resourceRef: incidentPermissionResourceRef,
          permissions: incidentPermissions,
          rules: Object.values(incidentPermissionRules),
          getResources: ids => readIncidentAccessResources(db, ids),
        });
        const cacheMs = readCacheMs(config);
        // Before any router: each caller's token verified once per cacheMs.
        const httpAuth = guardRoutes({
          httpRouter,
          httpAuth: backstageHttpAuth,
          config,
          ttlMs: cacheMs,
          // Every route of the routers below is under /v1, except the status page and health.
          ownPaths: ['/v1'],
          publicPaths: [
            ...ALERT_INGESTION_PATHS,
            ...STATUS_PAGE_PATHS,
            '/health',
          ],
        });
        // Every catalog read of the plugin, and the policy's decisions on basic permissions
        // (declaring), reused for a few seconds per caller.
        const catalog = withCachedReads(catalogClient, cacheMs);
        const permissions = withCachedDecisions(permissionsService, cacheMs);
        const visibility = IncidentVisibility.create({
          permissions,
          permissionsRegistry,
          cacheMs,
        });
        const clock = systemClock;
        const commsConfig = readCommsConfig(config);
        const webhook = WebhookStatusPageProvider.fromConfig(config);
        const response = await createResponse({
          config,
          logger,
          database,
          store,
          catalog,
          auth,
          userInfo,
          notifications,
          signals,
          events,
          // Told about changes of restricted incidents: the default policy's groups.
          restrictedViewerGroupRefs: restrictedGroupRefs(config),
          scheduler,
          onCallProvider:
            installedOnCallProvider ?? ConfigOnCallProvider.fromConfig(config),
          policy,
          clock,
          commsHandlers: createCommsHandlers({
            config: commsConfig,
            logger,
            statusPageProviders: [
              ...statusPageProviders,
              ...(webhook ? [webhook] : []),
            ],
          }),
        });
        // The single declaration path, shared by the REST API and alert ingestion.
        const declarer = new IncidentDeclarer({
          store,
          catalog,
          logger,
          clock,
          response: response.declaration,
        });

        // Alert ingestion, mounted before the main router: it parses its own bodies (with
        // incidents.alerts.maxBodySize) and checks the senders' own secrets.
        const alerts = await createAlerts({
          config,
          logger,
          database,
          catalog,
          auth,
          scheduler,
          declarer,
          response: {
            raisePlanner: (prepared, credentials, now) =>
              response.services.severity.raisePlanner(
                prepared,
                credentials,
                now,
              ),
            update: (key, edits, context) =>
              response.services.severity.update(key, edits, context),
            delivered: () => response.services.delivery.kick(),
          },
          clock,
        });
        const alertsRouter = createAlertsRouter({
          ingestor: alerts.ingestor,
          store: alerts.store,
          incidents: store,
          config: alerts.config,
          httpAuth,
          permissions,
          auditor,
          catalog,
          logger,
          visibility,
        });
        httpRouter.use(withDatabaseFaults(alertsRouter, logger));

        const comms = await createComms({
          config: commsConfig,
          logger,
          database,
          store,
          catalog,
          auth,
          scheduler,
          policy,
          clock,
          kick: () => response.services.delivery.kick(),
        });
        httpRouter.use(
          withDatabaseFaults(
            createStatusRouter({
              status: comms.statusPage,
              db: comms.db,
              clock,
              title: comms.config.statusPage.title,
              publicUrl: comms.config.statusPage.publicUrl,
              subscriptions: comms.config.statusPage.subscriptions,
              kick: () => response.services.delivery.kick(),
            }),
            logger,
          ),
        );
        httpRouter.use(
          withDatabaseFaults(
            createCommsRouter({
              httpAuth,
              permissions,
              auditor,
              store,
              visibility,
              comms: comms.comms,
              db: comms.db,
              clock,
            }),
            logger,
          ),
        );
        const postmortems = new PostmortemService({
          db,
          transactions: store,
          policy,
          teamsOf: async userRefs =>
            teamsOfUsers(
              catalog,
              userRefs,
              await auth.getOwnServiceCredentials(),
            ),
        });
        await new PostmortemJobs({
          db,
          clock,
          logger,
          kick: () => response.services.delivery.kick(),
        }).schedule(scheduler, {
          frequency: readPostmortemJobsSchedule(config),
        });

        httpRouter.use(
          await createRouter({
            store,
            policy,
            httpAuth,
            permissions,
            auditor,
            catalog,
            logger,
            visibility,
            clock,
            declarer,
            response: response.services,
            postmortems: { service: postmortems, db },
            checkDatabase: () => store.ping(),
            insightsCacheMs: readCacheMs(
              config,
              'incidents.insights.cacheSeconds',
            ),
          }),
        );
      },
    });
  },
});
