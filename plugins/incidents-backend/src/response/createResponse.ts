import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { EventsService } from '@backstage/plugin-events-node';
import { IncidentPolicy } from '@firebreak/plugin-incidents-common';
import { OnCallProvider } from '@firebreak/plugin-incidents-node';
import { DatabaseBacklogStore } from '../database/DatabaseBacklogStore';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { DatabasePagesStore } from '../database/DatabasePagesStore';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import { OutboxStore } from '../database/outbox';
import { readIncidentAudience } from '../database/visibility';
import { repairIncidentCopies } from '../database/incidentCopies';
import { readAssignmentPolicy } from './readAssignmentPolicy';
import { BacklogAssignmentJob } from './BacklogAssignmentJob';
import { createEffectHandlers } from './delivery/handlers';
import { EffectHandlers, OutboxDelivery } from './delivery/OutboxDelivery';
import { PageEscalationJob } from './PageEscalationJob';
import {
  readResponseJobsSchedule,
  scheduleResponseJobs,
} from './scheduleResponseJobs';
import { OnCallResolver } from './OnCallResolver';
import { PagingService } from './PagingService';
import { CommanderAssigner } from './CommanderAssigner';
import { DeclarationResponse } from './DeclarationResponse';
import { RoleService } from './RoleService';
import { SeverityResponse } from './SeverityResponse';
import { readRoleGroups } from './roleGroups';
import { Clock } from '../domain/clock';

/** The response pieces the routes and alert ingestion call. */
export interface ResponseServices {
  onCall: OnCallResolver;
  roles: RoleService;
  paging: PagingService;
  checklist: DatabaseChecklistStore;
  /** Edits, and the commander reassessment a severity change brings. */
  severity: SeverityResponse;
  delivery: OutboxDelivery;
}

/**
 * Builds the response around incidents (on-call, IC assignment, roles, checklist, paging,
 * escalation) and the outbox delivery from the plugin's services, and schedules their jobs.
 * Config is read and validated here, so a bad `incidents.*` key fails startup naming the key.
 */
export async function createResponse(options: {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  store: DatabaseIncidentsStore;
  catalog: CatalogService;
  auth: AuthService;
  userInfo: UserInfoService;
  notifications: NotificationService;
  signals: SignalsService;
  events?: EventsService;
  /** `incidents.restricted.viewerGroups`: who sees restricted incidents besides responders. */
  restrictedViewerGroupRefs: readonly string[];
  scheduler: SchedulerService;
  onCallProvider: OnCallProvider;
  policy: IncidentPolicy;
  clock: Clock;
  /** How the communication effects (email, status page pushes) leave. */
  commsHandlers?: Partial<Pick<EffectHandlers, 'email' | 'status-page'>>;
}): Promise<{
  declaration: DeclarationResponse;
  services: ResponseServices;
  jobs: { escalation: PageEscalationJob; backlog: BacklogAssignmentJob };
}> {
  const { config, logger, store, catalog, auth, policy, clock } = options;
  const assignment = readAssignmentPolicy(config);
  const roleGroups = readRoleGroups(config);
  const schedule = readResponseJobsSchedule(config);

  const db = await options.database.getClient();
  const rolesStore = new DatabaseRolesStore(db, store);
  const pagesStore = new DatabasePagesStore(db, store);
  const checklist = new DatabaseChecklistStore(db, store);
  const backlogStore = new DatabaseBacklogStore(db);

  const delivery = new OutboxDelivery({
    outbox: new OutboxStore(db),
    handlers: createEffectHandlers({
      notifications: options.notifications,
      signals: options.signals,
      events: options.events,
      audienceOf: incidentId => readIncidentAudience(db, incidentId),
      viewerGroupRefs: options.restrictedViewerGroupRefs,
      ...options.commsHandlers,
    }),
    logger,
    clock,
  });
  store.onEffectsCommitted = (incidentId, claimed) =>
    delivery.deliverIncident(incidentId, claimed);
  store.claimLeaseMs = delivery.leaseMs;

  const onCall = new OnCallResolver({
    provider: options.onCallProvider,
    catalog,
    logger,
  });
  const paging = new PagingService({
    incidents: store,
    pages: pagesStore,
    onCall,
    policy,
    userInfo: options.userInfo,
    clock,
  });
  const roles = new RoleService({
    roles: rolesStore,
    onCall,
    roleGroups,
    platformGroupRef: assignment.platformGroupRef,
    policy,
    clock,
  });

  const declaration = new DeclarationResponse({
    commander: new CommanderAssigner({
      onCall,
      openCommandedIncidents: (userRefs, downTo) =>
        rolesStore.openCommandedIncidents({ userRefs, downTo }),
      assignment,
      policy,
    }),
    logger,
  });

  const severity = new SeverityResponse({
    incidents: store,
    roles: rolesStore,
    onCall,
    roleGroups,
    assignment,
    policy,
    logger,
    auth,
    clock,
  });

  const escalation = new PageEscalationJob({
    pages: pagesStore,
    onCall,
    policy,
    auth,
    clock,
    logger,
  });
  const backlog = new BacklogAssignmentJob({
    incidents: store,
    backlog: backlogStore,
    clock,
    logger,
  });
  await scheduleResponseJobs({
    scheduler: options.scheduler,
    schedule,
    logger,
    escalatePages: () => escalation.run(),
    assignBacklog: () => backlog.run(),
    deliverOutbox: () => delivery.run(),
    repairCopies: () => repairIncidentCopies(db),
  });

  return {
    declaration,
    services: { onCall, roles, paging, checklist, severity, delivery },
    jobs: { escalation, backlog },
  };
}
