/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import {
  Authorize,
  api,
  denying,
  expectError,
  startIncidentsBackend,
} from '../../__testUtils__/testBackend';
import { component, system } from '../../__testUtils__/entities';
import {
  defaultIncidentsPolicy,
  permissionsWithPolicy,
} from '../../__testUtils__/permissionPolicy';

jest.setTimeout(120_000);

const team = (
  name: string,
  parent?: string,
  children: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: [
    ...(parent ? [{ type: 'childOf', targetRef: parent }] : []),
    ...children.map(c => ({ type: 'parentOf', targetRef: c })),
  ],
});

const PAYMENTS = 'group:default/payments';
const entities: Entity[] = [
  team('engineering', undefined, ['group:default/commerce']),
  team('commerce', 'group:default/engineering', [PAYMENTS]),
  team('payments', 'group:default/commerce'),
  team('platform-reliability'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['platform-reliability'] },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/platform-reliability' },
    ],
  },
  component('checkout', { owner: PAYMENTS, system: 'system:default/shop' }),
  {
    ...system('shop', { owner: PAYMENTS }),
    relations: [
      { type: 'ownedBy', targetRef: PAYMENTS },
      { type: 'hasPart', targetRef: 'component:default/checkout' },
    ],
  },
];

const LEADERSHIP = 'group:default/leadership';
/** Under the default policy: a member of the team owning checkout, leadership, an outsider. */
const OWNER = 'user:default/owen';
const LEAD = 'user:default/lea';
const OUTSIDER = 'user:default/zed';
const groupsOf: Record<string, string[]> = {
  [OWNER]: [PAYMENTS],
  [LEAD]: [LEADERSHIP],
};

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'postmortems API on %s',
  databaseId => {
    let server: Server;
    let knex: Knex;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;

    /** With `authorize`, a mock permission service; with 'policy', the default policy. */
    async function start(authorize: Authorize | 'policy' = denying()) {
      knex = await databases.init(databaseId);
      auditor = mockServices.auditor.mock();
      server = await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({ entities }),
        config: {},
        features: [
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: jest.fn(async () => {}) }),
          }),
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => ({ publish: jest.fn(async () => {}) }),
          }),
          auditor.factory,
          mockServices.scheduler.mock().factory,
          ...(authorize === 'policy'
            ? [
                permissionsWithPolicy(
                  defaultIncidentsPolicy({
                    responderGroups: ['group:default/platform-reliability'],
                    readAllGroups: [LEADERSHIP],
                  }),
                  knex,
                ),
                mockServices.userInfo.mock({
                  async getUserInfo(credentials) {
                    const ref = (
                      credentials.principal as { userEntityRef: string }
                    ).userEntityRef;
                    return {
                      userEntityRef: ref,
                      ownershipEntityRefs: [ref, ...(groupsOf[ref] ?? [])],
                    };
                  },
                }).factory,
              ]
            : [mockServices.permissions.mock(authorize).factory]),
        ],
      });
    }

    const declare = async (severity = 'SEV1') => {
      const res = await request(server)
        .post(api('/v1/incidents'))
        .send({
          title: 'Checkout errors',
          severity,
          customerImpact: '12% of checkouts fail',
          affectedEntityRefs: ['component:default/checkout'],
        });
      expect(res.status).toBe(201);
      return res.body as { id: string; ref: string };
    };

    const transition = (ref: string, id: string) =>
      request(server)
        .post(api(`/v1/incidents/${ref}/transitions`))
        .send({ transition: id });

    const recover = async (ref: string) => {
      for (const id of [
        'start-triage',
        'root-cause-found',
        'deploy-full',
        'recovered',
      ]) {
        expect((await transition(ref, id)).status).toBe(200);
      }
    };

    it('drafts on recovery, saves with concurrency, publishes, and gates the close', async () => {
      await start();
      const incident = await declare();
      const role = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/roles`))
        .send({ role: 'qa-strategist', userRef: 'alice', version: 0 });
      expect(role.status).toBe(200);
      await recover(incident.ref);

      const draft = await request(server).get(
        api(`/v1/incidents/${incident.ref}/postmortem`),
      );
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({
        incidentRef: incident.ref,
        status: 'draft',
        required: true,
        version: 1,
        overdue: false,
      });
      const resolved = await request(server).get(
        api(`/v1/incidents/${incident.ref}`),
      );
      expect(
        Date.parse(draft.body.dueAt) - Date.parse(resolved.body.resolvedAt),
      ).toBe(48 * 3600_000);
      expect(draft.body.sections.timeline).toContain('| Service restored |');
      expect(draft.body.sections.summary).toContain(
        `**Incident ID:** ${incident.ref}`,
      );
      // Teams, not people: the affected entity's owner, then the role holder's team.
      expect(draft.body.sections.summary).toContain(
        '**Teams Involved:** payments, platform-reliability',
      );
      expect(draft.body.sections.impact).toContain('12% of checkouts fail');

      // Two editors loaded version 1; the second save is stale and names the section.
      const first = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({ version: 1, sections: { rootCause: 'A bad config push' } });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const stale = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({ version: 1, sections: { lessons: 'Canary config' } });
      expectError(stale, 409, 'ConflictError', '4. Root Cause Analysis');
      expect(stale.body.error.changedSections).toEqual(['rootCause']);
      expect(stale.body.error.currentVersion).toBe(2);

      const bad = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({ version: 2, sections: { nope: 'x' } });
      expectError(bad, 400, 'InputError', 'sections.nope: unknown field');

      // A P0 action item without owner and due date blocks the close.
      const item = await request(server).post(api('/v1/action-items')).send({
        incidentId: incident.ref,
        priority: 'P0',
        title: 'Validate config pushes',
      });
      expect(item.status).toBe(201);
      const badOwner = await request(server)
        .post(api('/v1/action-items'))
        .send({
          incidentId: incident.ref,
          priority: 'P1',
          title: 'x',
          ownerRef: 'nobody',
        });
      expectError(
        badOwner,
        400,
        'InputError',
        'ownerRef: group:default/nobody is not in the catalog',
      );
      const badAttendee = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({
          version: 99,
          sections: {},
          reviewMeeting: {
            at: '2026-12-01T10:00:00.000Z',
            attendeeRefs: ['alice', 'user:default/ghost'],
          },
        });
      expectError(
        badAttendee,
        400,
        'InputError',
        'reviewMeeting.attendeeRefs.1: user:default/ghost is not in the catalog',
      );

      expect(
        (await transition(incident.ref, 'postmortem-complete')).status,
      ).toBe(200);
      const check = await request(server).get(
        api(`/v1/incidents/${incident.ref}/close-check`),
      );
      expect(check.body).toMatchObject({ applies: true, ready: false });
      expect(check.body.messages).toEqual([
        'the postmortem is draft, not published',
        "P0 action item 'Validate config pushes' has no owner team",
        "P0 action item 'Validate config pushes' has no due date",
      ]);
      const refused = await transition(incident.ref, 'close');
      expectError(
        refused,
        409,
        'ConflictError',
        "cannot close yet: the postmortem is draft, not published; P0 action item 'Validate config pushes' has no owner team; P0 action item 'Validate config pushes' has no due date",
      );
      expect(refused.body.error.closeBlockers).toHaveLength(3);

      // Review flow: draft -> published is not allowed; draft -> in review -> published is.
      const skip = await request(server)
        .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
        .send({ status: 'published', version: 2 });
      expectError(skip, 409, 'ConflictError', 'allowed: in_review');
      const review = await request(server)
        .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
        .send({ status: 'in_review', version: 2 });
      expect(review.body).toMatchObject({
        status: 'in_review',
        submittedBy: 'user:default/mock',
      });
      const published = await request(server)
        .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
        .send({ status: 'published', version: 3 });
      expect(published.body).toMatchObject({
        status: 'published',
        publishedBy: 'user:default/mock',
      });
      const edit = await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({ version: 4, sections: { lessons: 'late' } });
      expectError(edit, 409, 'ConflictError', 'published');

      // Still blocked by the action item only.
      expectError(
        await transition(incident.ref, 'close'),
        409,
        'ConflictError',
        'has no owner team',
      );
      const stalePatch = await request(server)
        .patch(api(`/v1/action-items/${item.body.id}`))
        .send({ version: 7, ownerRef: PAYMENTS });
      expectError(
        stalePatch,
        409,
        'ConflictError',
        'changed since you loaded it',
      );
      const patched = await request(server)
        .patch(api(`/v1/action-items/${item.body.id}`))
        .send({
          version: 1,
          ownerRef: 'payments',
          dueAt: '2026-12-15T00:00:00Z',
        });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ ownerRef: PAYMENTS, version: 2 });
      expect((await transition(incident.ref, 'close')).status).toBe(200);

      // The Markdown export follows the spec's layout, section 7 listing the items live.
      const md = await request(server).get(
        api(`/v1/incidents/${incident.ref}/postmortem/export`),
      );
      expect(md.status).toBe(200);
      expect(md.headers['content-type']).toContain('text/markdown');
      expect(md.text).toContain(
        `# Postmortem: ${incident.ref} Checkout errors`,
      );
      expect(md.text.match(/^## \d\. .*$/gm)).toEqual([
        '## 1. Incident Summary',
        '## 2. Impact Assessment',
        '## 3. Timeline',
        '## 4. Root Cause Analysis',
        '## 5. What Went Well',
        '## 6. What Went Poorly',
        '## 7. Action Items',
        '## 8. Prevention & Detection Improvements',
        '## 9. Lessons Learned',
      ]);
      expect(md.text).toContain(
        '| P0 | Validate config pushes | payments | 2026-12-15 | Open |',
      );
      expect(md.text).toContain('A bad config push');

      const audited = auditor.createEvent.mock.calls.map(c => c[0].eventId);
      expect(audited).toEqual(
        expect.arrayContaining([
          'incident-postmortem-save',
          'incident-postmortem-status',
          'incident-action-item-create',
          'incident-action-item-update',
        ]),
      );
    });

    it('lists by team two levels down, by system parts, by status, and hides restricted ones', async () => {
      await start('policy');
      const a = await declare('SEV1');
      await recover(a.ref);
      const b = await declare('SEV3');
      await recover(b.ref);
      // SEV3: no draft on recovery, one on demand.
      expectError(
        await request(server).get(api(`/v1/incidents/${b.ref}/postmortem`)),
        404,
        'NotFoundError',
      );
      const created = await request(server).post(
        api(`/v1/incidents/${b.ref}/postmortem`),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ required: false, status: 'draft' });
      expectError(
        await request(server).post(api(`/v1/incidents/${b.ref}/postmortem`)),
        409,
        'ConflictError',
        'already has a postmortem',
      );
      await request(server)
        .post(api('/v1/action-items'))
        .send({
          incidentId: a.ref,
          priority: 'P1',
          title: 'Alert on config drift',
          ownerRef: PAYMENTS,
          dueAt: '2020-01-01T00:00:00Z',
        })
        .expect(201);

      const refs = (res: request.Response) =>
        res.body.items.map((i: { incidentRef: string }) => i.incidentRef);
      const list = (query: string) =>
        request(server).get(api(`/v1/postmortems?${query}`));
      expect(refs(await list('ownerRef=group:default/engineering'))).toEqual([
        b.ref,
        a.ref,
      ]);
      expect(
        refs(await list('entityRef=system:default/shop&severity=SEV1')),
      ).toEqual([a.ref]);
      expect(refs(await list('status=in_review'))).toEqual([]);
      expect(refs(await list('limit=1'))).toEqual([b.ref]);
      const page1 = await list('limit=1');
      expect(
        refs(await list(`limit=1&cursor=${page1.body.nextCursor}`)),
      ).toEqual([a.ref]);
      expectError(await list('status=late'), 400, 'InputError', 'status');
      // Rows leave the sections out unless asked (search indexing asks, one page at a time).
      expect((await list('limit=1')).body.items[0].sections).toBeUndefined();
      expect(
        (await list('limit=1&include=sections')).body.items[0].sections,
      ).toMatchObject({ summary: expect.any(String) });
      expectError(await list('include=facts'), 400, 'InputError', 'include');

      // Overdue: past its due time and not published.
      await knex('incident_postmortems')
        .where({ incident_id: a.id })
        .update({ due_at: new Date('2020-01-01T00:00:00Z') });
      expect(refs(await list('status=overdue'))).toEqual([a.ref]);

      const items = await request(server).get(
        api('/v1/action-items?ownerRef=group:default/engineering&overdue=true'),
      );
      expect(items.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Alert on config drift',
      ]);
      expect(items.body.items[0]).toMatchObject({
        overdue: true,
        incidentRef: a.ref,
      });

      // Restricted: nobody outside its audience sees its postmortem or items.
      await knex('incidents').where({ id: a.id }).update({ restricted: true });
      const outsider = mockCredentials.user.header('user:default/zed');
      const hidden = await request(server)
        .get(api('/v1/postmortems'))
        .set('authorization', outsider);
      expect(refs(hidden)).toEqual([b.ref]);
      const hiddenItems = await request(server)
        .get(api('/v1/action-items?ownerRef=group:default/payments'))
        .set('authorization', outsider);
      expect(hiddenItems.body.items).toEqual([]);
      expectError(
        await request(server)
          .get(api(`/v1/incidents/${a.ref}/postmortem`))
          .set('authorization', outsider),
        404,
        'NotFoundError',
      );
    });

    it('lets responders and owners of affected entities edit, leadership publish, and no one else', async () => {
      await start('policy');
      const incident = await declare();
      await recover(incident.ref);
      const as = (user: string) => mockCredentials.user.header(user);
      const postmortem = () =>
        knex('incident_postmortems')
          .where({ incident_id: incident.id })
          .first('version', 'status');
      const save = (user: string, version: number) =>
        request(server)
          .put(api(`/v1/incidents/${incident.ref}/postmortem`))
          .set('authorization', as(user))
          .send({ version, sections: { rootCause: `by ${user}` } });
      const status = (user: string, to: string, version: number) =>
        request(server)
          .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
          .set('authorization', as(user))
          .send({ status: to, version });
      const addItem = (user: string) =>
        request(server)
          .post(api('/v1/action-items'))
          .set('authorization', as(user))
          .send({ incidentId: incident.ref, priority: 'P1', title: user });
      const editItem = (user: string, id: string, version: number) =>
        request(server)
          .patch(api(`/v1/action-items/${id}`))
          .set('authorization', as(user))
          .send({ version, status: 'done' });

      // An outsider (and leadership, for edits) sees the incident but may not change it.
      for (const user of [OUTSIDER, LEAD]) {
        expectError(await save(user, 1), 403, 'NotAllowedError');
        expectError(await status(user, 'in_review', 1), 403, 'NotAllowedError');
        expectError(await addItem(user), 403, 'NotAllowedError');
      }
      expectError(
        await status(OUTSIDER, 'published', 1),
        403,
        'NotAllowedError',
      );
      expect(await postmortem()).toEqual({ version: 1, status: 'draft' });

      // A member of the team owning the affected service edits and adds items.
      const saved = await save(OWNER, 1);
      expect(saved.status).toBe(200);
      const item = await addItem(OWNER);
      expect(item.status).toBe(201);
      expectError(
        await editItem(OUTSIDER, item.body.id, item.body.version),
        403,
        'NotAllowedError',
      );
      const done = await editItem(OWNER, item.body.id, item.body.version);
      expect(done.status).toBe(200);
      // The declarer is a responder.
      const review = await status(
        'user:default/mock',
        'in_review',
        saved.body.version,
      );
      expect(review.status).toBe(200);

      // Leadership publishes what it may not edit.
      const published = await status(LEAD, 'published', review.body.version);
      expect(published.status).toBe(200);
      expect((await postmortem())?.status).toBe('published');

      // Once the incident is restricted, an outsider cannot tell it exists.
      await knex('incidents')
        .where({ id: incident.id })
        .update({ restricted: true });
      expectError(
        await save(OUTSIDER, published.body.version),
        404,
        'NotFoundError',
      );
      expectError(
        await editItem(OUTSIDER, item.body.id, done.body.version),
        404,
        'NotFoundError',
      );
      expectError(await addItem(OUTSIDER), 404, 'NotFoundError');
    });

    it('checks the permissions of writes', async () => {
      await start(
        denying('incident.postmortem.publish', 'incident.actionItem.update'),
      );
      const incident = await declare();
      await recover(incident.ref);
      await request(server)
        .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
        .send({ status: 'in_review', version: 1 })
        .expect(200);
      expectError(
        await request(server)
          .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
          .send({ status: 'published', version: 2 }),
        403,
        'NotAllowedError',
      );
      expectError(
        await request(server)
          .post(api('/v1/action-items'))
          .send({ incidentId: incident.ref, priority: 'P0', title: 'x' }),
        403,
        'NotAllowedError',
      );
      expectError(
        await request(server)
          .put(api(`/v1/incidents/${incident.ref}/postmortem`))
          .set('authorization', mockCredentials.none.header())
          .send({ version: 2, sections: {} }),
        401,
        'AuthenticationError',
      );
    });
  },
);
