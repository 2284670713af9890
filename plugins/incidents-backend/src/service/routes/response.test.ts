/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { Server } from 'node:http';
import request from 'supertest';
import {
  component,
  domain,
  group,
  system,
  user,
} from '../../__testUtils__/entities';
import {
  Authorize,
  api,
  denying,
  expectError,
  startIncidentsBackend,
} from '../../__testUtils__/testBackend';

// Long enough for the hook that drops the many databases these tests create.
jest.setTimeout(180_000);

const ME = mockCredentials.user().principal.userEntityRef; // user:default/mock
const PAYMENTS = 'group:default/payments';

const daily = (id: string, groupRef: string, member: string) => ({
  id,
  groupRef,
  members: [member],
  shiftLength: { days: 1 },
  handoff: { time: '09:00' },
  timeZone: 'UTC',
});

const config: JsonObject = {
  incidents: {
    onCall: {
      schedules: [
        daily('platform', 'group:default/platform-reliability', 'pat'),
        daily('payments-primary', 'group:default/elsewhere', 'alice'),
        daily('finops', 'group:default/finops', 'fiona'),
      ],
    },
    roles: {
      groups: {
        'finops-specialist': 'group:default/finops',
        'qa-strategist': 'group:default/qa',
      },
    },
  },
};

const entities = [
  group('platform-reliability'),
  group('payments', {
    schedule: 'payments-primary',
    lead: 'user:default/lena',
  }),
  group('finops'),
  group('qa'),
  component('checkout', { owner: PAYMENTS }),
  component('ledger', { system: 'system:default/money' }),
  system('money', { domain: 'domain:default/finance' }),
  domain('finance', PAYMENTS),
  ...['mock', 'pat', 'alice', 'quinn', 'rita', 'fiona', 'lena', 'a', 'rm'].map(
    name => user(name),
  ),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('response API on %s', databaseId => {
  let server: Server;
  let notifications: {
    send: jest.Mock<Promise<void>, [NotificationSendOptions]>;
  };
  let signals: { publish: jest.Mock };
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let scheduler: ReturnType<typeof mockServices.scheduler.mock>;

  async function start(options: { authorize?: Authorize } = {}) {
    notifications = { send: jest.fn(async (_: NotificationSendOptions) => {}) };
    signals = { publish: jest.fn(async () => {}) };
    auditor = mockServices.auditor.mock();
    scheduler = mockServices.scheduler.mock();
    server = await startIncidentsBackend({
      knex: await databases.init(databaseId),
      catalog: catalogServiceMock({ entities }),
      config,
      features: [
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => notifications,
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => signals,
        }),
        auditor.factory,
        scheduler.factory,
        mockServices.permissions.mock(options.authorize ?? denying()).factory,
      ],
    });
  }

  const declare = async (
    severity = 'SEV2',
    entity = 'component:default/checkout',
  ) => {
    const res = await request(server)
      .post(api('/v1/incidents'))
      .send({
        title: 'Checkout failing',
        severity,
        affectedEntityRefs: [entity],
      });
    expect(res.status).toBe(201);
    return res.body;
  };
  const timeline = async (ref = 'INC-1') =>
    (await request(server).get(api(`/v1/incidents/${ref}/timeline`))).body
      .items as {
      kind: string;
      body: string;
      details: Record<string, unknown>;
    }[];
  const sent = (topic?: string) =>
    notifications.send.mock.calls
      .map(([o]) => o)
      .filter(o => !topic || o.payload.topic === topic)
      .map(o =>
        o.recipients.type === 'entity' ? o.recipients.entityRef : '*',
      );

  describe('GET /v1/oncall', () => {
    beforeEach(() => start());

    it('answers who is on call for a group, from the schedule its annotation names', async () => {
      const res = await request(server).get(
        api('/v1/oncall?groupRef=payments'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        groupRef: PAYMENTS,
        scheduleId: 'payments-primary',
        hasSchedule: true,
        current: expect.objectContaining({ userRef: 'user:default/alice' }),
        // a one-person daily rotation: alice again at the next handoff
        next: expect.objectContaining({ userRef: 'user:default/alice' }),
        leadRef: 'user:default/lena',
        rotation: ['user:default/alice'],
        at: expect.any(String),
      });
    });

    it('answers for an entity with its owner group’s on-call, via system and domain', async () => {
      const direct = await request(server).get(
        api('/v1/oncall?entityRef=component:default/checkout'),
      );
      expect(direct.body).toMatchObject({
        groupRef: PAYMENTS,
        entityRef: 'component:default/checkout',
        current: { userRef: 'user:default/alice' },
      });
      const inherited = await request(server).get(
        api('/v1/oncall?entityRef=component:ledger'),
      );
      expect(inherited.body).toMatchObject({
        groupRef: PAYMENTS,
        entityRef: 'component:default/ledger',
      });
    });

    it('says when a group has no schedule', async () => {
      const res = await request(server).get(
        api('/v1/oncall?groupRef=group:default/qa'),
      );
      expect(res.body).toEqual({
        groupRef: 'group:default/qa',
        hasSchedule: false,
        rotation: [],
        at: expect.any(String),
      });
    });

    it.each([
      ['', 'give exactly one of groupRef and entityRef'],
      ['?groupRef=payments&entityRef=component:x', 'give exactly one'],
      ['?groupRef=user:default/alice', 'groupRef: must be a group entity ref'],
      ['?entityRef=nope', 'entityRef: must be an entity ref'],
      ['?team=x', 'team: unknown field'],
    ])('refuses %s with 400 naming the field', async (query, message) => {
      expectError(
        await request(server).get(api(`/v1/oncall${query}`)),
        400,
        'InputError',
        message,
      );
    });

    it('answers 404 for an unknown entity', async () => {
      expectError(
        await request(server).get(
          api('/v1/oncall?entityRef=component:default/nope'),
        ),
        404,
        'NotFoundError',
      );
    });
  });

  describe('roles', () => {
    beforeEach(() => start());

    it('lists every role, with the IC assigned at declaration', async () => {
      const incident = await declare('SEV2');
      const res = await request(server).get(api('/v1/incidents/INC-1/roles'));
      expect(res.status).toBe(200);
      expect(res.body.incidentId).toBe(incident.id);
      expect(res.body.roles.map((r: { role: string }) => r.role)).toEqual([
        'incident-commander',
        'observability-incident-lead',
        'developer-enablement-lead',
        'qa-strategist',
        'release-manager',
        'customer-success-lead',
        'finops-specialist',
        'privacy-officer',
      ]);
      expect(res.body.roles[0]).toEqual({
        role: 'incident-commander',
        title: 'Incident commander',
        assignee: {
          role: 'incident-commander',
          userRef: 'user:default/pat',
          assignedAt: incident.declaredAt,
          assignedBy: ME,
        },
        version: 1,
      });
      expect(res.body.roles[3]).toEqual({
        role: 'qa-strategist',
        title: 'QA strategist',
        version: 0,
      });
    });

    it('assigns and reassigns a role: timeline, notification, audit', async () => {
      await declare();
      const first = await request(server)
        .put(api('/v1/incidents/INC-1/roles'))
        .send({ role: 'qa-strategist', userRef: 'quinn', version: 0 });
      expect(first.status).toBe(200);
      expect(first.body.roles[3]).toMatchObject({
        assignee: { userRef: 'user:default/quinn', assignedBy: ME },
        version: 1,
      });
      const second = await request(server)
        .put(api('/v1/incidents/INC-1/roles'))
        .send({
          role: 'qa-strategist',
          userRef: 'user:default/rita',
          version: 1,
          note: 'quinn is off',
        });
      expect(second.body.roles[3]).toMatchObject({
        assignee: { userRef: 'user:default/rita', note: 'quinn is off' },
        version: 2,
      });
      expect(
        (await timeline()).filter(e => e.kind === 'role').map(e => e.body),
      ).toEqual([
        'pat assigned as incident commander (on call for platform-reliability)',
        'quinn assigned as qa strategist',
        'QA strategist reassigned from quinn to rita: quinn is off',
      ]);
      expect(sent('firebreak-role')).toEqual([
        ['user:default/quinn'],
        ['user:default/rita'],
      ]);
      const event = await auditor.createEvent.mock.results.at(-1)!.value;
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({ eventId: 'incident-role-assign' }),
      );
      expect(event.success).toHaveBeenCalled();
    });

    it('refuses a stale role version with 409 and the current version', async () => {
      await declare();
      const res = await request(server)
        .put(api('/v1/incidents/INC-1/roles'))
        .send({ role: 'incident-commander', userRef: 'alice', version: 0 });
      expectError(res, 409, 'ConflictError', 'current version is 1');
      expect(res.body.error.currentVersion).toBe(1);
    });

    it.each([
      [{ role: 'wizard', userRef: 'alice' }, 'role: Invalid enum value'],
      [
        { role: 'qa-strategist', userRef: 'group:default/qa' },
        'userRef: must be a user entity ref',
      ],
      [{ role: 'qa-strategist' }, 'userRef: Required'],
      [
        { role: 'qa-strategist', userRef: 'a', colour: 1 },
        'colour: unknown field',
      ],
    ])('refuses %j with 400 naming the field', async (body, message) => {
      await declare();
      expectError(
        await request(server).put(api('/v1/incidents/INC-1/roles')).send(body),
        400,
        'InputError',
        message,
      );
    });

    it('refuses a user ref that is not a catalog user with 400 naming it', async () => {
      await declare();
      const madeUp = 'user:default/made-up';
      expectError(
        await request(server)
          .put(api('/v1/incidents/INC-1/roles'))
          .send({ role: 'qa-strategist', userRef: madeUp, version: 0 }),
        400,
        'InputError',
        `userRef: ${madeUp} is not a user in the catalog`,
      );
      // Longer than any ref the catalog holds: refused before the catalog is asked.
      expectError(
        await request(server)
          .put(api('/v1/incidents/INC-1/roles'))
          .send({
            role: 'qa-strategist',
            userRef: `user:default/${'x'.repeat(290)}`,
            version: 0,
          }),
        400,
        'InputError',
        'userRef: must be at most 255 characters',
      );
      expectError(
        await request(server)
          .post(api('/v1/incidents/INC-1/roles/incident-commander/handoff'))
          .send({ toUserRef: 'user:default/nobody', note: 'over to you' }),
        400,
        'InputError',
        'toUserRef: user:default/nobody is not a user in the catalog',
      );
      const roles = await request(server).get(api('/v1/incidents/INC-1/roles'));
      expect(roles.body.roles[3].assignee).toBeUndefined();
      expect(roles.body.roles[0].assignee.userRef).toBe('user:default/pat');
    });

    it('hands off with notes; the new IC is on the incident', async () => {
      await declare();
      const res = await request(server)
        .post(api('/v1/incidents/INC-1/roles/incident-commander/handoff'))
        .send({ toUserRef: 'alice', note: 'rollback running; watch p95' });
      expect(res.status).toBe(200);
      expect(res.body.roles[0].assignee).toMatchObject({
        userRef: 'user:default/alice',
        note: 'rollback running; watch p95',
      });
      const incident = await request(server).get(api('/v1/incidents/INC-1'));
      expect(incident.body.commanderRef).toBe('user:default/alice');
      const entries = await timeline();
      expect(entries.slice(-3)).toMatchObject([
        {
          kind: 'role',
          body: 'Incident commander handed off from pat to alice: rollback running; watch p95',
          details: { action: 'handoff', previousUserRef: 'user:default/pat' },
        },
        { kind: 'page', body: expect.stringMatching(/^Paged alice: /) },
        {
          kind: 'page',
          body: 'Cancelled 1 open page to pat: no longer incident commander',
          details: { action: 'cancelled' },
        },
      ]);
      // The new commander is paged; the old one's page is cancelled and stops escalating.
      expect(sent('firebreak-page').slice(-1)).toEqual([
        ['user:default/alice'],
      ]);
      expect(sent('firebreak-page-closed')).toEqual([['user:default/pat']]);
      const pages = await request(server).get(api('/v1/incidents/INC-1/pages'));
      expect(
        pages.body.items.map((p: any) => [p.targetUserRef, p.status]),
      ).toEqual([
        ['user:default/pat', 'cancelled'],
        ['user:default/alice', 'open'],
      ]);
    });

    it('refuses handing off an unassigned role (409), an unknown role or no notes (400)', async () => {
      await declare();
      const handoff = (role: string, body: object) =>
        request(server)
          .post(api(`/v1/incidents/INC-1/roles/${role}/handoff`))
          .send(body);
      expectError(
        await handoff('qa-strategist', { toUserRef: 'a', note: 'x' }),
        409,
        'ConflictError',
        'nothing to hand off',
      );
      expectError(
        await handoff('wizard', { toUserRef: 'a', note: 'x' }),
        400,
        'InputError',
        'role: must be one of',
      );
      expectError(
        await handoff('incident-commander', { toUserRef: 'a' }),
        400,
        'InputError',
        'note: Required',
      );
    });

    it('suggests the role group’s on-call and the owning team’s on-call', async () => {
      await declare();
      const res = await request(server).get(
        api('/v1/incidents/INC-1/roles/suggestions'),
      );
      expect(res.status).toBe(200);
      const forRole = (role: string) =>
        res.body.items.filter((s: { role: string }) => s.role === role);
      expect(forRole('incident-commander')).toEqual([
        // pat holds the role already; the owning team's on-call is the alternative
        {
          role: 'incident-commander',
          userRef: 'user:default/alice',
          groupRef: PAYMENTS,
          source: 'owner-on-call',
          reason: 'on call for payments, which owns affected entities',
        },
      ]);
      expect(forRole('qa-strategist')).toEqual([
        expect.objectContaining({
          groupRef: 'group:default/qa',
          source: 'role-group',
        }),
        expect.objectContaining({
          userRef: 'user:default/alice',
          source: 'owner-on-call',
        }),
      ]);
      expect(forRole('finops-specialist')).toEqual([
        expect.objectContaining({
          userRef: 'user:default/fiona',
          groupRef: 'group:default/finops',
          source: 'role-group-on-call',
        }),
      ]);
      expect(forRole('privacy-officer')).toEqual([]);
    });
  });

  describe('flags', () => {
    beforeEach(() => start());

    it('brings the FinOps specialist in when cost impact is flagged, and says when no group is set for the privacy officer', async () => {
      await declare();
      notifications.send.mockClear();
      const res = await request(server)
        .patch(api('/v1/incidents/INC-1'))
        .send({ version: 1, costImpact: true, dataExposure: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        costImpact: true,
        dataExposure: true,
        version: 2,
      });

      const roles = await request(server).get(api('/v1/incidents/INC-1/roles'));
      expect(roles.body.roles[6]).toMatchObject({
        role: 'finops-specialist',
        assignee: { userRef: 'user:default/fiona' },
      });
      expect(roles.body.roles[7].assignee).toBeUndefined();
      expect(sent('firebreak-role')).toEqual([['user:default/fiona']]);
      expect(sent('firebreak-page')).toEqual([['user:default/fiona']]);
      const bodies = (await timeline()).map(e => e.body);
      expect(bodies).toEqual(
        expect.arrayContaining([
          'Updated cost impact flagged, data exposure flagged',
          'fiona assigned as finops specialist (cost impact flagged)',
          'Paged fiona (for finops): FinOps specialist joins: cost impact flagged',
          'Privacy officer should join (data exposure flagged), but no group is configured for the role (incidents.roles.groups.privacy-officer); assign someone by hand',
        ]),
      );
      const checklist = await request(server).get(
        api('/v1/incidents/INC-1/checklist'),
      );
      expect(checklist.body.items.map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining(['assess-cost-impact', 'assess-data-exposure']),
      );
    });
  });

  describe('checklist', () => {
    beforeEach(() => start());

    it('lists the items of the incident’s phases and checks them, on the timeline', async () => {
      await declare('SEV2');
      const list = await request(server).get(
        api('/v1/incidents/INC-1/checklist'),
      );
      expect(list.status).toBe(200);
      expect(list.body.items[0]).toEqual({
        id: 'investigate-logs-metrics',
        phase: 'triage-containment',
        title: 'Investigate logs and metrics',
        description: expect.any(String),
        responsible: 'observability-incident-lead',
        optional: false,
        done: false,
        version: 0,
      });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(
        'assess-cost-impact',
      );

      const res = await request(server)
        .patch(api('/v1/incidents/INC-1/checklist/validate-in-staging'))
        .send({ assigneeRef: 'quinn', done: true, version: 0 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: 'validate-in-staging',
        assigneeRef: 'user:default/quinn',
        done: true,
        doneAt: expect.any(String),
        doneBy: ME,
        updatedBy: ME,
        version: 1,
      });
      expect((await timeline()).at(-1)).toMatchObject({
        kind: 'update',
        body: 'Checklist: Validate the remediation in staging — assigned to quinn, done',
        details: { checklistItemId: 'validate-in-staging' },
      });
      expectError(
        await request(server)
          .patch(api('/v1/incidents/INC-1/checklist/validate-in-staging'))
          .send({ done: false, version: 0 }),
        409,
        'ConflictError',
      );
      expectError(
        await request(server)
          .patch(api('/v1/incidents/INC-1/checklist/nope'))
          .send({ done: true }),
        404,
        'NotFoundError',
      );
      expectError(
        await request(server)
          .patch(api('/v1/incidents/INC-1/checklist/contain-impact'))
          .send({}),
        400,
        'InputError',
        'set assigneeRef and/or done',
      );
    });
  });

  describe('pages', () => {
    beforeEach(() => start());

    it('pages the on-call of each owning group by default, recording who, whom, when and why', async () => {
      await declare('SEV1');
      notifications.send.mockClear();
      const res = await request(server)
        .post(api('/v1/incidents/INC-1/pages'))
        .send({ reason: 'Need the checkout owners' });
      expect(res.status).toBe(201);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          incidentRef: 'INC-1',
          targetGroupRef: PAYMENTS,
          targetUserRef: 'user:default/alice',
          pagedBy: ME,
          reason: 'Need the checkout owners',
          sentAt: expect.any(String),
          ackDueAt: expect.any(String),
          escalationLevel: 0,
          status: 'open',
        }),
      ]);
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: ['user:default/alice'] },
        payload: expect.objectContaining({
          link: `/incidents/INC-1?acknowledgePage=${res.body.items[0].id}`,
          severity: 'critical',
          topic: 'firebreak-page',
          scope: `page:${res.body.items[0].id}`,
        }),
      });
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({ eventId: 'incident-page' }),
      );

      const list = await request(server).get(api('/v1/incidents/INC-1/pages'));
      expect(
        list.body.items.map((p: { targetUserRef: string }) => p.targetUserRef),
      ).toEqual(['user:default/pat', 'user:default/alice']);
    });

    it('pages whole groups and named people', async () => {
      await declare();
      notifications.send.mockClear();
      const res = await request(server)
        .post(api('/v1/incidents/INC-1/pages'))
        .send({
          groupRefs: ['payments'],
          userRefs: ['carol'],
          wholeGroup: true,
          reason: 'all hands',
        });
      expect(
        res.body.items.map((p: object) => [
          (p as { targetGroupRef?: string }).targetGroupRef,
          (p as { targetUserRef?: string }).targetUserRef,
        ]),
      ).toEqual([
        [PAYMENTS, undefined],
        [undefined, 'user:default/carol'],
      ]);
      expect(sent('firebreak-page')).toEqual([
        [PAYMENTS],
        ['user:default/carol'],
      ]);
    });

    it('refuses a page without a reason (400) or without incident.page (403)', async () => {
      await declare();
      expectError(
        await request(server).post(api('/v1/incidents/INC-1/pages')).send({}),
        400,
        'InputError',
        'reason: Required',
      );
      await start({ authorize: denying('incident.page') });
      await declare();
      expectError(
        await request(server)
          .post(api('/v1/incidents/INC-1/pages'))
          .send({ reason: 'x' }),
        403,
        'NotAllowedError',
        'incident.page',
      );
    });

    it('lets incident.page.acknowledge acknowledge a page for the person paged', async () => {
      await declare();
      const [icPage] = (
        await request(server).get(api('/v1/incidents/INC-1/pages'))
      ).body.items;
      const ack = await request(server).post(
        api(`/v1/pages/${icPage.id}/acknowledge`),
      );
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: ME,
      });
    });

    it('acknowledges pages: only the person paged; the IC’s acknowledgement stops the SLA clock', async () => {
      await start({ authorize: denying('incident.page.acknowledge') });
      await declare();
      const [icPage] = (
        await request(server).get(api('/v1/incidents/INC-1/pages'))
      ).body.items;
      expectError(
        await request(server).post(api(`/v1/pages/${icPage.id}/acknowledge`)),
        403,
        'NotAllowedError',
        'addressed to user:default/pat',
      );

      await request(server)
        .put(api('/v1/incidents/INC-1/roles'))
        .send({ role: 'incident-commander', userRef: ME });
      const paged = await request(server)
        .post(api('/v1/incidents/INC-1/pages'))
        .send({ userRefs: [ME], reason: 'you are IC now' });
      const pageId = paged.body.items[0].id;

      const mine = await request(server).get(
        api('/v1/pages?mine=true&status=open'),
      );
      expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([
        pageId,
      ]);

      const ack = await request(server).post(
        api(`/v1/pages/${pageId}/acknowledge`),
      );
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: ME,
      });
      const incident = await request(server).get(api('/v1/incidents/INC-1'));
      expect(incident.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);

      const again = await request(server).post(
        api(`/v1/pages/${pageId}/acknowledge`),
      );
      expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
      expect(
        (await request(server).get(api('/v1/pages?mine=true&status=open'))).body
          .items,
      ).toEqual([]);
      expect(
        (
          await request(server).get(
            api('/v1/pages?mine=true&status=acknowledged'),
          )
        ).body.items,
      ).toHaveLength(1);

      expectError(
        await request(server).post(
          api('/v1/pages/00000000-0000-4000-8000-000000000000/acknowledge'),
        ),
        404,
        'NotFoundError',
      );
      expectError(
        await request(server).get(api('/v1/pages?status=lost')),
        400,
        'InputError',
        'status',
      );
    });
  });

  describe('severity changes', () => {
    beforeEach(() => start());

    const patch = (body: Record<string, unknown>) =>
      request(server).patch(api('/v1/incidents/INC-1')).send(body);
    const commander = async () =>
      (await request(server).get(api('/v1/incidents/INC-1/roles'))).body
        .roles[0].assignee?.userRef;
    const pages = async () =>
      (
        (await request(server).get(api('/v1/incidents/INC-1/pages'))).body
          .items as { targetUserRef?: string; reason: string }[]
      ).map(p => [p.targetUserRef, p.reason]);

    it('SEV3 → SEV1 hands the IC over to the platform on-call and pages them', async () => {
      await declare('SEV3');
      expect(await commander()).toBe('user:default/alice');
      notifications.send.mockClear();

      const res = await patch({ version: 1, severity: 'SEV1' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        severity: 'SEV1',
        commanderRef: 'user:default/pat',
        version: 2,
      });
      expect(await commander()).toBe('user:default/pat');
      expect(await pages()).toEqual(
        expect.arrayContaining([
          [
            'user:default/alice',
            'Incident commander of SEV3: Checkout failing',
          ],
          ['user:default/pat', 'Incident commander of SEV1: Checkout failing'],
        ]),
      );
      expect(sent('firebreak-page')).toEqual([['user:default/pat']]);
      const entries = await timeline();
      expect(entries.map(e => e.body)).toEqual(
        expect.arrayContaining([
          'Updated severity SEV3 → SEV1',
          'Incident commander handed off from alice to pat (on call for platform-reliability): Severity raised SEV3 → SEV1: SEV1 is commanded by the on-call of platform-reliability',
          expect.stringMatching(
            /^Paged pat as incident commander; acknowledge within \d+ minutes$/,
          ),
        ]),
      );
      expect(
        entries.find(e => e.details.action === 'handoff')?.details,
      ).toMatchObject({
        role: 'incident-commander',
        userRef: 'user:default/pat',
        previousUserRef: 'user:default/alice',
        groupRef: 'group:default/platform-reliability',
      });
    });

    it('SEV4 → SEV3 assigns the owning team’s on-call and clears the backlog hand-over', async () => {
      const declared = await declare('SEV4');
      expect(declared.backlog).toMatchObject({ groupRef: PAYMENTS });
      expect(await commander()).toBeUndefined();
      notifications.send.mockClear();

      const res = await patch({ version: 1, severity: 'SEV3' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        severity: 'SEV3',
        commanderRef: 'user:default/alice',
      });
      expect(res.body.backlog).toBeUndefined();
      expect(await commander()).toBe('user:default/alice');
      expect(await pages()).toEqual([
        ['user:default/alice', 'Incident commander of SEV3: Checkout failing'],
      ]);
      expect(sent('firebreak-page')).toEqual([['user:default/alice']]);
      expect((await timeline()).map(e => e.body)).toContain(
        'alice assigned as incident commander (on call for payments): Severity raised SEV4 → SEV3: SEV3 is commanded by the on-call of the owning team',
      );
    });

    it('SEV1 → SEV3 keeps the IC; lowering to SEV4 keeps them too, with a note', async () => {
      await declare('SEV1');
      notifications.send.mockClear();

      const res = await patch({ version: 1, severity: 'SEV3' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        severity: 'SEV3',
        commanderRef: 'user:default/pat',
      });
      expect(await commander()).toBe('user:default/pat');
      expect(sent()).toEqual([]);
      expect(await pages()).toHaveLength(1);

      const lowered = await patch({ version: 2, severity: 'SEV4' });
      expect(lowered.body).toMatchObject({
        severity: 'SEV4',
        commanderRef: 'user:default/pat',
      });
      expect(lowered.body.backlog).toBeUndefined();
      expect((await timeline()).map(e => e.body)).toContain(
        'Severity lowered SEV3 → SEV4: SEV4 would normally have no incident commander; pat stays incident commander',
      );
    });

    it('still refuses a stale version', async () => {
      await declare('SEV3');
      expectError(
        await patch({ version: 7, severity: 'SEV1' }),
        409,
        'ConflictError',
      );
      expect(await commander()).toBe('user:default/alice');
    });
  });

  describe('live updates and jobs', () => {
    beforeEach(() => start());

    it('publishes a signal after every committed change, on the incident’s and the list channel', async () => {
      const incident = await declare();
      await request(server)
        .patch(api('/v1/incidents/INC-1'))
        .send({ version: 1, title: 'x' });
      await request(server)
        .post(api('/v1/incidents/INC-1/transitions'))
        .send({ transition: 'start-triage' });
      await request(server)
        .post(api('/v1/incidents/INC-1/timeline'))
        .send({ kind: 'note', body: 'hello' });
      await request(server)
        .put(api('/v1/incidents/INC-1/roles'))
        .send({ role: 'release-manager', userRef: 'rm' });
      await request(server)
        .patch(api('/v1/incidents/INC-1/checklist/contain-impact'))
        .send({ done: true });
      await request(server)
        .post(api('/v1/incidents/INC-1/pages'))
        .send({ reason: 'x' });

      const onIncident = signals.publish.mock.calls
        .map(([s]) => s)
        .filter(s => s.message.incidentId === incident.id);
      expect(onIncident.map(s => s.message.kind)).toEqual([
        'declared',
        'updated',
        'transition',
        'timeline',
        'roles',
        'checklist',
        'pages',
      ]);
      expect(onIncident[1]).toEqual({
        recipients: { type: 'broadcast' },
        channel: 'firebreak:incidents',
        message: {
          incidentId: incident.id,
          incidentRef: 'INC-1',
          version: 2,
          kind: 'updated',
        },
      });
      expect(
        signals.publish.mock.calls.filter(
          ([s]) => s.channel === 'firebreak:incidents',
        ),
      ).toHaveLength(7);
    });

    it('schedules page escalation and the backlog hand-over as global tasks', async () => {
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'incidents-page-escalation',
          scope: 'global',
          frequency: { minutes: 1 },
        }),
      );
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'incidents-backlog-assignment',
          scope: 'global',
        }),
      );
    });
  });
});
