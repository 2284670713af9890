/*
 * Alert ingestion benchmark: the incidents plugin's alert routes on PostgreSQL, fed with
 * Alertmanager-sized notifications (50-200 alerts, 30% repeats, 5% resolves, 5% of
 * notifications delivered twice at once as an HA Alertmanager pair would) in three phases
 * (bench/load.mjs): prime (declares one incident per group), sustained (open loop at
 * BENCH_RATE alerts/s, default 5000) and saturation (closed loop). Reports alerts/s and
 * per-webhook latency, then checks that no alert group got two incidents.
 *
 *   yarn workspace @firebreak/plugin-incidents-backend bench:alerts [--write]
 *
 * Environment: BENCH_PG (default $BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or
 * postgresql://postgres@127.0.0.1:5432), BENCH_RATE (5000), BENCH_DURATION_S (30),
 * BENCH_SATURATION_S (10), BENCH_CONCURRENCY (8), BENCH_SERVICES (100), BENCH_TRACE (time per
 * statement); see bench/load.mjs for the rest. `--write` appends the results with
 * the machine to docs/benchmarks.md.
 */
import {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { fork, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AlertIngestor } from '../src/alerts/AlertIngestor';
import { CatalogRoutingSource } from '../src/alerts/CatalogRoutingSource';
import { readAlertsConfig } from '../src/alerts/config';
import { DatabaseAlertsStore } from '../src/database/DatabaseAlertsStore';
import { DatabaseIncidentsStore } from '../src/database/DatabaseIncidentsStore';
import { IncidentDeclarer } from '../src/response/IncidentDeclarer';
import { createAlertsRouter } from '../src/service/routes/alerts';

const TOKEN = 'bench-token-0123456789abcdef';
const services = Number(process.env.BENCH_SERVICES ?? 100);
const pgUrl =
  process.env.BENCH_PG ??
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

const quietLogger: LoggerService = {
  info() {},
  debug() {},
  warn: (m: string) => console.warn(m),
  error: (m: string, e?: unknown) => console.error(m, e ?? ''),
  child() {
    return quietLogger;
  },
};

function entities(): Entity[] {
  return Array.from({ length: services }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 10}`,
    },
    relations: [{ type: 'ownedBy', targetRef: `group:default/team-${i % 10}` }],
  }));
}

async function main() {
  const write = process.argv.includes('--write');
  const dbName = `firebreak_bench_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
  await admin.raw(`create database ??`, [dbName]);
  const knex: Knex = knexFactory({
    client: 'pg',
    connection: `${pgUrl}/${dbName}`,
    pool: { min: 2, max: 10 },
  });
  // BENCH_TRACE=1: time spent per kind of statement, printed at the end.
  const trace = new Map<string, { n: number; ms: number }>();
  if (process.env.BENCH_TRACE) {
    const started = new Map<string, number>();
    knex.on('query', (q: any) =>
      started.set(q.__knexQueryUid, performance.now()),
    );
    knex.on('query-response', (_r: unknown, q: any) => {
      const t0 = started.get(q.__knexQueryUid);
      started.delete(q.__knexQueryUid);
      if (t0 === undefined) return;
      const kind = String(q.sql).replace(/\s+/g, ' ').slice(0, 70);
      const e = trace.get(kind) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t0;
      trace.set(kind, e);
    });
  }
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: false },
  };

  try {
    const incidents = await DatabaseIncidentsStore.create({ database });
    const store = await DatabaseAlertsStore.create({ database });
    const catalog = catalogServiceMock({ entities: entities() });
    const credentials = {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:incidents' },
    } as BackstageCredentials;
    const auth = {
      getOwnServiceCredentials: async () => credentials,
    } as unknown as AuthService;
    const config = readAlertsConfig(
      new ConfigReader({
        incidents: {
          alerts: {
            alertmanager: { receivers: [{ name: 'firebreak', token: TOKEN }] },
          },
        },
      }),
    );
    // The declaration path without the response services (IC assignment, paging): those
    // run once per incident, a few hundred times per run, and are not what is measured.
    const declarer = new IncidentDeclarer({
      store: incidents,
      catalog,
      logger: quietLogger,
    });
    const ingestor = new AlertIngestor({
      store,
      routing: new CatalogRoutingSource({
        catalog,
        auth,
        logger: quietLogger,
        ttlMs: 30_000,
      }),
      declarer,
      auth,
      logger: quietLogger,
      config,
    });
    const app = express();
    app.use(
      '/api/incidents',
      createAlertsRouter({
        ingestor,
        store,
        incidents,
        config,
        httpAuth: {} as any,
        permissions: {} as any,
        auditor: {} as any,
        catalog,
        logger: quietLogger,
        // Every webhook is checked by its secret, not by a reader's visibility.
        visibility: {} as any,
      }),
    );
    app.use(
      MiddlewareFactory.create({
        config: new ConfigReader({}),
        logger: quietLogger as any,
      }).error(),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;

    const result: any = await new Promise((resolve, reject) => {
      const child = fork(path.join(__dirname, 'load.mjs'), [], {
        env: {
          ...process.env,
          BENCH_URL: `http://127.0.0.1:${port}/api/incidents/v1/alerts/alertmanager`,
          BENCH_TOKEN: TOKEN,
          BENCH_SERVICES: String(services),
        },
        execArgv: [],
      });
      child.once('message', resolve);
      child.once('error', reject);
      child.once('exit', code => {
        if (code !== 0) reject(new Error(`load generator exited with ${code}`));
      });
    });
    server.close();

    // Zero duplicates: every (entity, group) has at most one incident, every alert-declared
    // incident belongs to exactly one group, and every group that claimed one has it.
    const [dupGroups] = (
      await knex.raw(`
        select count(*) as n from (
          select entity_ref, incident_group_hash from alerts
          where incident_id is not null
          group by entity_ref, incident_group_hash
          having count(distinct incident_id) > 1) d`)
    ).rows;
    const [counts] = (
      await knex.raw(`
        select
          (select count(*) from incidents where source = 'alert') as incidents,
          (select count(*) from alert_incident_groups where incident_id is not null) as groups_with_incident,
          (select count(*) from alert_incident_groups where claim_token is not null) as pending_claims,
          (select count(distinct incident_id) from alert_incident_groups where incident_id is not null) as distinct_incidents,
          (select count(*) from alerts) as alerts,
          (select count(*) from alerts where incident_id is null and rule_severity is not null and status <> 'resolved') as unlinked,
          (select count(*) from incident_timeline) as timeline_entries`)
    ).rows;
    const n = (v: unknown) => Number(v);
    const duplicates =
      n(dupGroups.n) +
      (n(counts.incidents) - n(counts.distinct_incidents)) +
      (n(counts.groups_with_incident) - n(counts.distinct_incidents));
    const pgVersion = (await knex.raw('show server_version')).rows[0]
      .server_version;

    const machine = {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
      node: process.version,
      postgres: pgVersion,
      platform: `${os.type()} ${os.release()}`,
      loadAverage: os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' '),
    };
    const report = {
      machine,
      ...result,
      database: {
        alerts: n(counts.alerts),
        incidents: n(counts.incidents),
        groupsWithIncident: n(counts.groups_with_incident),
        pendingClaims: n(counts.pending_claims),
        unlinkedDeclaringAlerts: n(counts.unlinked),
        timelineEntries: n(counts.timeline_entries),
      },
      duplicateIncidents: duplicates,
    };
    console.log(JSON.stringify(report, null, 2));
    if (trace.size > 0) {
      for (const [kind, e] of [...trace]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 25)) {
        console.log(
          `${e.ms.toFixed(0).padStart(8)} ms ${String(e.n).padStart(7)}× ${(
            e.ms / e.n
          )
            .toFixed(2)
            .padStart(7)} ms  ${kind}`,
        );
      }
    }

    const sustained = report.sustained;
    const onlyOk = (phase: any) =>
      Object.keys(phase.statuses).every(s => s === '200');
    const pass =
      duplicates === 0 &&
      n(counts.unlinked) === 0 &&
      sustained.alertsPerSecond >= 5000 * 0.98 &&
      sustained.notSentBecauseOverloaded === 0 &&
      sustained.latencyMs.p99 < 100 &&
      onlyOk(report.prime) &&
      onlyOk(sustained) &&
      (!report.saturation || onlyOk(report.saturation));
    const line = (phase: any) =>
      `${phase.alertsPerSecond.toFixed(
        0,
      )} alerts/s (${phase.webhooksPerSecond.toFixed(1)} webhooks/s), ` +
      `p50 ${phase.latencyMs.p50.toFixed(
        1,
      )} / p95 ${phase.latencyMs.p95.toFixed(
        1,
      )} / p99 ${phase.latencyMs.p99.toFixed(1)} ms`;
    console.log(
      `prime:      ${report.groups} groups in ${report.prime.elapsedS.toFixed(
        1,
      )} s, ${line(report.prime)}`,
    );
    console.log(`sustained:  ${line(sustained)}`);
    if (report.saturation) {
      console.log(
        `saturation: ${line(report.saturation)} with ${
          report.saturation.concurrency
        } clients`,
      );
    }
    console.log(
      `${duplicates} duplicate incidents, ${n(
        counts.unlinked,
      )} declaring alerts without incident: ${pass ? 'PASS' : 'FAIL'} ` +
        '(target: sustained 5,000 alerts/s with p99 < 100 ms per webhook, 0 duplicates, only 200s)',
    );
    if (write) {
      writeReport(report, pass);
    }
    process.exitCode = pass ? 0 : 1;
  } finally {
    await knex.destroy();
    await admin.raw(`drop database if exists ?? with (force)`, [dbName]);
    await admin.destroy();
  }
}

function writeReport(report: any, pass: boolean) {
  const file = path.resolve(__dirname, '../../../docs/benchmarks.md');
  if (!existsSync(file)) {
    writeFileSync(file, '# Benchmarks\n');
  }
  const m = report.machine;
  const row = (name: string, phase: any, target = '') =>
    `| ${name} | ${phase.alertsPerSecond.toFixed(
      0,
    )} | ${phase.webhooksPerSecond.toFixed(1)} | ` +
    `${phase.latencyMs.p50.toFixed(1)} / ${phase.latencyMs.p95.toFixed(
      1,
    )} / ${phase.latencyMs.p99.toFixed(1)} / ${phase.latencyMs.max.toFixed(
      0,
    )} | ` +
    `${Object.entries(phase.statuses)
      .map(([s, c]) => `${s}: ${c}`)
      .join(', ')} | ${target} |`;
  const s = report.sustained;
  const repeatShare = (
    (100 * s.mix.repeats) /
    (s.mix.repeats + s.mix.resolves + s.mix.fresh)
  ).toFixed(0);
  const lines = [
    '',
    `## Alert ingestion, ${m.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    '`yarn bench:alerts` (plugins/incidents-backend/bench/alerts.ts): the alert routes of the incidents',
    'plugin in one Node.js process on PostgreSQL, the load generator (bench/load.mjs) in another,',
    `all on this machine. ${report.groups} Alertmanager groups (${
      report.groups / 4
    } services × 4 triggers of`,
    'the shipped rules). Notifications carry 50-200 alerts (mean 125); 30% of the alerts of each',
    'repeat alerts already sent, 5% resolve some, the rest are new; 5% of notifications are',
    'delivered twice at once (an HA Alertmanager pair).',
    '',
    `1. **prime**: the first notification (${report.prime.alertsPerNotification} alerts) of every group, 8 at a time: declares one`,
    '   incident per group (the declaration path without IC assignment and paging; declarations',
    '   take turns on the incident number counter, which is why this phase is slower).',
    `2. **sustained**: open loop, ${
      s.offeredAlertsPerSecond
    } alerts/s offered for ${s.elapsedS.toFixed(
      0,
    )} s: notifications leave on schedule`,
    '   whatever the latency (at most 256 in flight), as from many Alertmanager groups.',
    `3. **saturation**: closed loop, ${
      report.saturation?.concurrency ?? '-'
    } clients posting back to back: the most it takes.`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPUs | ${m.cpus} × ${m.cpuModel} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.platform} |`,
    `| Node.js | ${m.node} |`,
    `| PostgreSQL | ${m.postgres} (same machine, default settings) |`,
    `| load average at the end | ${m.loadAverage} |`,
    '',
    '| phase | alerts/s | webhooks/s | p50 / p95 / p99 / max per webhook (ms) | HTTP statuses | target |',
    '| --- | --- | --- | --- | --- | --- |',
    row('prime', report.prime),
    row('sustained', s, '≥ 5,000 alerts/s, p99 < 100 ms'),
    ...(report.saturation ? [row('saturation', report.saturation)] : []),
    '',
    `- Duplicate incidents: **${report.duplicateIncidents}** (target 0): no (entity, group) with two incidents, every alert-declared incident owned by exactly one group.`,
    `- Declaring alerts left without an incident: ${report.database.unlinkedDeclaringAlerts}; pending claims: ${report.database.pendingClaims}.`,
    `- Sustained phase: ${s.alerts} alerts in ${
      s.requests
    } webhooks, ${s.megabytes.toFixed(0)} MB: ${
      s.mix.repeats
    } repeats (${repeatShare}%), ${s.mix.resolves} resolves, ${
      s.mix.fresh
    } new, and ${s.mix.duplicateDeliveries} notifications delivered twice; ${
      s.notSentBecauseOverloaded
    } not sent because 256 were in flight.`,
    `- Database afterwards: ${report.database.alerts} alerts, ${report.database.incidents} incidents, ${report.database.timelineEntries} timeline entries.`,
    '',
    `Verdict: **${pass ? 'PASS' : 'FAIL'}**.`,
    '',
  ];
  appendFileSync(file, lines.join('\n'));
  // The repository checks its Markdown with prettier (table alignment).
  spawnSync('yarn', ['prettier', '--write', file], {
    cwd: path.dirname(path.dirname(file)),
    stdio: 'ignore',
  });
  console.log(`Appended to ${file}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
