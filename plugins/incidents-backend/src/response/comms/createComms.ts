import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { IncidentPolicy } from '@firebreak/plugin-incidents-common';
import { StatusPageProvider } from '@firebreak/plugin-incidents-node';
import { StatusComponents } from '../../catalog/statusComponents';
import { CommsDutiesHook } from '../../database/communication/commsDuties';
import { DatabaseIncidentsStore } from '../../database/DatabaseIncidentsStore';
import { SlaWriteHook } from '../../database/sla/SlaWriteHook';
import { readCommsConfig } from './commsConfig';
import { runSlaSweep, runUpdatePrompts, scheduleCommsJobs } from './CommsJobs';
import { CommsService } from './CommsService';
import { EmailDelivery } from './deliverEmail';
import { deliverStatusPage } from './deliverStatusPage';
import { StatusPageService } from './StatusPageService';

interface Clock {
  now(): Date;
}

/**
 * SLA breach records, stakeholder communication and the public status page: hooks the SLA
 * clocks and the communication checklist into every incident write, schedules the breach
 * sweep and the update prompts, and builds the delivery of `email` and `status-page` effects.
 */
export async function createComms(options: {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  store: DatabaseIncidentsStore;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  policy: IncidentPolicy;
  clock: Clock;
  statusPageProviders: StatusPageProvider[];
}) {
  const { logger, store, catalog, auth, policy, clock } = options;
  const config = readCommsConfig(options.config);
  const db = await options.database.getClient();

  store.addWriteHook(new SlaWriteHook(policy, config.sla));
  store.addWriteHook(new CommsDutiesHook(policy));

  const statusComponents = new StatusComponents({
    catalog,
    auth,
    ttlMs: Math.max(config.statusPage.cacheTtlMs, 30_000),
  });
  const comms = new CommsService({
    db,
    incidents: store,
    policy,
    config,
    catalog,
    auth,
    statusComponents,
    logger,
  });
  const statusPage = new StatusPageService({
    db,
    components: statusComponents,
    clock,
    ttlMs: config.statusPage.cacheTtlMs,
  });
  const email = new EmailDelivery({ email: config.email, logger });

  const sweep = () => runSlaSweep({ db, incidents: store, clock });
  const prompt = () => runUpdatePrompts({ db, cadence: config.cadence, clock });
  await scheduleCommsJobs({
    scheduler: options.scheduler,
    config,
    logger,
    sweep,
    prompt,
  });

  return {
    config,
    db,
    comms,
    statusPage,
    jobs: { sweep, prompt },
    deliver: {
      email: email.deliver.bind(email),
      statusPage: (effect: Parameters<typeof deliverStatusPage>[1]) =>
        deliverStatusPage(options.statusPageProviders, effect),
    },
  };
}
