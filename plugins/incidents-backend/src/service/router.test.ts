/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Server } from 'node:http';
import request from 'supertest';
import {
  Authorize,
  api,
  denying,
  expectError,
  startIncidentsBackend,
} from '../__testUtils__/testBackend';

// Long enough for the hook that drops the many databases these tests create.
jest.setTimeout(180_000);

const USER = mockCredentials.user().principal.userEntityRef;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/team-search',
      lifecycle: 'production',
    },
  },
];

const declaration = {
  title: 'Checkout failing',
  summary: 'Payments time out',
  customerImpact: 'Customers cannot pay',
  severity: 'SEV2',
  affectedEntityRefs: ['component:default/checkout'],
  regions: ['eu-west-1'],
};

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'incidents API on %s',
  databaseId => {
    let server: Server;
    let catalog: ReturnType<typeof catalogServiceMock>;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;

    async function start(
      options: { authorize?: Authorize; config?: JsonObject } = {},
    ) {
      catalog = catalogServiceMock({ entities });
      jest.spyOn(catalog, 'getEntitiesByRefs');
      auditor = mockServices.auditor.mock();
      server = await startIncidentsBackend({
        knex: await databases.init(databaseId),
        catalog,
        config: options.config ?? {},
        features: [
          auditor.factory,
          mockServices.permissions.mock(options.authorize ?? denying()).factory,
        ],
      });
    }

    const declare = async (body: object = declaration) => {
      const res = await request(server).post(api('/v1/incidents')).send(body);
      expect(res.status).toBe(201);
      return res.body;
    };

    const listTotal = async () =>
      (await request(server).get(api('/v1/incidents?includeTotal=true'))).body
        .total.count;

    describe('health and policy', () => {
      beforeEach(() => start());

      it('serves health without credentials', async () => {
        const res = await request(server)
          .get(api('/health'))
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ status: 'ok', database: 'ok' });
      });

      it('serves the spec policy', async () => {
        const res = await request(server).get(api('/v1/policy'));
        expect(res.status).toBe(200);
        expect(res.body.severities.map((s: { id: string }) => s.id)).toEqual([
          'SEV1',
          'SEV2',
          'SEV3',
          'SEV4',
        ]);
        expect(res.body.severities[0]).toMatchObject({
          responseTimeMinutes: 15,
          sla: {
            acknowledgeMinutes: 15,
            mitigationMinutes: 60,
            resolutionMinutes: 240,
          },
          postmortem: { required: true, dueWithinMinutes: 2880 },
        });
      });

      it('requires authentication for the API', async () => {
        const res = await request(server)
          .get(api('/v1/incidents'))
          .set('Authorization', mockCredentials.none.header());
        expectError(res, 401, 'AuthenticationError');
      });
    });

    it('applies config overrides to the policy', async () => {
      await start({
        config: {
          incidents: {
            severities: {
              SEV1: { title: 'Sev one', sla: { acknowledge: '5m' } },
            },
          },
        },
      });
      const res = await request(server).get(api('/v1/policy'));
      expect(res.body.severities[0]).toMatchObject({
        title: 'Sev one',
        sla: { acknowledgeMinutes: 5, mitigationMinutes: 60 },
      });
    });

    describe('POST /v1/incidents', () => {
      beforeEach(() => start());

      it('declares an incident against catalog entities with batched catalog calls', async () => {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .send({
            ...declaration,
            affectedEntityRefs: [
              'component:checkout',
              'Component:default/search',
            ],
          });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          id: expect.any(String),
          ref: 'INC-1',
          number: 1,
          title: 'Checkout failing',
          summary: 'Payments time out',
          customerImpact: 'Customers cannot pay',
          severity: 'SEV2',
          phase: 'declared',
          regions: ['eu-west-1'],
          entities: [
            {
              entityRef: 'component:default/checkout',
              relation: 'affected',
              ownerRef: 'group:default/team-checkout',
            },
            {
              entityRef: 'component:default/search',
              relation: 'affected',
              ownerRef: 'group:default/team-search',
            },
          ],
          restricted: false,
          costImpact: false,
          dataExposure: false,
          source: 'manual',
          createdBy: USER,
          declaredAt: expect.any(String),
          updatedAt: res.body.declaredAt,
          // SEV2: the time-to-acknowledge clock (1 hour) runs out first.
          slaDueAt: new Date(
            Date.parse(res.body.declaredAt) + 60 * 60_000,
          ).toISOString(),
          version: 1,
        });
        // The affected entities in one call, then the platform group's annotations (for the
        // SEV2 incident commander) in another; dependents in one filtered query.
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
        expect(catalog.getEntitiesByRefs).toHaveBeenNthCalledWith(
          1,
          {
            entityRefs: [
              'component:default/checkout',
              'component:default/search',
            ],
            fields: expect.arrayContaining([
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.owner',
              'spec.system',
              'relations',
            ]),
          },
          { credentials: expect.anything() },
        );

        const timeline = await request(server).get(
          api('/v1/incidents/INC-1/timeline'),
        );
        expect(timeline.body.items).toEqual([
          expect.objectContaining({ kind: 'declared', actor: USER }),
          // No on-call schedule is configured for the platform group in this test.
          expect.objectContaining({
            kind: 'role',
            body: 'No incident commander assigned: no on-call schedule found for group:default/platform-reliability',
          }),
        ]);
      });

      it('audits the declaration', async () => {
        const incident = await declare();
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: 'incident-declare',
            severityLevel: 'medium',
          }),
        );
        const event = await auditor.createEvent.mock.results[0].value;
        expect(event.success).toHaveBeenCalledWith({
          meta: expect.objectContaining({
            incidentId: incident.id,
            incidentRef: 'INC-1',
          }),
        });
        expect(event.fail).not.toHaveBeenCalled();
      });

      it.each([
        [
          'a missing title',
          { title: undefined },
          'Invalid request body: title: Required',
        ],
        [
          'a bad severity',
          { severity: 'SEV9' },
          "Invalid request body: severity: Invalid enum value. Expected 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4', received 'SEV9'",
        ],
        [
          'an unknown field',
          { colour: 'red' },
          'Invalid request body: colour: unknown field',
        ],
        [
          'a malformed entity ref',
          { affectedEntityRefs: ['checkout'] },
          'affectedEntityRefs[0]: must be an entity ref',
        ],
        [
          'no affected entity',
          { affectedEntityRefs: [] },
          'affectedEntityRefs:',
        ],
        [
          'a wrongly typed field',
          { regions: 'eu' },
          'regions: Expected array, received string',
        ],
        [
          'an unknown entity',
          {
            affectedEntityRefs: [
              'component:default/checkout',
              'component:default/nope',
            ],
          },
          'Invalid request body: affectedEntityRefs[1]: entity component:default/nope not found in the catalog',
        ],
      ])(
        'refuses %s with 400 naming the field, writing nothing',
        async (_, change, message) => {
          const res = await request(server)
            .post(api('/v1/incidents'))
            .send({ ...declaration, ...change });
          expectError(res, 400, 'InputError', message);
          expect(await listTotal()).toBe(0);
        },
      );

      it('refuses malformed JSON with 400', async () => {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .set('Content-Type', 'application/json')
          .send('{"title": ');
        expectError(
          res,
          400,
          'InputError',
          'Invalid request body: malformed JSON',
        );
      });

      it('refuses a body that is not an object', async () => {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .send([declaration]);
        expectError(res, 400, 'InputError', 'Expected object, received array');
      });

      it('audits a failed declaration', async () => {
        await request(server)
          .post(api('/v1/incidents'))
          .send({ ...declaration, title: '' });
        const event = await auditor.createEvent.mock.results[0].value;
        expect(event.fail).toHaveBeenCalledWith({ error: expect.any(Error) });
        expect(event.success).not.toHaveBeenCalled();
      });

      it('requires a signed-in user', async () => {
        const res = await request(server)
          .post(api('/v1/incidents'))
          .set('Authorization', mockCredentials.none.header())
          .send(declaration);
        expectError(res, 401, 'AuthenticationError');
        expect(await listTotal()).toBe(0);
      });
    });

    describe('permissions', () => {
      it('refuses every route when the policy denies', async () => {
        await start({
          authorize: denying(
            'incident.create',
            'incident.read',
            'incident.update',
          ),
        });
        const id = '00000000-0000-4000-8000-000000000000';
        const calls = [
          request(server).get(api('/v1/policy')),
          request(server).get(api('/v1/incidents')),
          request(server).get(api(`/v1/incidents/${id}`)),
          request(server).get(api(`/v1/incidents/${id}/timeline`)),
          request(server).post(api('/v1/incidents')).send(declaration),
          request(server)
            .patch(api(`/v1/incidents/${id}`))
            .send({ version: 1 }),
          request(server)
            .post(api(`/v1/incidents/${id}/transitions`))
            .send({ transition: 'start-triage' }),
          request(server).post(api(`/v1/incidents/${id}/acknowledge`)),
          request(server)
            .post(api(`/v1/incidents/${id}/timeline`))
            .send({ kind: 'note', body: 'x' }),
        ];
        for (const res of await Promise.all(calls)) {
          expectError(res, 403, 'NotAllowedError');
        }
      });

      it('refuses a declaration without incident.create and writes nothing', async () => {
        await start({ authorize: denying('incident.create') });
        const res = await request(server)
          .post(api('/v1/incidents'))
          .send(declaration);
        expectError(res, 403, 'NotAllowedError', 'incident.create');
        expect(await listTotal()).toBe(0);
        expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
      });

      it('refuses writes without incident.update and writes nothing', async () => {
        await start({ authorize: denying('incident.update') });
        const incident = await declare();
        const writes = [
          request(server)
            .patch(api('/v1/incidents/INC-1'))
            .send({ version: 1, title: 'x' }),
          request(server)
            .post(api('/v1/incidents/INC-1/transitions'))
            .send({ transition: 'start-triage' }),
          request(server).post(api('/v1/incidents/INC-1/acknowledge')),
          request(server)
            .post(api('/v1/incidents/INC-1/timeline'))
            .send({ kind: 'note', body: 'x' }),
        ];
        for (const res of await Promise.all(writes)) {
          expectError(res, 403, 'NotAllowedError', 'incident.update');
        }
        expect(
          (await request(server).get(api('/v1/incidents/INC-1'))).body,
        ).toEqual(incident);
        expect(
          (await request(server).get(api('/v1/incidents/INC-1/timeline'))).body
            .items,
        ).toHaveLength(2);
      });
    });

    describe('reading incidents', () => {
      beforeEach(() => start());

      it('finds an incident by uuid or human reference, any case', async () => {
        const incident = await declare();
        for (const id of [
          incident.id,
          incident.id.toUpperCase(),
          'INC-1',
          'inc-1',
        ]) {
          const res = await request(server).get(api(`/v1/incidents/${id}`));
          expect(res.status).toBe(200);
          expect(res.body).toEqual(incident);
        }
      });

      it.each([
        'INC-2',
        '00000000-0000-4000-8000-000000000000',
        'not-an-id',
        'INC-99999999999',
      ])('answers 404 for %s', async id => {
        await declare();
        const res = await request(server).get(api(`/v1/incidents/${id}`));
        expectError(res, 404, 'NotFoundError', 'not found');
        const timeline = await request(server).get(
          api(`/v1/incidents/${id}/timeline`),
        );
        expectError(timeline, 404, 'NotFoundError');
      });

      it('lists with filters and cursor pagination', async () => {
        await declare();
        await declare({
          ...declaration,
          title: 'Search slow',
          severity: 'SEV3',
          affectedEntityRefs: ['component:default/search'],
        });
        await declare({
          ...declaration,
          title: 'Checkout again',
          severity: 'SEV1',
        });
        await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({ transition: 'start-triage' })
          .expect(200);

        const refs = async (query: string) => {
          const res = await request(server).get(api(`/v1/incidents${query}`));
          expect(res.status).toBe(200);
          return res.body.items.map((i: { ref: string }) => i.ref);
        };
        expect(await refs('')).toEqual(['INC-3', 'INC-2', 'INC-1']);
        expect(await refs('?entityRef=component:checkout')).toEqual([
          'INC-3',
          'INC-1',
        ]);
        expect(await refs('?severity=SEV1,SEV3')).toEqual(['INC-3', 'INC-2']);
        expect(await refs('?severity=SEV1&severity=SEV3')).toEqual([
          'INC-3',
          'INC-2',
        ]);
        expect(await refs('?status=open')).toEqual(['INC-3', 'INC-2', 'INC-1']);
        expect(await refs('?status=triage')).toEqual(['INC-1']);
        expect(await refs('?status=closed')).toEqual([]);
        expect(await refs('?q=SEARCH')).toEqual(['INC-2']);
        expect(await refs('?q=inc-3')).toEqual(['INC-3']);

        const first = await request(server).get(
          api('/v1/incidents?limit=2&includeTotal=true'),
        );
        expect(first.body).toMatchObject({
          total: { count: 3, capped: false },
          nextCursor: expect.any(String),
        });
        expect(first.body.items).toHaveLength(2);
        const second = await request(server)
          .get(api('/v1/incidents'))
          .query({ limit: 2, cursor: first.body.nextCursor });
        expect(second.body.items.map((i: { ref: string }) => i.ref)).toEqual([
          'INC-1',
        ]);
        expect(second.body.nextCursor).toBeUndefined();
      });

      it.each([
        ['?limit=1000', 'Invalid query: limit:'],
        ['?limit=abc', 'Invalid query: limit:'],
        ['?severity=SEV9', 'Invalid query: severity[0]:'],
        ['?status=sleeping', 'Invalid query: status[0]:'],
        [
          '?entityRef=nope',
          'Invalid query: entityRef[0]: must be an entity ref',
        ],
        ['?cursor=garbage', 'Invalid query: cursor: is not a valid cursor'],
        ['?colour=red', 'Invalid query: colour: unknown field'],
        ['?q[$ne]=x', 'Invalid query: q:'],
        [
          '?sort=severity',
          'Invalid query: sort: severity is for open incidents',
        ],
        [
          '?sort=severity&status=open,closed',
          'Invalid query: sort: severity is for open incidents',
        ],
      ])('refuses %s with 400', async (query, message) => {
        const res = await request(server).get(api(`/v1/incidents${query}`));
        expectError(res, 400, 'InputError', message);
      });
    });

    describe('PATCH /v1/incidents/:id', () => {
      beforeEach(() => start());

      it('updates fields, bumps the version and records the change', async () => {
        const incident = await declare();
        const res = await request(server)
          .patch(api(`/v1/incidents/${incident.ref}`))
          .send({ version: 1, severity: 'SEV1', title: 'Checkout down' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          id: incident.id,
          severity: 'SEV1',
          title: 'Checkout down',
          version: 2,
        });
        const timeline = await request(server).get(
          api('/v1/incidents/INC-1/timeline'),
        );
        // [0] declared, [1] the incident commander assignment
        expect(timeline.body.items[2]).toMatchObject({
          kind: 'update',
          actor: USER,
          details: {
            changes: [
              {
                field: 'title',
                before: 'Checkout failing',
                after: 'Checkout down',
              },
              { field: 'severity', before: 'SEV2', after: 'SEV1' },
            ],
          },
        });
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({ eventId: 'incident-update' }),
        );
      });

      it('refuses a stale version with 409 stating the current version', async () => {
        await declare();
        await request(server)
          .patch(api('/v1/incidents/INC-1'))
          .send({ version: 1, title: 'First' })
          .expect(200);
        const res = await request(server)
          .patch(api('/v1/incidents/INC-1'))
          .send({ version: 1, title: 'Second' });
        expectError(res, 409, 'ConflictError', 'the current version is 2');
        expect(res.body.error.currentVersion).toBe(2);
        const current = await request(server).get(api('/v1/incidents/INC-1'));
        expect(current.body).toMatchObject({ title: 'First', version: 2 });
      });

      it.each([
        [{ title: 'x' }, 'version: Required'],
        [{ version: 1, title: '' }, 'title: must not be empty'],
        [{ version: 1, phase: 'closed' }, 'phase: unknown field'],
        [{ version: '1' }, 'version: Expected number, received string'],
      ])('refuses %j with 400', async (body, message) => {
        await declare();
        const res = await request(server)
          .patch(api('/v1/incidents/INC-1'))
          .send(body);
        expectError(res, 400, 'InputError', message);
      });

      it('answers 404 for an unknown incident', async () => {
        const res = await request(server)
          .patch(api('/v1/incidents/INC-7'))
          .send({ version: 1, title: 'x' });
        expectError(res, 404, 'NotFoundError');
      });
    });

    describe('POST /v1/incidents/:id/transitions', () => {
      beforeEach(() => start());

      it('moves the incident along the graph and records milestones', async () => {
        await declare();
        const res = await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({
            transition: 'start-triage',
            version: 1,
            note: 'IC assigned',
          });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          incident: expect.objectContaining({
            phase: 'triage',
            acknowledgedAt: expect.any(String),
            version: 2,
          }),
          transition: { id: 'start-triage', from: 'declared', to: 'triage' },
        });
        const timeline = await request(server).get(
          api('/v1/incidents/INC-1/timeline'),
        );
        expect(timeline.body.items[2]).toMatchObject({
          kind: 'transition',
          body: 'Start triage & containment: IC assigned',
          details: {
            transition: 'start-triage',
            from: 'declared',
            to: 'triage',
            note: 'IC assigned',
          },
        });
      });

      it('refuses an illegal transition with 409 listing the allowed steps', async () => {
        await declare();
        await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({ transition: 'start-triage' })
          .expect(200);
        const res = await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({ transition: 'recovered' });
        expectError(
          res,
          409,
          'ConflictError',
          "Transition 'recovered' is not allowed from phase 'triage' (SEV2). Allowed next steps: root-cause-found, escalate",
        );
        expect(res.body.error.allowedTransitions).toEqual([
          'root-cause-found',
          'escalate',
        ]);
        const current = await request(server).get(api('/v1/incidents/INC-1'));
        expect(current.body).toMatchObject({ phase: 'triage', version: 2 });
        const event = await auditor.createEvent.mock.results[2].value;
        expect(event.fail).toHaveBeenCalled();
      });

      it('refuses a stale version with 409', async () => {
        await declare();
        await request(server)
          .patch(api('/v1/incidents/INC-1'))
          .send({ version: 1, title: 'Edited' })
          .expect(200);
        const res = await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({ transition: 'start-triage', version: 1 });
        expectError(res, 409, 'ConflictError', 'the current version is 2');
        expect(
          (await request(server).get(api('/v1/incidents/INC-1'))).body.phase,
        ).toBe('declared');
      });

      it('refuses an unknown transition id with 400', async () => {
        await declare();
        const res = await request(server)
          .post(api('/v1/incidents/INC-1/transitions'))
          .send({ transition: 'teleport' });
        expectError(res, 400, 'InputError', 'transition: Invalid enum value');
      });
    });

    describe('POST /v1/incidents/:id/acknowledge', () => {
      beforeEach(() => start());

      it('acknowledges once and is idempotent', async () => {
        await declare();
        const first = await request(server).post(
          api('/v1/incidents/INC-1/acknowledge'),
        );
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({
          acknowledgedAt: expect.any(String),
          version: 2,
        });
        const second = await request(server).post(
          api('/v1/incidents/INC-1/acknowledge'),
        );
        expect(second.status).toBe(200);
        expect(second.body).toEqual(first.body);
        const timeline = await request(server).get(
          api('/v1/incidents/INC-1/timeline'),
        );
        expect(
          timeline.body.items.map((e: { kind: string }) => e.kind),
        ).toEqual(['declared', 'role', 'status']);
      });

      it('answers 404 for an unknown incident', async () => {
        const res = await request(server).post(
          api('/v1/incidents/INC-3/acknowledge'),
        );
        expectError(res, 404, 'NotFoundError');
      });
    });

    describe('timeline', () => {
      beforeEach(() => start());

      it('adds entries and lists them oldest first with a cursor', async () => {
        await declare();
        const note = await request(server)
          .post(api('/v1/incidents/INC-1/timeline'))
          .send({ kind: 'note', body: 'Looking at logs' });
        expect(note.status).toBe(201);
        expect(note.body).toEqual({
          id: expect.any(String),
          incidentId: expect.any(String),
          at: expect.any(String),
          actor: USER,
          kind: 'note',
          body: 'Looking at logs',
          details: {},
        });

        const status = await request(server)
          .post(api('/v1/incidents/INC-1/timeline'))
          .send({ kind: 'status', body: 'Traffic rerouted', mitigated: true });
        expect(status.status).toBe(201);
        const incident = await request(server).get(api('/v1/incidents/INC-1'));
        expect(incident.body.mitigatedAt).toBe(status.body.at);

        const evidence = await request(server)
          .post(api('/v1/incidents/INC-1/timeline'))
          .send({
            kind: 'evidence',
            body: 'Error rate at baseline',
            url: 'https://grafana.example.com/d/1',
            verifiesFix: true,
          });
        expect(evidence.body.details).toEqual({
          url: 'https://grafana.example.com/d/1',
          verifiesFix: true,
        });

        const first = await request(server).get(
          api('/v1/incidents/INC-1/timeline?limit=4'),
        );
        expect(first.body.items.map((e: { kind: string }) => e.kind)).toEqual([
          'declared',
          'role',
          'note',
          'status',
        ]);
        expect(first.body).not.toHaveProperty('totalCount');
        const second = await request(server)
          .get(api('/v1/incidents/INC-1/timeline'))
          .query({ limit: 4, cursor: first.body.nextCursor });
        expect(second.body.items).toEqual([evidence.body]);
        expect(second.body.nextCursor).toBeUndefined();
      });

      it.each([
        [{ kind: 'gossip', body: 'x' }, 'kind: Invalid discriminator value'],
        [{ kind: 'note', body: '' }, 'body: is required'],
        [
          { kind: 'evidence', body: 'x', url: 'ftp://x.example.com' },
          'url: must be an http(s) URL',
        ],
        [
          { kind: 'note', body: 'x', mitigated: true },
          'mitigated: unknown field',
        ],
      ])('refuses %j with 400 and writes nothing', async (body, message) => {
        await declare();
        const res = await request(server)
          .post(api('/v1/incidents/INC-1/timeline'))
          .send(body);
        expectError(res, 400, 'InputError', message);
        const timeline = await request(server).get(
          api('/v1/incidents/INC-1/timeline'),
        );
        expect(timeline.body.items).toHaveLength(2);
      });

      it('refuses a bad timeline cursor with 400', async () => {
        await declare();
        const res = await request(server).get(
          api('/v1/incidents/INC-1/timeline?cursor=abc'),
        );
        expectError(res, 400, 'InputError', 'cursor');
      });
    });
  },
);
