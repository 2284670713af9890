import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { incidentPermissions } from '@firebreak/plugin-incidents-common';
import { DatabaseIncidentsStore } from './database/DatabaseIncidentsStore';
import { readSeverityOverrides, resolvePolicy } from './domain/policy';
import { createRouter } from './service/router';

/**
 * Firebreak incidents backend: declare incidents against catalog entities and move them
 * through the Incident Response Workflow. Serves /api/incidents.
 *
 * @public
 */
export const incidentsPlugin = createBackendPlugin({
  pluginId: 'incidents',
  register(env) {
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
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
      }) {
        permissionsRegistry.addPermissions(incidentPermissions);

        const policy = resolvePolicy(readSeverityOverrides(config));
        const store = await DatabaseIncidentsStore.create({ database });

        httpRouter.use(
          await createRouter({
            store,
            policy,
            httpAuth,
            permissions,
            auditor,
            catalog,
            logger,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
