import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { StatusPagePublication } from '@firebreak/plugin-incidents-common';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { startSmtpServer } from '../../__testUtils__/smtpServer';
import { STATUS_ENTITIES } from '../../__testUtils__/statusEntities';
import { api, startIncidentsBackend } from '../../__testUtils__/testBackend';

jest.setTimeout(120_000);

const IC = mockCredentials.user.header('user:default/ic');
const INTERNAL_TITLE = 'pg-primary-3 failover loop (ask Alice)';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'customer email and status page delivery on %s',
  databaseId => {
    let server: Server;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let hook: Server;
    const pushed: StatusPagePublication[] = [];

    beforeAll(async () => {
      smtp = await startSmtpServer();
      hook = createServer((req, res) => {
        let text = '';
        req.on('data', chunk => (text += chunk));
        req.on('end', () => {
          pushed.push(JSON.parse(text));
          res.statusCode = 204;
          res.end();
        });
      });
      await new Promise<void>(resolve => hook.listen(0, '127.0.0.1', resolve));
      const hookPort = (hook.address() as AddressInfo).port;
      server = await startIncidentsBackend({
        knex: await databases.init(databaseId),
        catalog: catalogServiceMock({ entities: STATUS_ENTITIES }),
        config: {
          backend: { baseUrl: 'http://localhost:7610' },
          incidents: {
            communication: {
              leadershipGroup: 'group:default/leadership',
              customers: [
                {
                  entityRef: 'system:default/payments',
                  emails: ['ops@bigcustomer.example', 'cto@other.example'],
                },
              ],
              email: {
                from: 'status@firebreak.example',
                smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
              },
            },
            statusPage: {
              title: 'Acme status',
              cacheTtl: { milliseconds: 0 },
              webhook: { url: `http://127.0.0.1:${hookPort}/push` },
            },
          },
        },
      });
    });
    afterAll(async () => {
      await smtp.close();
      await new Promise(resolve => hook.close(resolve));
    });
    beforeEach(() => {
      smtp.messages.length = 0;
      pushed.length = 0;
    });

    const declare = async () => {
      const res = await request(server)
        .post(api('/v1/incidents'))
        .set('authorization', IC)
        .send({
          title: INTERNAL_TITLE,
          summary: 'Internal summary',
          customerImpact: 'Card payments fail',
          severity: 'SEV1',
          affectedEntityRefs: ['component:default/checkout'],
        });
      expect(res.status).toBe(201);
      return res.body as { id: string; ref: string };
    };

    it('emails a customer notice to each contact of the affected system, with no internal text', async () => {
      const incident = await declare();
      const res = await request(server)
        .post(api(`/v1/incidents/${incident.ref}/comms/updates`))
        .set('authorization', IC)
        .send({
          audience: 'customers',
          title: 'Card payments are failing',
          body: 'Some card payments fail since 10:00 UTC. Retrying later works.',
        });
      expect(res.status).toBe(201);
      const mails = await smtp.waitFor(2);
      expect(mails.map(m => m.envelopeTo).sort()).toEqual([
        ['cto@other.example'],
        ['ops@bigcustomer.example'],
      ]);
      for (const mail of mails) {
        expect(mail.subject).toBe('Card payments are failing');
        expect(mail.from).toContain('status@firebreak.example');
        expect(mail.text).toContain('Some card payments fail since 10:00 UTC');
        for (const leak of [
          INTERNAL_TITLE,
          incident.ref,
          'Internal summary',
          'user:',
          'component:',
        ]) {
          expect(mail.text).not.toContain(leak);
          expect(mail.subject).not.toContain(leak);
        }
        // One recipient per message: customers never see each other's addresses.
        expect(mail.parsed.to).toBeDefined();
        expect(JSON.stringify(mail.parsed.to)).not.toContain(
          mail.envelopeTo[0] === 'cto@other.example'
            ? 'bigcustomer'
            : 'other.example',
        );
      }
    });

    it('confirms a subscriber by link, then emails them and the status page provider on each public update', async () => {
      const subscribe = await request(server)
        .post(api('/status/subscriptions'))
        .set('authorization', mockCredentials.none.header())
        .type('form')
        .send({ email: 'Fan@Example.org' });
      expect(subscribe.status).toBe(202);
      const [confirmation] = await smtp.waitFor(1);
      expect(confirmation.envelopeTo).toEqual(['fan@example.org']);
      const link = /(http\S+\/subscriptions\/confirm\?token=\S+)/.exec(
        confirmation.text,
      )![1];
      const path = new URL(link).pathname.replace(/^\/api\/incidents/, '');
      const confirmed = await request(server)
        .get(api(`${path}${new URL(link).search}`))
        .set('authorization', mockCredentials.none.header());
      expect(confirmed.status).toBe(200);
      expect(confirmed.text).toContain('Subscribed');

      smtp.messages.length = 0;
      const incident = await declare();
      const posted = await request(server)
        .post(api(`/v1/incidents/${incident.ref}/comms/updates`))
        .set('authorization', IC)
        .send({
          audience: 'status-page',
          title: 'Payments degraded',
          body: 'We are investigating failed card payments.',
        });
      expect(posted.status).toBe(201);
      const [update] = await smtp.waitFor(1);
      expect(update.envelopeTo).toEqual(['fan@example.org']);
      expect(update.subject).toBe('Status update: Payments degraded');
      expect(update.text).toContain(
        'We are investigating failed card payments.',
      );
      expect(update.text).toMatch(/unsubscribe\?token=/);
      expect(update.text).not.toContain(INTERNAL_TITLE);

      const deadline = Date.now() + 10_000;
      while (pushed.length === 0 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(pushed).toEqual([
        expect.objectContaining({
          title: 'Payments degraded',
          body: 'We are investigating failed card payments.',
          impact: 'major-outage',
          resolved: false,
          components: [{ id: 'payments', title: 'Payments' }],
        }),
      ]);
      expect(JSON.stringify(pushed)).not.toContain(incident.ref);

      const unsubscribe =
        /(http\S+\/subscriptions\/unsubscribe\?token=\S+)/.exec(
          update.text,
        )![1];
      const gone = await request(server)
        .get(
          api(
            new URL(unsubscribe).pathname.replace(/^\/api\/incidents/, '') +
              new URL(unsubscribe).search,
          ),
        )
        .set('authorization', mockCredentials.none.header());
      expect(gone.status).toBe(200);
    });

    it('refuses a malformed subscription address naming the field', async () => {
      const res = await request(server)
        .post(api('/status/subscriptions'))
        .set('authorization', mockCredentials.none.header())
        .type('form')
        .send({ email: 'not-an-address' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('email');
    });
  },
);
