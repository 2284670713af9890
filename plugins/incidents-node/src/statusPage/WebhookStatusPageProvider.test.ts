import { ConfigReader } from '@backstage/config';
import { StatusPagePublication } from '@firebreak/plugin-incidents-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookStatusPageProvider } from './WebhookStatusPageProvider';

const publication: StatusPagePublication = {
  incidentId: 'p-1',
  updateId: 'u-1',
  title: 'Payments degraded',
  body: 'Some payments fail; we are on it.',
  impact: 'partial-outage',
  resolved: false,
  components: [{ id: 'payments', title: 'Payments' }],
  at: '2026-12-01T10:00:00.000Z',
};

describe('WebhookStatusPageProvider', () => {
  let server: Server;
  let url: string;
  let status = 204;
  const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    received.length = 0;
    status = 204;
  });

  it('is absent without a URL', () => {
    expect(
      WebhookStatusPageProvider.fromConfig(new ConfigReader({})),
    ).toBeUndefined();
  });

  it('posts the publication with its idempotency key and token', async () => {
    const provider = WebhookStatusPageProvider.fromConfig(
      new ConfigReader({
        incidents: { statusPage: { webhook: { url, token: 'secret-token' } } },
      }),
    )!;
    await provider.publish(publication);
    expect(received).toEqual([
      {
        headers: expect.objectContaining({
          'idempotency-key': 'u-1',
          authorization: 'Bearer secret-token',
          'content-type': 'application/json',
        }),
        body: publication,
      },
    ]);
  });

  it('throws on a refusal so the delivery is retried', async () => {
    status = 503;
    const provider = new WebhookStatusPageProvider({ url });
    await expect(provider.publish(publication)).rejects.toThrow(/503/);
  });

  it('refuses a malformed URL naming the key', () => {
    expect(() => new WebhookStatusPageProvider({ url: 'not a url' })).toThrow(
      /incidents\.statusPage\.webhook\.url/,
    );
  });
});
