import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  DeclareIncidentRequest,
  declareIncidentSchema,
} from '@firebreak/plugin-incidents-common';
import { ConfigOnCallProvider } from '@firebreak/plugin-incidents-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { component } from './entities';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { DatabasePagesStore } from '../database/DatabasePagesStore';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import { resolvePolicy } from '../domain/policy';
import { OutboxDelivery } from '../response/delivery/OutboxDelivery';
import { readRestrictedViewerGroups } from '../service/visibility';
import { BacklogAssignmentJob } from '../response/BacklogAssignmentJob';
import { PageEscalationJob } from '../response/PageEscalationJob';
import { PagingService } from '../response/PagingService';
import { RoleService } from '../response/RoleService';
import { SeverityResponse } from '../response/SeverityResponse';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { createResponse } from '../response/createResponse';
import { group } from './entities';

/** Thursday 2025-02-06 10:00 UTC (11:00 in Berlin, inside business hours). */
export const T0 = new Date('2025-02-06T10:00:00.000Z');

export const PLATFORM = 'group:default/platform-reliability';
export const PAYMENTS = 'group:default/payments';
export const users = {
  pat: 'user:default/pat',
  priya: 'user:default/priya',
  paolo: 'user:default/paolo',
  alice: 'user:default/alice',
  bob: 'user:default/bob',
  carol: 'user:default/carol',
  lena: 'user:default/lena',
  fiona: 'user:default/fiona',
};

/** Weekly rotations handing off on Mondays 09:00 UTC from Monday 2025-02-03. */
export const responseConfig: JsonObject = {
  incidents: {
    onCall: {
      schedules: [
        {
          id: 'platform',
          groupRef: PLATFORM,
          members: [users.pat, users.priya, users.paolo],
          shiftLength: { days: 7 },
          handoff: { weekday: 'monday', time: '09:00' },
          timeZone: 'UTC',
          start: '2025-02-03',
        },
        {
          id: 'payments-primary',
          groupRef: 'group:default/some-other-name',
          members: [users.alice, users.bob, users.carol],
          shiftLength: { days: 7 },
          handoff: { weekday: 'monday', time: '09:00' },
          timeZone: 'UTC',
          start: '2025-02-03',
        },
        {
          id: 'finops',
          groupRef: 'group:default/finops',
          members: [users.fiona],
          shiftLength: { days: 1 },
          handoff: { time: '09:00' },
          timeZone: 'UTC',
        },
      ],
    },
    assignment: {
      businessHours: {
        timeZone: 'Europe/Berlin',
        days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        start: '09:00',
        end: '17:00',
      },
    },
    roles: {
      groups: {
        'finops-specialist': 'group:default/finops',
        'qa-strategist': 'group:default/qa',
      },
    },
  },
};

/** Groups: payments links to its schedule by annotation and has a lead. */
export const responseGroups: Entity[] = [
  group('platform-reliability'),
  group('payments', { schedule: 'payments-primary', lead: 'lena' }),
  group('finops'),
  group('qa'),
];

/** The response groups and a checkout service that payments owns: most tests' catalog. */
export const checkoutCatalog: Entity[] = [
  ...responseGroups,
  component('checkout', { owner: PAYMENTS }),
];

export interface Harness {
  knex: Knex;
  clock: { now: () => Date; set: (at: Date | string) => void };
  store: DatabaseIncidentsStore;
  roles: DatabaseRolesStore;
  pages: DatabasePagesStore;
  checklist: DatabaseChecklistStore;
  catalog: ReturnType<typeof catalogServiceMock>;
  notifications: { send: jest.Mock<Promise<void>, [NotificationSendOptions]> };
  signals: { publish: jest.Mock };
  events: { publish: jest.Mock };
  delivery: OutboxDelivery;
  declarer: IncidentDeclarer;
  paging: PagingService;
  roleService: RoleService;
  severity: SeverityResponse;
  escalation: PageEscalationJob;
  backlog: BacklogAssignmentJob;
  declare: (
    request: DeclareIncidentRequest,
  ) => ReturnType<IncidentDeclarer['declare']>;
  /** Recipients of the notifications sent so far, by topic. */
  sent: (topic?: string) => {
    to: string[];
    title: string;
    severity?: string;
    link?: string;
    scope?: string;
  }[];
}

/** The response pieces wired as the plugin wires them, on one database, with a settable clock. */
export async function createHarness(options: {
  knex: Knex;
  entities: Entity[];
  config?: JsonObject;
  skipMigrations?: boolean;
}): Promise<Harness> {
  let current = T0;
  const clock = {
    now: () => current,
    set: (at: Date | string) => {
      current = new Date(at);
    },
  };
  const config = new ConfigReader(options.config ?? responseConfig);
  const logger = mockServices.logger.mock();
  const database = mockServices.database({ knex: options.knex });
  const store = await DatabaseIncidentsStore.create({
    database,
    skipMigrations: options.skipMigrations,
  });
  const roles = new DatabaseRolesStore(options.knex, store);
  const pages = new DatabasePagesStore(options.knex, store);
  const checklist = new DatabaseChecklistStore(options.knex, store);
  const catalog = catalogServiceMock({ entities: options.entities });
  const notifications = {
    send: jest.fn(async (_: NotificationSendOptions) => {}),
  };
  const signals = { publish: jest.fn(async (_event: unknown) => {}) };
  const events = { publish: jest.fn(async (_event: unknown) => {}) };
  // The same wiring as the plugin (createResponse), so tests exercise what ships; jobs are
  // scheduled on a mock scheduler and run by hand through `escalation` / `backlog`.
  const { declaration, services, jobs } = await createResponse({
    config,
    logger,
    database,
    store,
    catalog,
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo(),
    notifications,
    signals,
    events: events as any,
    restrictedViewerGroupRefs: readRestrictedViewerGroups(config),
    scheduler: mockServices.scheduler.mock(),
    onCallProvider: ConfigOnCallProvider.fromConfig(config),
    policy: resolvePolicy(),
    clock,
  });
  const declarer = new IncidentDeclarer({
    store,
    catalog,
    logger,
    clock,
    response: declaration,
  });
  const { paging, roles: roleService, severity, delivery } = services;
  // Tests read what was sent right after a write: deliver the outbox before the write returns
  // (a declaration's effects were written claimed for it: those first).
  store.onEffectsCommitted = async (incidentId, claimed) => {
    if (claimed) await delivery.deliverIncident(incidentId, claimed);
    await delivery.run();
  };
  const { escalation, backlog } = jobs;
  return {
    knex: options.knex,
    clock,
    store,
    roles,
    pages,
    checklist,
    catalog,
    notifications,
    signals,
    events,
    delivery,
    declarer,
    paging,
    roleService,
    severity,
    escalation,
    backlog,
    declare: request =>
      declarer.declare({
        declaration: declareIncidentSchema.parse(request),
        actor: 'user:default/declarer',
        credentials: mockCredentials.user('user:default/declarer'),
      }),
    sent: topic =>
      notifications.send.mock.calls
        .map(([options_]) => options_)
        .filter(o => !topic || o.payload.topic === topic)
        .map(o => ({
          to:
            o.recipients.type === 'entity'
              ? [o.recipients.entityRef].flat()
              : ['*'],
          title: o.payload.title,
          severity: o.payload.severity,
          link: o.payload.link,
          scope: o.payload.scope,
        })),
  };
}
