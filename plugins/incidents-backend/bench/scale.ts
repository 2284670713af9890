/**
 * `make bench` (yarn bench:scale): the read and write paths on the large dataset.
 *
 * 1. Seeds firebreak_bench_incidents afresh (bench/seed.ts, about 25 s) and empties the search
 *    database, so that no run measures what an earlier one left.
 * 2. Builds the demo backend (packages/backend, `backstage-cli package build`), unpacks the
 *    bundle under tmp/bench-backend and runs it as production runs it: NODE_ENV=production,
 *    app-config.yaml + app-config.production.yaml on PostgreSQL (database prefix
 *    firebreak_bench_), on port BENCH_PORT (7310).
 * 3. Per read path of bench/readPaths.ts: the request at 1 and 32 connections (bench/httpLoad.ts)
 *    and, where the stores can replay it, its SQL captured and run by pgbench at 1 and 32
 *    clients; Backstage's catalog entity lookup on the same backend before and after.
 * 4. EXPLAIN of every captured list query: fails on a sequential scan of a large table.
 * 5. Declarations with IC assignment and paging, 8 clients.
 * 6. Appends the results to docs/benchmarks.md.
 *
 * BENCH_SERVE=1 stops after step 2 and keeps the backend up (the guest token in
 * tmp/bench-token), to profile one request by hand (bench/byHand.ts).
 */
import {
  ChildProcess,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { DatabaseIncidentsStore } from '../src/database/DatabaseIncidentsStore';
import {
  LARGE_TABLES,
  captureQueries,
  explain,
  inlineSql,
  sequentialScans,
} from '../src/__testUtils__/queryPlans';
import {
  guestToken,
  productionConfigArgs,
  productionConfigYaml,
  productionEnv,
} from '../src/__testUtils__/productionBackend';
import { declarationRequest } from './declaration';
import { LoadResult, runLoad } from './httpLoad';
import { BenchContext, READ_PATHS, ReadPath } from './readPaths';
import { BENCH_DB, seed } from './seed';

const repo = path.resolve(__dirname, '../../..');
const port = Number(process.env.BENCH_PORT ?? 7310);
const base = `http://127.0.0.1:${port}`;
const pgUrl = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const seconds = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback) * 1000;
const SINGLE_MS = seconds('BENCH_SINGLE_S', 4);
const CONCURRENT_MS = seconds('BENCH_CONCURRENT_S', 6);
const WRITE_MS = seconds('BENCH_WRITE_S', 15);
const ENTITY = 'component:default/checkout';
const tmp = path.join(repo, 'tmp');

function log(message: string) {
  console.log(`bench: ${message}`);
}

/** The built backend, unpacked so that its plugins load from their dist (as in a container). */
function unpackBackend(): string {
  const bundle = path.join(repo, 'packages/backend/dist/bundle.tar.gz');
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(bundle)) {
    log('building packages/backend');
    execFileSync('yarn', ['workspace', 'backend', 'build'], {
      cwd: repo,
      stdio: 'inherit',
    });
  }
  const dir = path.join(tmp, 'bench-backend');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', bundle, '-C', dir]);
  // Our packages resolve to their unpacked dist; everything else to the repo's node_modules.
  mkdirSync(path.join(dir, 'node_modules/@firebreak'), { recursive: true });
  for (const name of [
    'incidents-backend',
    'incidents-common',
    'incidents-node',
    'search-backend-module-incidents',
  ]) {
    symlinkSync(
      path.join(dir, 'plugins', name),
      path.join(dir, `node_modules/@firebreak/plugin-${name}`),
    );
  }
  return dir;
}

/**
 * The production config on the bench databases. Search indexing (every 10 minutes, a full pass
 * over 100,000 incidents) is moved out of the measured window, so that no read path is
 * measured while it runs: it is a batch of its own, not part of any page's cost.
 */
function writeBenchConfig(): string {
  const file = path.join(tmp, 'app-config.bench.yaml');
  writeFileSync(
    file,
    [
      productionConfigYaml('firebreak_bench_'),
      'search:',
      '  collators:',
      '    incidents:',
      '      schedule:',
      '        frequency: { hours: 1 }',
      '        timeout: { minutes: 15 }',
      '        initialDelay: { hours: 1 }',
      '',
    ].join('\n'),
  );
  return file;
}

function startBackend(dir: string, config: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['packages/backend', ...productionConfigArgs(config)],
    {
      cwd: dir,
      env: productionEnv({
        port,
        pgUrl,
        secret: 'bench-secret-not-for-production',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', chunk => process.stderr.write(`backend: ${chunk}`));
  return child;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > end)
      throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

interface RenderTimes {
  tabMs: number;
  tabRows: number;
  /** The app's script chunks that a cold open of the Incidents tab fetched. */
  tabChunks: string[];
  incidentFirstPageMs: number;
  incident500Ms: number;
  runs: number;
}

interface PgbenchResult {
  clients: number;
  tps: number;
  p50: number;
  p99: number;
}

/** Runs the statements as one pgbench transaction; latency percentiles from its log. */
function pgbench(
  db: string,
  statements: string[],
  clients: number,
  ms: number,
  name: string,
): PgbenchResult {
  const dir = path.join(tmp, 'pgbench');
  mkdirSync(dir, { recursive: true });
  const script = path.join(dir, `${name}.sql`);
  writeFileSync(
    script,
    `${statements.map(s => `${s.replace(/\s+/g, ' ')};`).join('\n')}\n`,
  );
  const prefix = path.join(dir, `${name}-${clients}`);
  const url = new URL(pgUrl);
  const out = spawnSync(
    'pgbench',
    [
      '-n',
      '-M',
      'simple',
      '-f',
      script,
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(Math.max(1, Math.round(ms / 1000))),
      '-l',
      '--log-prefix',
      prefix,
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      url.username || 'postgres',
      db,
    ],
    { encoding: 'utf8', cwd: dir },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1] ?? NaN);
  const latencies: number[] = [];
  for (const file of readdirSync(dir)) {
    if (file.startsWith(`${path.basename(prefix)}.`)) {
      for (const line of readFileSync(path.join(dir, file), 'utf8').split(
        '\n',
      )) {
        const micros = Number(line.split(' ')[2]);
        if (micros > 0) latencies.push(micros / 1000);
      }
      rmSync(path.join(dir, file));
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  if (out.status !== 0) log(`pgbench ${name} failed: ${out.stderr}`);
  return { clients, tps, p50: at(0.5), p99: at(0.99) };
}

interface PathResult {
  path: ReadPath;
  url: string;
  one: LoadResult;
  many: LoadResult;
  sql?: { one: PgbenchResult; many: PgbenchResult; statements: number };
  seqScans: string[];
}

async function benchContext(db: Knex): Promise<BenchContext> {
  const incidents = await DatabaseIncidentsStore.create({
    database: { getClient: async () => db, migrations: { skip: true } } as any,
  });
  // The incident page: the newest open SEV1-2 incident of the entity, with pages and roles.
  const row = await db('incidents')
    .join('incident_entities', 'incident_entities.incident_id', 'incidents.id')
    .where({ entity_ref: ENTITY, phase: 'triage', restricted: false })
    .whereIn('severity', ['SEV1', 'SEV2'])
    .orderBy('number', 'desc')
    .first('incidents.id', 'incidents.number');
  const long = await db('incident_timeline')
    .groupBy('incident_id')
    .orderByRaw('count(*) desc')
    .first('incident_id');
  const longRow = await db('incidents')
    .where({ id: long.incident_id })
    .first('number');
  return {
    entityRef: ENTITY,
    incidentRef: `INC-${row.number}`,
    incidentId: row.id,
    longIncidentRef: `INC-${longRow.number}`,
    db,
    incidents,
    // The guest as the backend sees it (a user outside the restricted viewer groups).
    scope: {
      kind: 'conditions',
      criteria: {
        anyOf: [
          { not: { rule: 'restricted' } },
          { rule: 'responder', refs: ['user:default/guest'] },
        ],
      },
    } as const,
  };
}

/** Sequential scans that fail the bench: any in a list, of incidents or the timeline in an aggregate. */
function forbiddenScans(x: PathResult): string[] {
  return x.path.aggregate
    ? x.seqScans.filter(t => t === 'incidents' || t === 'incident_timeline')
    : x.seqScans;
}

/**
 * Every run measures the documented dataset: freshly seeded (no open incidents, pages or
 * clocks left by an earlier run's declarations), with an empty search database, so that the
 * search index task starts with this run's schedule (see {@link writeBenchConfig}).
 */
async function resetBenchData() {
  await seed({ fresh: true });
  const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
  try {
    await admin.raw(
      'drop database if exists "firebreak_bench_search" with (force)',
    );
  } finally {
    await admin.destroy();
  }
}

async function main() {
  await resetBenchData();
  const db = knexFactory({
    client: 'pg',
    connection: `${pgUrl}/${BENCH_DB}`,
    pool: { min: 1, max: 4 },
  });
  const ctx = await benchContext(db);
  const counts = await db.raw(
    `select (select count(*) from incidents)::int as incidents, (select count(*) from incident_timeline)::int as timeline,
            (select count(*) from incidents where phase <> 'closed')::int as open,
            (select count(*) from incident_entities where entity_ref = ?)::int as entity,
            (select count(*) from alerts)::int as alerts`,
    [ENTITY],
  );

  const dir = unpackBackend();
  const backend = startBackend(dir, writeBenchConfig());
  let failures: string[] = [];
  try {
    await waitFor('the backend', async () =>
      (await fetch(`${base}/api/incidents/health`)).ok ? true : undefined,
    );
    // Sign-in records the guest's groups as the catalog has them then: on a fresh catalog
    // none, and the group-gated paths (insights) would answer 403 for the whole run. So the
    // token is taken again once the catalog has read the guest's membership.
    const firstToken = await waitFor('a guest token', () => guestToken(base));
    await waitFor("the guest's groups in the catalog", async () => {
      const res = await fetch(
        `${base}/api/catalog/entities/by-name/user/default/guest`,
        { headers: { authorization: `Bearer ${firstToken}` } },
      );
      const user: any = res.ok ? await res.json() : undefined;
      return user?.relations?.some((r: any) => r.type === 'memberOf')
        ? true
        : undefined;
    });
    const token = await waitFor('a guest token with its groups', () =>
      guestToken(base),
    );
    const headers = { authorization: `Bearer ${token}` };
    if (process.env.BENCH_SERVE === '1') {
      // For profiling by hand: the backend stays up on the seeded data until interrupted.
      writeFileSync(path.join(tmp, 'bench-token'), token);
      log(`serving on ${base}; the guest token is in tmp/bench-token`);
      await new Promise(resolve => process.once('SIGINT', resolve));
      return;
    }
    await waitFor('the catalog', async () =>
      (
        await fetch(
          `${base}/api/catalog/entities/by-name/component/default/checkout`,
          { headers },
        )
      ).ok
        ? true
        : undefined,
    );
    const catalogUrl = `${base}/api/catalog/entities/by-name/component/default/checkout`;
    const measure = async (url: string, p?: ReadPath) => {
      const request = {
        url,
        headers,
        method: p?.method,
        body: p?.body ? JSON.stringify(p.body) : undefined,
      };
      return {
        one: await runLoad(request, { connections: 1, durationMs: SINGLE_MS }),
        many: await runLoad(request, {
          connections: 32,
          durationMs: CONCURRENT_MS,
        }),
      };
    };
    log('catalog lookup (before)');
    const catalogBefore = await measure(catalogUrl);

    const results: PathResult[] = [];
    for (const p of READ_PATHS) {
      const url = `${base}${p.path(ctx)}`;
      log(`${p.page}: ${p.name}`);
      const http = await measure(url, p);
      let sql: PathResult['sql'];
      const seqScans: string[] = [];
      if (p.reads) {
        const captured = await captureQueries(db, () => p.reads!(ctx));
        for (const query of captured) {
          seqScans.push(
            ...sequentialScans(await explain(db, query), LARGE_TABLES),
          );
        }
        const statements = captured.map(q => inlineSql(db, q));
        const name = `${p.page}-${p.name}`
          .replace(/[^a-z0-9]+/gi, '-')
          .toLowerCase();
        sql = {
          one: pgbench(BENCH_DB, statements, 1, SINGLE_MS, name),
          many: pgbench(BENCH_DB, statements, 32, CONCURRENT_MS, name),
          statements: statements.length,
        };
      }
      results.push({ path: p, url, ...http, sql, seqScans });
    }
    log('catalog lookup (after)');
    const catalogAfter = await measure(catalogUrl);

    log('render times in headless Chromium');
    const render = spawnSync(
      process.execPath,
      [path.join(__dirname, 'frontendRender.mjs')],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          E2E_BASE_URL: base,
          BENCH_LONG_REF: ctx.longIncidentRef,
        },
      },
    );
    const rendered: RenderTimes | undefined =
      render.status === 0 ? JSON.parse(render.stdout.trim()) : undefined;
    if (!rendered) log(`render times failed: ${render.stderr.slice(-2000)}`);

    log('declarations, 8 clients');
    const declarations = await runLoad(declarationRequest(base, headers), {
      connections: 8,
      durationMs: WRITE_MS,
      warmupMs: 0,
    });

    // The app was built with the backend (packages/app is its dependency).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pluginShare } = require('./frontendSize.cjs');
    const built: FrontendShare = pluginShare(
      path.join(repo, 'packages/app/dist/static'),
    );
    // No chunk fetched, or none of them holding the plugin's code, is a failed measurement.
    const tab = rendered ? shareOf(built, rendered.tabChunks) : undefined;
    const frontend = {
      ...built,
      tab: tab && tab.chunks.length > 0 ? tab : undefined,
      fetched: rendered?.tabChunks.length ?? 0,
    };

    failures = [
      ...(frontend.tab ? [] : ["the Incidents tab's chunks not measured"]),
      ...(frontend.tab && frontend.tab.gzipped > 150 * 1024
        ? ["the plugin's code in the tab's chunks over 150 KB gzipped"]
        : []),
      ...(results.some(r => forbiddenScans(r).length > 0)
        ? ['a sequential scan of a large table']
        : []),
      ...(results.some(r =>
        Object.keys(r.many.statuses).some(s => !s.startsWith('2')),
      )
        ? ['non-2xx answers']
        : []),
    ];
    writeReport({
      counts: counts.rows[0],
      catalogBefore,
      catalogAfter,
      results,
      declarations,
      frontend,
      rendered,
      ctxLong: ctx.longIncidentRef,
      failures,
    });
  } finally {
    backend.kill('SIGTERM');
    await db.destroy();
  }
  if (failures.length > 0) {
    console.error(
      `bench: FAILED (${failures.join('; ')}): see docs/benchmarks.md`,
    );
    process.exit(1);
  }
}

const scans = (x: PathResult) => {
  if (!x.path.reads) return '–';
  if (!x.seqScans.length) return 'none';
  return forbiddenScans(x).length
    ? `**${x.seqScans.join(', ')}**`
    : `${x.seqScans.join(', ')} (aggregate over 12 weeks: allowed)`;
};
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const rps = (v: number) =>
  Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–';
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0
    ? `${(a / b).toFixed(2)}×`
    : '–';

/** The plugin's share of the built app's chunks (bench/frontendSize.cjs). */
interface FrontendShare {
  gzipped: number;
  bytes: number;
  chunks: { file: string; bytes: number; gzipped: number }[];
}

/** The share within the named chunks (those a page fetched). */
function shareOf(all: FrontendShare, files: string[]): FrontendShare {
  const chunks = all.chunks.filter(c => files.includes(c.file));
  return {
    chunks,
    bytes: chunks.reduce((a, c) => a + c.bytes, 0),
    gzipped: chunks.reduce((a, c) => a + c.gzipped, 0),
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function writeReport(r: {
  counts: any;
  catalogBefore: { one: LoadResult; many: LoadResult };
  catalogAfter: { one: LoadResult; many: LoadResult };
  results: PathResult[];
  declarations: LoadResult;
  /** `fetched`: how many script chunks the cold open of the tab fetched. */
  frontend: FrontendShare & { tab?: FrontendShare; fetched: number };
  rendered?: RenderTimes;
  ctxLong: string;
  failures: string[];
}) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], {
    cwd: repo,
    encoding: 'utf8',
  }).trim()
    ? ' (with uncommitted changes)'
    : '';
  const pgVersion = spawnSync('psql', [pgUrl, '-Atc', 'select version()'], {
    encoding: 'utf8',
  })
    .stdout.trim()
    .split(' on ')[0];
  const catalogRps = Math.min(
    r.catalogBefore.many.rps,
    r.catalogAfter.many.rps,
  );
  const lines = [
    '',
    `## Read and write paths at 100,000 incidents, ${new Date()
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ')} UTC`,
    '',
    '`make bench` (plugins/incidents-backend/bench/scale.ts): the demo backend built and run as production runs',
    `it (NODE_ENV=production, PostgreSQL, port ${port}), the load generator (bench/httpLoad.ts, closed loop, keep-alive)`,
    'and pgbench on the same machine, over loopback. Requests as the signed-in guest.',
    '',
    '| machine | |',
    '| --- | --- |',
    `| commit | ${commit}${dirty} |`,
    `| CPUs | ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'} |`,
    `| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${os.type()} ${os.release()} |`,
    `| Node.js | ${process.version} |`,
    `| PostgreSQL | ${pgVersion} (same machine, default settings) |`,
    `| load average at the end | ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')} |`,
    `| dataset | ${r.counts.incidents} incidents (${r.counts.open} open), ${r.counts.timeline} timeline entries, ${r.counts.alerts} alerts; ${ENTITY} in ${r.counts.entity} |`,
    '',
    `Backstage catalog entity lookup (\`/api/catalog/entities/by-name/component/default/checkout\`), same backend: before ${rps(
      r.catalogBefore.many.rps,
    )} req/s (p50 ${ms(r.catalogBefore.many.p50)} / p99 ${ms(
      r.catalogBefore.many.p99,
    )} ms at 32; p99 ${ms(r.catalogBefore.one.p99)} ms at 1), after ${rps(
      r.catalogAfter.many.rps,
    )} req/s (p50 ${ms(r.catalogAfter.many.p50)} / p99 ${ms(
      r.catalogAfter.many.p99,
    )} ms). Ratios below use the lower, ${rps(catalogRps)} req/s.`,
    '',
    '| page | request | p99 @1 (ms) | p50 @32 (ms) | p99 @32 (ms) | req/s @32 | × catalog req/s | SQL (pgbench): p99 @1 / p50 @32 / tps @32 | HTTP req/s ÷ SQL tps | seq scans |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const x of r.results) {
    const sql = x.sql
      ? `${ms(x.sql.one.p99)} / ${ms(x.sql.many.p50)} / ${rps(
          x.sql.many.tps,
        )} (${x.sql.statements} statements)`
      : '– (not replayed)';
    const statuses = Object.entries(x.many.statuses).filter(
      ([s]) => !s.startsWith('2'),
    );
    lines.push(
      `| ${x.path.page} | ${x.path.name}${
        statuses.length
          ? ` (**non-2xx: ${statuses
              .map(([s, n]) => `${s}×${n}`)
              .join(', ')}**)`
          : ''
      } | ${ms(x.one.p99)} | ${ms(x.many.p50)} | ${ms(x.many.p99)} | ${rps(
        x.many.rps,
      )} | ${ratio(x.many.rps, catalogRps)} | ${sql} | ${
        x.sql ? ratio(x.many.rps, x.sql.many.tps) : '–'
      } | ${scans(x)} |`,
    );
  }
  const d = r.declarations;
  lines.push(
    '',
    `Declarations (SEV2 on ${ENTITY}: IC assignment and paging), 8 clients for ${
      WRITE_MS / 1000
    } s: **${d.rps.toFixed(1)}/s**, p50 ${ms(d.p50)} ms, p99 ${ms(
      d.p99,
    )} ms, max ${ms(d.max)} ms; statuses ${JSON.stringify(
      d.statuses,
    )} (target ≥ 100/s, p99 ≤ 250 ms).`,
    '',
    r.frontend.tab
      ? `Frontend: the plugin's own code (plugins/incidents and incidents-common sources, attributed through the source maps) in the ${
          r.frontend.tab.chunks.length
        } chunks that hold it, of the ${
          r.frontend.fetched
        } script chunks that a cold open of the Incidents tab fetches, is **${kb(
          r.frontend.tab.gzipped,
        )} KB gzipped** (${kb(
          r.frontend.tab.bytes,
        )} KB minified; target < 150 KB). In all ${
          r.frontend.chunks.length
        } chunks of the app that hold any of it: ${kb(
          r.frontend.gzipped,
        )} KB gzipped.`
      : `Frontend: the plugin's own code in the built app is ${kb(
          r.frontend.gzipped,
        )} KB gzipped over ${
          r.frontend.chunks.length
        } chunks; the chunks the Incidents tab loads were **not measured** (the browser run failed, or fetched none that hold the plugin's code).`,
    '',
    r.rendered
      ? `Render times in headless Chromium (bench/frontendRender.mjs, median of ${
          r.rendered.runs
        }, navigation to painted rows, with the load above gone): the checkout Incidents tab (${
          r.rendered.tabRows
        } rows: the first page of open incidents and of the history) ${ms(
          r.rendered.tabMs,
        )} ms; the incident page of ${
          r.ctxLong
        } (5,000 timeline entries, paged 100 at a time) to its first page ${ms(
          r.rendered.incidentFirstPageMs,
        )} ms, to 500 entries shown (4 × "Load more") ${ms(
          r.rendered.incident500Ms,
        )} ms.`
      : 'Render times in headless Chromium: **not measured** (the browser run failed; see the bench log).',
    '',
    `EXPLAIN of every replayed query: ${
      r.results.some(x => forbiddenScans(x).length)
        ? '**sequential scans found** (see the table)'
        : `no sequential scan of ${LARGE_TABLES.join(
            ', ',
          )} in any list, and none of incidents or the timeline in an aggregate`
    }.`,
    '',
    `Verdict: ${
      r.failures.length > 0
        ? `**FAIL** (${r.failures.join('; ')})`
        : 'no sequential scans, every answer 2xx'
    }. Latency targets are judged by the reader against the issue; the machine is shared.`,
    '',
  );
  const file = path.join(repo, 'docs/benchmarks.md');
  appendFileSync(file, lines.join('\n'));
  // The repo's prettier check covers docs/: keep the appended tables formatted.
  spawnSync('yarn', ['prettier', '--write', file], { cwd: repo });
  console.log(lines.join('\n'));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
