/*
 * End to end with the real clients: Prometheus and Alertmanager (the Debian binaries) run on
 * loopback with the shipped configs (examples/alerting), scrape a test exporter whose HTTP
 * error rate this test controls, and post to the incidents plugin. A SEV1 incident must appear
 * on component:default/checkout, and its alerts must clear when the error rate drops.
 *
 * The shipped configs are rendered into a temporary folder with test values, and nothing else
 * changed:
 * - prometheus.yml: scrape and evaluation intervals 15s → 1s; the exporter and Alertmanager
 *   addresses → this test's ports; rule_files → the rendered rules;
 * - rules/firebreak-triggers.yml: durations in minutes become seconds (`for: 5m` → `for: 5s`,
 *   `[5m]` → `[5s]`), so "error rate > 10% for > 5 minutes" fires after 5 seconds;
 * - alertmanager.yml: the webhook URL → the test backend, the token file → a temporary one,
 *   group_wait 10s → 1s and group_interval 1m → 1s.
 *
 * Needs `prometheus` and `prometheus-alertmanager` (Debian packages of the same names; or set
 * PROMETHEUS_BIN / ALERTMANAGER_BIN) and FAILS without them. Bounded: 150 s, then every
 * process it started is stopped.
 *
 *   yarn workspace @firebreak/plugin-incidents-backend backstage-cli package test \
 *     --watchAll=false src/alerts/integration
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binary, freePort } from '../../__testUtils__/processes';
import { incidentsPlugin } from '../../plugin';

// The test backend listens on 127.0.0.1 only (startTestBackend binds every interface).
jest.mock('@backstage/backend-defaults/rootHttpRouter', () => {
  const actual = jest.requireActual(
    '@backstage/backend-defaults/rootHttpRouter',
  );
  return {
    ...actual,
    createHttpServer: (app: unknown, options: any, deps: unknown) =>
      actual.createHttpServer(
        app,
        { ...options, listen: { ...options.listen, host: '127.0.0.1' } },
        deps,
      ),
  };
});

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const TIME_LIMIT_MS = 150_000;
jest.setTimeout(TIME_LIMIT_MS + 30_000);

const REPO = path.resolve(__dirname, '../../../../..');
const EXAMPLES = path.join(REPO, 'examples/alerting');

/** The shipped configs with the test's ports, intervals and secrets (see the header). */
function renderConfigs(
  dir: string,
  ports: { exporter: number; alertmanager: number; backend: number },
  token: string,
) {
  const rules = readFileSync(
    path.join(EXAMPLES, 'prometheus/rules/firebreak-triggers.yml'),
    'utf8',
  )
    .replace(/\bfor: (\d+)m\b/g, 'for: $1s')
    .replace(/\[(\d+)m\]/g, '[$1s]');
  writeFileSync(path.join(dir, 'rules.yml'), rules);

  const prometheus = readFileSync(
    path.join(EXAMPLES, 'prometheus/prometheus.yml'),
    'utf8',
  )
    .replace(/^( {2}(scrape|evaluation)_interval:) 15s$/gm, '$1 1s')
    .replace('127.0.0.1:9464', `127.0.0.1:${ports.exporter}`)
    .replace('127.0.0.1:9093', `127.0.0.1:${ports.alertmanager}`)
    .replace('rules/firebreak-triggers.yml', path.join(dir, 'rules.yml'));
  writeFileSync(path.join(dir, 'prometheus.yml'), prometheus);

  writeFileSync(path.join(dir, 'token'), token, { mode: 0o600 });
  const alertmanager = readFileSync(
    path.join(EXAMPLES, 'alertmanager/alertmanager.yml'),
    'utf8',
  )
    .replace('http://127.0.0.1:7007/', `http://127.0.0.1:${ports.backend}/`)
    .replace(
      /credentials_file: .*/,
      `credentials_file: ${path.join(dir, 'token')}`,
    )
    .replace(/group_wait: 10s/, 'group_wait: 1s')
    .replace(/group_interval: 1m/, 'group_interval: 1s');
  writeFileSync(path.join(dir, 'alertmanager.yml'), alertmanager);

  for (const [file, expected] of [
    ['rules.yml', 'for: 5s'],
    ['prometheus.yml', `127.0.0.1:${ports.exporter}`],
    ['prometheus.yml', 'scrape_interval: 1s'],
    ['alertmanager.yml', `127.0.0.1:${ports.backend}`],
    ['alertmanager.yml', 'group_interval: 1s'],
  ]) {
    if (!readFileSync(path.join(dir, file), 'utf8').includes(expected)) {
      throw new Error(
        `Rendering ${file} failed (no '${expected}'): did the shipped config change shape?`,
      );
    }
  }
}

/**
 * The metric contract's `http_requests_total{service, code}` for service checkout, at
 * `requestsPerSecond` with the share `errorRate` answered 500; counters grow with time.
 */
function startExporter(port: number) {
  const state = {
    requestsPerSecond: 200,
    errorRate: 0,
    ok: 0,
    errors: 0,
    at: Date.now(),
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(req.url === '/-/ready' ? 200 : 404).end();
      return;
    }
    const now = Date.now();
    const seconds = (now - state.at) / 1000;
    state.at = now;
    state.errors += state.requestsPerSecond * state.errorRate * seconds;
    state.ok += state.requestsPerSecond * (1 - state.errorRate) * seconds;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        '# TYPE http_requests_total counter',
        `http_requests_total{service="checkout",code="200"} ${Math.floor(
          state.ok,
        )}`,
        `http_requests_total{service="checkout",code="500"} ${Math.floor(
          state.errors,
        )}`,
        '',
      ].join('\n'),
    );
  });
  server.listen(port, '127.0.0.1');
  return { server, state };
}

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team-checkout',
    lifecycle: 'production',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-checkout' }],
};

describe('Prometheus → Alertmanager → incidents (real binaries)', () => {
  const processes: ChildProcess[] = [];
  let dir: string;
  let exporter: ReturnType<typeof startExporter> | undefined;

  afterAll(async () => {
    for (const child of processes) {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    await new Promise(r => setTimeout(r, 1000));
    for (const child of processes) {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await new Promise<void>(r =>
      exporter ? exporter.server.close(() => r()) : r(),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('declares a SEV1 on the service whose error rate is high, and shows its alerts clear', async () => {
    const deadline = Date.now() + TIME_LIMIT_MS;
    const prometheusBin = binary('PROMETHEUS_BIN', ['prometheus']);
    const alertmanagerBin = binary('ALERTMANAGER_BIN', [
      'prometheus-alertmanager',
      'alertmanager',
    ]);
    dir = mkdtempSync(path.join(tmpdir(), 'firebreak-alerting-'));
    const token = randomBytes(24).toString('hex');

    const testBackend = await startTestBackend({
      features: [
        incidentsPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [checkout] }),
        }),
        mockServices.rootConfig.factory({
          data: {
            incidents: {
              alerts: {
                alertmanager: { receivers: [{ name: 'firebreak', token }] },
              },
            },
          },
        }),
      ],
    });
    const backendPort = (testBackend.server.address() as AddressInfo).port;
    const backend = `http://127.0.0.1:${backendPort}/api/incidents`;

    const ports = {
      exporter: await freePort(),
      prometheus: await freePort(),
      alertmanager: await freePort(),
      backend: backendPort,
    };
    renderConfigs(dir, ports, token);
    exporter = startExporter(ports.exporter);
    exporter.state.errorRate = 0.5;

    const spawnErrors: string[] = [];
    const run = (name: string, bin: string, args: string[]) => {
      const log = openSync(path.join(dir, `${name}.log`), 'a');
      const child = spawn(bin, args, { stdio: ['ignore', log, log] });
      child.on('error', error => {
        spawnErrors.push(`${name}: ${error.message}`);
      });
      processes.push(child);
      return child;
    };
    run('alertmanager', alertmanagerBin, [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
      '--cluster.listen-address=',
    ]);
    run('prometheus', prometheusBin, [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
      // generatorURL links (the source graph) point here.
      `--web.external-url=http://127.0.0.1:${ports.prometheus}/`,
    ]);

    const logs = () =>
      ['prometheus', 'alertmanager']
        .map(name => {
          try {
            const text = readFileSync(path.join(dir, `${name}.log`), 'utf8');
            return `--- ${name}.log (tail)\n${text
              .split('\n')
              .slice(-15)
              .join('\n')}`;
          } catch {
            return `--- ${name}.log missing`;
          }
        })
        .join('\n');
    const until = async <T>(
      what: string,
      probe: () => Promise<T | undefined>,
    ): Promise<T> => {
      while (Date.now() < deadline) {
        if (spawnErrors.length > 0) {
          throw new Error(`Could not start: ${spawnErrors.join('; ')}`);
        }
        for (const child of processes) {
          if (child.exitCode !== null) {
            throw new Error(
              `${child.spawnfile} exited with ${child.exitCode}\n${logs()}`,
            );
          }
        }
        const value = await probe().catch(() => undefined);
        if (value !== undefined) return value;
        await new Promise(r => setTimeout(r, 500));
      }
      throw new Error(`Timed out waiting for ${what}\n${logs()}`);
    };
    const json = async (url: string) => {
      const res = await fetch(url);
      return res.ok ? res.json() : undefined;
    };

    await until('Prometheus and Alertmanager to be ready', async () =>
      (await fetch(`http://127.0.0.1:${ports.prometheus}/-/ready`)).ok &&
      (
        await fetch(`http://127.0.0.1:${ports.alertmanager}/-/ready`)
      ).ok
        ? true
        : undefined,
    );

    // 50% of requests fail: "error rate > 10% for > 5 minutes" (5 s here) → SEV1.
    const incident = await until('a SEV1 incident on checkout', async () => {
      const page = await json(
        `${backend}/v1/incidents?entityRef=component:default/checkout`,
      );
      return page?.items?.[0];
    });
    expect(incident).toMatchObject({
      severity: 'SEV1',
      source: 'alert',
      createdBy: 'alertmanager:default/firebreak',
      entities: expect.arrayContaining([
        expect.objectContaining({ entityRef: 'component:default/checkout' }),
      ]),
    });
    const firing = await json(`${backend}/v1/incidents/${incident.ref}/alerts`);
    expect(firing.items[0]).toMatchObject({
      source: 'alertmanager',
      name: 'FirebreakErrorRateCritical',
      labels: expect.objectContaining({
        firebreak_trigger: 'error_rate_critical',
        severity: 'sev1',
        service: 'checkout',
      }),
      annotations: expect.objectContaining({
        runbook_url:
          'https://runbooks.example.com/firebreak/triggers/error_rate_critical',
      }),
      generatorUrl: expect.stringContaining(
        `http://127.0.0.1:${ports.prometheus}/graph?g0.expr=`,
      ),
      routedBy: 'label:service',
    });

    // Recovery: no more errors; the alert resolves and the incident shows its alerts cleared.
    exporter.state.errorRate = 0;
    const cleared = await until('the incident alerts to clear', async () => {
      const alerts = await json(
        `${backend}/v1/incidents/${incident.ref}/alerts`,
      );
      return alerts?.summary?.cleared ? alerts : undefined;
    });
    expect(cleared.summary).toMatchObject({ cleared: true, firing: 0 });
    const timeline = await json(
      `${backend}/v1/incidents/${incident.ref}/timeline?limit=100`,
    );
    expect(
      timeline.items.some((e: any) => e.kind === 'alert' && e.details.cleared),
    ).toBe(true);
    // Cleared alerts are for the team to verify recovery: nothing closes the incident.
    const after = await json(`${backend}/v1/incidents/${incident.ref}`);
    expect(after.phase).not.toBe('closed');
    expect(
      (
        await json(
          `${backend}/v1/incidents?entityRef=component:default/checkout`,
        )
      ).items,
    ).toHaveLength(1);
  });
});
