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
import { IncidentPolicy } from '@firebreak/plugin-incidents-common';
import { OnCallProvider } from '@firebreak/plugin-incidents-node';
import { DatabaseBacklogStore } from '../database/DatabaseBacklogStore';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { DatabasePagesStore } from '../database/DatabasePagesStore';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import { readIncidentAudience } from '../database/visibility';
import { readAssignmentPolicy } from '../domain/assignment';
import { IncidentEvents } from '../events/IncidentEvents';
import { signalsListener } from '../events/signals';
import { BacklogAssignmentJob } from '../jobs/BacklogAssignmentJob';
import { PageEscalationJob } from '../jobs/PageEscalationJob';
import {
  readResponseJobsSchedule,
  scheduleResponseJobs,
} from '../jobs/scheduleResponseJobs';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { PagingService } from '../paging/PagingService';
import { ResponseNotifier } from '../paging/ResponseNotifier';
import { CommanderAssigner } from '../roles/CommanderAssigner';
import { DeclarationResponse } from '../roles/DeclarationResponse';
import { RoleService } from '../roles/RoleService';
import { SeverityResponse } from '../roles/SeverityResponse';
import { readRoleGroups } from '../roles/roleGroups';
import { Clock } from './clock';
import { ResponseServices } from './routes';
import { readRestrictedViewerGroups } from './visibility';

/**
 * Builds the response around incidents (on-call, IC assignment, roles, checklist, paging,
 * escalation, signals) from the plugin's services, and schedules its jobs. Config is read and
 * validated here, so a bad `incidents.*` key fails startup naming the key.
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
  scheduler: SchedulerService;
  onCallProvider: OnCallProvider;
  policy: IncidentPolicy;
  clock: Clock;
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

  const events = new IncidentEvents(logger);
  events.subscribe(
    signalsListener(options.signals, {
      audienceOf: incidentId => readIncidentAudience(db, incidentId),
      viewerGroupRefs: readRestrictedViewerGroups(config),
    }),
  );

  const onCall = new OnCallResolver({
    provider: options.onCallProvider,
    catalog,
    logger,
  });
  const notifier = new ResponseNotifier({
    notifications: options.notifications,
    logger,
  });
  const paging = new PagingService({
    incidents: store,
    pages: pagesStore,
    onCall,
    notifier,
    events,
    policy,
    userInfo: options.userInfo,
    clock,
  });
  const roles = new RoleService({
    incidents: store,
    roles: rolesStore,
    onCall,
    roleGroups,
    platformGroupRef: assignment.platformGroupRef,
    paging,
    notifier,
    events,
    auth,
    clock,
    logger,
  });
  events.subscribe(roles.onIncidentChanged);

  const declaration = new DeclarationResponse({
    commander: new CommanderAssigner({
      onCall,
      openCommandedIncidents: () => rolesStore.openCommandedIncidents(),
      assignment,
      policy,
    }),
    notifier,
    events,
    logger,
  });

  const severity = new SeverityResponse({
    incidents: store,
    roles: rolesStore,
    onCall,
    notifier,
    assignment,
    policy,
    logger,
    auth,
    clock,
    events,
  });
  events.subscribe(severity.onIncidentChanged);

  const escalation = new PageEscalationJob({
    pages: pagesStore,
    onCall,
    notifier,
    events,
    policy,
    auth,
    clock,
    logger,
  });
  const backlog = new BacklogAssignmentJob({
    incidents: store,
    backlog: backlogStore,
    notifier,
    events,
    clock,
    logger,
  });
  await scheduleResponseJobs({
    scheduler: options.scheduler,
    schedule,
    logger,
    escalatePages: () => escalation.run(),
    assignBacklog: () => backlog.run(),
  });

  return {
    declaration,
    services: { onCall, roles, paging, checklist, events, severity },
    jobs: { escalation, backlog },
  };
}
