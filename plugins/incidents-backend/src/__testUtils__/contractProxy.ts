import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { responseViolations } from './openApiDocument';

/**
 * Every response of the incidents API that an HTTP test receives is checked against
 * openapi.yaml: the server handed to the tests is a proxy in front of the backend that
 * validates each response by its route and status. A test that got an undocumented or
 * non-conforming response fails after it ran (see {@link takeContractViolations}).
 */
const violations: string[] = [];

/** Violations seen since the last call; the shared afterEach hook fails a test on any. */
export function takeContractViolations(): string[] {
  return violations.splice(0, violations.length);
}

export async function contractProxy(backend: Server): Promise<Server> {
  const target = backend.address() as AddressInfo;
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      reply => {
        const chunks: Buffer[] = [];
        reply.on('data', chunk => chunks.push(chunk));
        reply.on('end', () => {
          const raw = Buffer.concat(chunks);
          const contentType = String(reply.headers['content-type'] ?? '');
          // Backstage's own routes of the plugin (permission metadata) are not its API.
          if (
            req.url?.startsWith('/api/incidents/') &&
            !req.url.startsWith('/api/incidents/.well-known/')
          ) {
            let body: unknown;
            try {
              body = contentType.includes('json')
                ? JSON.parse(raw.toString('utf8'))
                : undefined;
            } catch {
              violations.push(`${req.method} ${req.url}: invalid JSON body`);
            }
            violations.push(
              ...responseViolations({
                method: req.method ?? 'GET',
                path: req.url,
                status: reply.statusCode ?? 0,
                contentType,
                body,
              }),
            );
          }
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          res.end(raw);
        });
      },
    );
    upstream.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  backend.on('close', () => proxy.close());
  return proxy;
}

if (typeof afterEach === 'function') {
  afterEach(() => {
    const seen = takeContractViolations();
    if (seen.length > 0) {
      throw new Error(
        `Responses that do not match openapi.yaml:\n  ${[...new Set(seen)].join(
          '\n  ',
        )}`,
      );
    }
  });
}
