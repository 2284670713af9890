import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { IncidentPolicy } from '@firebreak/plugin-incidents-common';
import { StatusPageProvider } from '@firebreak/plugin-incidents-node';
import { StatusComponents } from '../../catalog/statusComponents';
import { CommsDutiesHook } from '../../database/communication/commsDuties';
import { DatabaseIncidentsStore } from '../../database/DatabaseIncidentsStore';
import { SlaWriteHook } from '../../database/sla/SlaWriteHook';
import { runSlaSweep, runUpdatePrompts, scheduleCommsJobs } from './CommsJobs';
import { CommsService } from './CommsService';
import { CommsConfig } from './commsConfig';
import { EmailDelivery } from './deliverEmail';
import { deliverStatusPage } from './deliverStatusPage';
import { EffectHandlers } from '../delivery/OutboxDelivery';
import { StatusPageService } from './StatusPageService';
import { Clock } from '../../domain/clock';

/**
 * How `email` effects (SMTP) and `status-page` effects (every StatusPageProvider) leave; built
 * before the outbox delivery that calls them.
 */
export function createCommsHandlers(options: {
  config: CommsConfig;
  logger: LoggerService;
  statusPageProviders: StatusPageProvider[];
}): Pick<EffectHandlers, 'email' | 'status-page'> {
  const email = new EmailDelivery({
    email: options.config.email,
    logger: options.logger,
  });
  return {
    email: effect => email.deliver(effect),
    'status-page': effect =>
      deliverStatusPage(options.statusPageProviders, effect),
  };
}

/**
 * SLA breach records, stakeholder communication and the public status page: hooks the SLA
 * clocks and the communication checklist into every incident write, schedules the breach
 * sweep and the update prompts, and builds the delivery of `email` and `status-page` effects.
 */
export async function createComms(options: {
  config: CommsConfig;
  logger: LoggerService;
  database: DatabaseService;
  store: DatabaseIncidentsStore;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  policy: IncidentPolicy;
  clock: Clock;
  /** Delivers what a write outside an incident's lock put into the outbox. */
  kick: () => Promise<void>;
}) {
  const { config, logger, store, catalog, auth, policy, clock } = options;
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
  const sweep = () => runSlaSweep({ db, incidents: store, clock });
  const prompt = async () => {
    const prompted = await runUpdatePrompts({
      db,
      cadence: config.cadence,
      clock,
    });
    if (prompted > 0) await options.kick();
    return prompted;
  };
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
  };
}
