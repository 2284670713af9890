/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { STATUS_ENTITIES } from '../../__testUtils__/statusEntities';
import {
  api,
  expectError,
  startIncidentsBackend,
} from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const IC = mockCredentials.user.header('user:default/ic');
const INTERNAL = 'Internal: pg-primary-3 failover loop; ask Alice';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'communication and the status page on %s',
  databaseId => {
    let server: Server;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({ entities: STATUS_ENTITIES }),
        config: {
          backend: { baseUrl: 'http://localhost:7610' },
          incidents: {
            communication: {
              leadershipGroup: 'group:default/leadership',
              customers: [
                {
                  entityRef: 'system:default/payments',
                  emails: ['ops@bigcustomer.example'],
                },
              ],
            },
            statusPage: { cacheTtl: { milliseconds: 0 } },
          },
        },
      });
    });

    const declare = async (overrides: object = {}) => {
      const res = await request(server)
        .post(api('/v1/incidents'))
        .set('authorization', IC)
        .send({
          title: INTERNAL,
          summary: INTERNAL,
          customerImpact: 'Card payments fail',
          severity: 'SEV1',
          affectedEntityRefs: ['component:default/checkout'],
          ...overrides,
        });
      expect(res.status).toBe(201);
      return res.body as {
        id: string;
        ref: string;
        version: number;
        declaredAt: string;
      };
    };
    const post = (ref: string, body: object) =>
      request(server)
        .post(api(`/v1/incidents/${ref}/comms/updates`))
        .set('authorization', IC)
        .send(body);
    const publicStatus = () =>
      request(server)
        .get(api('/v1/status'))
        .set('authorization', mockCredentials.none.header());

    it('gives a SEV1 its communication duties, due within the response time', async () => {
      const incident = await declare();
      const res = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/comms`))
        .set('authorization', IC);
      expect(res.status).toBe(200);
      const due = new Date(
        Date.parse(incident.declaredAt) + 15 * 60_000,
      ).toISOString();
      expect(
        res.body.duties.map((d: any) => [d.id, d.dueAt, d.doneAt]),
      ).toEqual([
        ['customer-notice', due, undefined],
        ['executive-notification', due, undefined],
        ['status-page', due, undefined],
      ]);
      expect(res.body.nextUpdateDueAt).toBe(
        new Date(Date.parse(incident.declaredAt) + 30 * 60_000).toISOString(),
      );
    });

    it('refuses an update without an audience or with an empty body, naming the field', async () => {
      const incident = await declare();
      const noAudience = await post(incident.ref, { body: 'x' });
      expectError(noAudience, 400, 'InputError', 'audience');
      const empty = await post(incident.ref, {
        audience: 'internal',
        body: '  ',
      });
      expectError(empty, 400, 'InputError', 'body: must not be empty');
    });

    it('publishes a status page update: the duty is done, the timeline names author and audience, the status page shows only public text', async () => {
      const incident = await declare();
      await request(server)
        .post(api(`/v1/incidents/${incident.ref}/timeline`))
        .set('authorization', IC)
        .send({ kind: 'note', body: 'SECRET-NOTE db password rotated' });
      const res = await post(incident.ref, {
        audience: 'status-page',
        title: 'Card payments failing',
        body: 'Some card payments fail. We are working on a fix.',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        audience: 'status-page',
        author: 'user:default/ic',
      });

      const comms = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/comms`))
        .set('authorization', IC);
      expect(
        comms.body.duties.find((d: any) => d.id === 'status-page'),
      ).toMatchObject({ doneBy: 'user:default/ic', updateId: res.body.id });

      const timeline = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/timeline`))
        .set('authorization', IC);
      expect(
        timeline.body.items.find((e: any) => e.kind === 'comms'),
      ).toMatchObject({
        actor: 'user:default/ic',
        details: { audience: 'status-page', updateId: res.body.id },
      });

      const status = await publicStatus();
      expect(status.status).toBe(200);
      const payments = status.body.components.find(
        (c: any) => c.title === 'Payments',
      );
      expect(payments).toMatchObject({ id: 'payments', state: 'major-outage' });
      expect(payments.history).toHaveLength(90);
      expect(
        status.body.components.find((c: any) => c.title === 'Search').state,
      ).toBe('operational');
      expect(status.body.incidents[0]).toMatchObject({
        title: 'Card payments failing',
        impact: 'major-outage',
        resolved: false,
        components: ['payments'],
        updates: [
          { body: 'Some card payments fail. We are working on a fix.' },
        ],
      });
      const text = JSON.stringify(status.body);
      for (const leak of [
        'SECRET-NOTE',
        'pg-primary',
        'Alice',
        incident.ref,
        incident.id,
        'checkout',
        'user:',
        'group:',
        'system:',
        'component:',
      ]) {
        expect(text).not.toContain(leak);
      }

      const html = await request(server)
        .get(api('/status'))
        .set('authorization', mockCredentials.none.header());
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
      expect(html.text).toContain('Card payments failing');
      expect(html.text).toContain('Payments');
      expect(html.text).not.toMatch(/<script/i);
      expect(html.text).not.toContain('SECRET-NOTE');
      expect(html.text).not.toContain(incident.ref);
    });

    it.each([
      ['/v1/status', /application\/json/],
      ['/status', /text\/html/],
    ])(
      'answers a poll of %s with 304 while unchanged, and with the new page once changed',
      async (path, contentType) => {
        const poll = (etag?: string) => {
          const req = request(server)
            .get(api(path))
            .set('authorization', mockCredentials.none.header());
          return etag ? req.set('if-none-match', etag) : req;
        };
        const first = await poll();
        expect(first.status).toBe(200);
        expect(first.headers.etag).toMatch(/^W\/"/);
        // The page is rebuilt on every request here (TTL 0). The JSON's tag is of its
        // content; the HTML's of its bytes, which say when the page was built, to the
        // minute: a poll across the turn of a minute gets the new page.
        let unchanged = await poll(first.headers.etag);
        if (unchanged.status === 200) {
          unchanged = await poll(unchanged.headers.etag);
        }
        expect(unchanged.status).toBe(304);
        expect(unchanged.text ?? '').toBe('');

        const incident = await declare();
        await post(incident.ref, {
          audience: 'status-page',
          title: `Checkout degraded (${path})`,
          body: 'Some orders fail. We are working on a fix.',
        });
        const changed = await poll(first.headers.etag);
        expect(changed.status).toBe(200);
        expect(changed.headers['content-type']).toMatch(contentType);
        expect(changed.headers.etag).not.toBe(first.headers.etag);
        expect(changed.text).toContain(`Checkout degraded (${path})`);
      },
    );

    it('never publishes a restricted incident', async () => {
      const incident = await declare({ title: 'RESTRICTED-EXFIL' });
      await post(incident.ref, {
        audience: 'status-page',
        body: 'PUBLIC-BEFORE-RESTRICTION',
      });
      await knex('incidents')
        .where({ id: incident.id })
        .update({ restricted: true });
      const refused = await post(incident.ref, {
        audience: 'status-page',
        body: 'never',
      });
      expectError(refused, 409, 'ConflictError', 'restricted');
      const text = JSON.stringify((await publicStatus()).body);
      expect(text).not.toContain('PUBLIC-BEFORE-RESTRICTION');
      expect(text).not.toContain('RESTRICTED-EXFIL');
    });

    it('refuses an update to a closed incident with 409', async () => {
      const incident = await declare();
      await knex('incidents')
        .where({ id: incident.id })
        .update({ phase: 'closed' });
      const res = await post(incident.ref, {
        audience: 'internal',
        body: 'x',
      });
      expectError(res, 409, 'ConflictError', 'closed');
    });

    it('updates the duties on a severity change and keeps the done ones', async () => {
      const incident = await declare();
      await post(incident.ref, {
        audience: 'executive',
        body: 'Payments down',
      });
      const lowered = await request(server)
        .patch(api(`/v1/incidents/${incident.ref}`))
        .set('authorization', IC)
        .send({ version: incident.version, severity: 'SEV3' });
      expect(lowered.status).toBe(200);
      const comms = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/comms`))
        .set('authorization', IC);
      const byId = Object.fromEntries(
        comms.body.duties.map((d: any) => [d.id, d]),
      );
      expect(Object.keys(byId).sort()).toEqual([
        'executive-notification',
        'internal-tracking',
        'status-page',
      ]);
      expect(byId['executive-notification']).toMatchObject({
        retired: true,
        doneBy: 'user:default/ic',
      });
      expect(byId['status-page'].optional).toBe(true);
    });

    it('drafts the executive summary from the incident', async () => {
      const incident = await declare();
      const res = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/comms/executive-summary`))
        .set('authorization', IC);
      expect(res.status).toBe(200);
      expect(res.body.body).toContain('Severity: SEV1 (Critical)');
      expect(res.body.body).toContain('Customer impact: Card payments fail');
      expect(res.body.body).toContain('Affected: checkout');
      expect(res.body.body).toContain('Time to acknowledge:');
    });

    it('serves the SLA clocks of an incident', async () => {
      const incident = await declare();
      const res = await request(server)
        .get(api(`/v1/incidents/${incident.ref}/sla`))
        .set('authorization', IC);
      expect(res.body.items.map((r: any) => r.milestone)).toEqual([
        'acknowledge',
        'mitigate',
        'resolve',
      ]);
    });

    it('lists incidents by breaching soonest, keyset-paginated', async () => {
      const sev3 = await declare({ severity: 'SEV3' });
      const sev1 = await declare({ severity: 'SEV1' });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(server)
          .get(api('/v1/incidents'))
          .query({ sort: 'sla', limit: 2, ...(cursor ? { cursor } : {}) })
          .set('authorization', IC);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: any) => `${i.slaDueAt}|${i.ref}`));
        cursor = res.body.nextCursor;
      } while (cursor);
      const dues = seen.map(s => Date.parse(s.split('|')[0]));
      expect([...dues].sort((a, b) => a - b)).toEqual(dues);
      const refs = seen.map(s => s.split('|')[1]);
      expect(refs.indexOf(sev1.ref)).toBeLessThan(refs.indexOf(sev3.ref));
      expect(new Set(refs).size).toBe(refs.length);
    });

    it('answers anything but GET on the status page with 405', async () => {
      for (const path of ['/v1/status', '/status']) {
        const res = await request(server)
          .post(api(path))
          .set('authorization', mockCredentials.none.header())
          .send({});
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
      const del = await request(server)
        .delete(api('/v1/status'))
        .set('authorization', mockCredentials.none.header());
      expect(del.status).toBe(405);
    });
  },
);
