import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { IncidentsCollatorFactory } from './IncidentsCollatorFactory';

/**
 * Adds Firebreak incidents and published postmortems to Backstage Search. Schedule:
 * `search.collators.incidents.schedule` (default every 10 minutes).
 *
 * @public
 */
export const searchModuleIncidentsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'incidents-collator',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const key = 'search.collators.incidents.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : {
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
              initialDelay: { seconds: 3 },
            };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: IncidentsCollatorFactory.fromConfig({
            auth,
            discovery,
            logger,
          }),
        });
      },
    });
  },
});
