import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { IncidentsClient } from './IncidentsClient';

/**
 * The client and the backend's OpenAPI document must not drift: every method of the client
 * calls a documented route, with documented query parameters, and (together) the methods
 * reach every route a person's browser may call.
 */
const BASE = 'http://localhost:7007/api/incidents';

/** The backend's contract, as it ships in the backend package. */
const doc = YAML.parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../incidents-backend/src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

/** The documented path template a concrete path matches, most literal segments first. */
function matchTemplate(concrete: string): string | undefined {
  const segments = concrete.split('/');
  const literal = (t: string) => t.split('/').filter(p => !p.startsWith('{'));
  return Object.keys(doc.paths)
    .filter(template => {
      const parts = template.split('/');
      return (
        parts.length === segments.length &&
        parts.every((p, i) => p.startsWith('{') || p === segments[i])
      );
    })
    .sort((a, b) => literal(b).length - literal(a).length)[0];
}

/** Routes the browser never calls: health checks and the alert senders' webhooks. */
const NOT_FOR_BROWSERS = new Set([
  'GET /health',
  'POST /v1/alerts/alertmanager',
  'POST /v1/alerts/events',
]);

function recordingClient() {
  const calls: { method: string; url: URL }[] = [];
  const client = new IncidentsClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ method: init?.method ?? 'GET', url: new URL(url) });
        return new Response('{}', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }) as unknown as typeof fetch,
    },
  });
  return { client, calls };
}

/**
 * An argument good enough for every parameter: as a string it is an id (`INC-1`), as an
 * object every field it is asked for is set.
 */
const anything = new Proxy({} as Record<string | symbol, unknown>, {
  get(target, key) {
    if (key === Symbol.toPrimitive || key === 'toString' || key === 'valueOf') {
      return () => 'INC-1';
    }
    if (key === 'then' || typeof key === 'symbol') {
      return Reflect.get(target, key);
    }
    return 'x';
  },
  has: () => false,
});

const methods = Object.getOwnPropertyNames(IncidentsClient.prototype).filter(
  name => name !== 'constructor' && name !== 'request',
);

describe('IncidentsClient against openapi.yaml', () => {
  it.each(methods)('%s calls a documented route', async name => {
    const { client, calls } = recordingClient();
    await (client as any)[name](anything, anything, anything);
    expect(calls).toHaveLength(1);
    const { method, url } = calls[0];
    const template = matchTemplate(url.pathname.replace('/api/incidents', ''));
    expect(template).toBeDefined();
    const operation = doc.paths[template!][method.toLowerCase()];
    expect(operation).toBeDefined();
    const documentedQuery = [
      ...(doc.paths[template!].parameters ?? []),
      ...(operation.parameters ?? []),
    ]
      .map((p: any) =>
        p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p,
      )
      .filter((p: any) => p.in === 'query')
      .map((p: any) => p.name);
    for (const key of url.searchParams.keys()) {
      expect(documentedQuery).toContain(key);
    }
  });

  it('reaches every documented route a browser may call', async () => {
    const reached = new Set<string>();
    for (const name of methods) {
      const { client, calls } = recordingClient();
      await (client as any)[name](anything, anything, anything);
      for (const { method, url } of calls) {
        const template = matchTemplate(
          url.pathname.replace('/api/incidents', ''),
        );
        reached.add(`${method} ${template}`);
      }
    }
    const documented = Object.entries<any>(doc.paths).flatMap(
      ([template, item]) =>
        ['get', 'put', 'post', 'patch', 'delete']
          .filter(m => item[m])
          .map(m => `${m.toUpperCase()} ${template}`),
    );
    expect(
      documented.filter(r => !NOT_FOR_BROWSERS.has(r) && !reached.has(r)),
    ).toEqual([]);
  });
});
