import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';
import {
  ALERT_RETENTION_TASK_ID,
  AlertRetentionJob,
} from './AlertRetentionJob';
import { Clock } from '../domain/clock';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { AlertIngestor, AlertResponse } from './AlertIngestor';
import { CatalogRoutingSource } from './CatalogRoutingSource';
import { AlertsConfig, readAlertsConfig } from './config';
import { alertmanagerActor } from './adapters/alertmanager';

/** The ingestion routes: no Backstage credentials, they check the sender's own secret. */
export const ALERT_INGESTION_PATHS = [
  '/v1/alerts/alertmanager',
  '/v1/alerts/events',
];

/**
 * Builds alert ingestion from the plugin's services: config, store, catalog routing cache,
 * ingestor (declaring through `declarer`, raising through `response`), and the global tasks
 * that finish declarations abandoned by a dead replica and delete resolved alerts past
 * `incidents.alerts.retention`. The routes are the service's (`createAlertsRouter`).
 */
export async function createAlerts(options: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  declarer: IncidentDeclarer;
  response?: AlertResponse;
  clock?: Clock;
}): Promise<{
  ingestor: AlertIngestor;
  store: DatabaseAlertsStore;
  config: AlertsConfig;
}> {
  const { logger, catalog, auth, scheduler } = options;
  const config = readAlertsConfig(options.config);
  const store = await DatabaseAlertsStore.create({
    database: options.database,
  });
  const adopted = await store.adoptLegacyAlertmanagerScopes(
    config.receivers.map(r => ({
      name: r.name,
      actor: alertmanagerActor(r.name),
    })),
  );
  if (adopted > 0) {
    logger.info(
      `Moved ${adopted} Alertmanager alerts stored by 0.1.0 to their receiver's dedup namespace`,
    );
  }
  const routing = new CatalogRoutingSource({
    catalog,
    auth,
    logger,
    ttlMs: config.catalogCacheTtlMs,
    clock: options.clock,
  });
  const ingestor = new AlertIngestor({
    store,
    routing,
    declarer: options.declarer,
    auth,
    logger,
    config,
    response: options.response,
    clock: options.clock,
  });

  await scheduler.scheduleTask({
    id: 'incidents-alerts-abandoned-declarations',
    scope: 'global',
    frequency: { seconds: 15 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 15 },
    fn: async () => {
      await ingestor.declareAbandoned();
    },
  });

  const retention = new AlertRetentionJob({
    store,
    retentionMs: config.retentionMs,
    logger,
    clock: options.clock,
  });
  await scheduler.scheduleTask({
    id: ALERT_RETENTION_TASK_ID,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
    fn: async signal => {
      await retention.run(signal);
    },
  });

  for (const warning of config.warnings) {
    logger.warn(warning);
  }
  if (config.receivers.length === 0 && config.routingKeys.length === 0) {
    logger.info(
      'Alert ingestion is not configured (incidents.alerts.alertmanager.receivers, incidents.alerts.events.routingKeys): its routes answer 401',
    );
  }

  return { ingestor, store, config };
}
