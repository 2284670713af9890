// Runs the browser end-to-end tests against a real portal: builds the frontend, starts the
// backend (which serves the built app) on 127.0.0.1:7017 (or $E2E_PORT) on PostgreSQL, as
// production runs it ($E2E_PG, default postgresql://postgres@127.0.0.1:5432; databases of
// its own, dropped afterwards), waits until the catalog has the demo entities, runs
// e2e/*.test.mjs with node's test runner in headless Chromium, and stops the backend. Any
// missing piece fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// E2E_PORT lets several checkouts on one machine run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 7017);
const baseUrl = `http://localhost:${port}`;
const logDir = join(root, '.e2e');
mkdirSync(logDir, { recursive: true });
const pgUrl = process.env.E2E_PG ?? 'postgresql://postgres@127.0.0.1:5432';
// Every plugin's database of this run starts with this prefix (pluginDivisionMode database).
const dbPrefix = `e2e_${port}_`;

/** Drops the databases of this port's runs (a crashed run's too). */
async function dropDatabases() {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${dbPrefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
try {
  await dropDatabases();
} catch (error) {
  console.error(`e2e: PostgreSQL at ${pgUrl} is not reachable: ${error}`);
  process.exit(1);
}

const portConfig = join(logDir, 'app-config.port.yaml');
writeFileSync(
  portConfig,
  JSON.stringify({
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
      database: {
        client: 'pg',
        connection: pgUrl,
        prefix: dbPrefix,
        pluginDivisionMode: 'database',
      },
    },
  }),
);
const configArgs = [
  '--config',
  '../../app-config.yaml',
  '--config',
  '../../e2e/app-config.e2e.yaml',
  '--config',
  portConfig,
];

if (!existsSync('/usr/bin/chromium')) {
  console.error(
    'e2e: /usr/bin/chromium is missing (run scripts/ensure-services.sh)',
  );
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`e2e: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

if (
  !process.env.E2E_REUSE_APP_BUILD ||
  !existsSync(join(root, 'packages/app/dist/index.html'))
) {
  console.log('e2e: building the frontend');
  run('yarn', ['workspace', 'app', 'build', ...configArgs]);
}

const backendLog = join(logDir, 'backend.log');
console.log(`e2e: starting the backend (log: ${backendLog})`);
const out = openSync(backendLog, 'w');
const backend = spawn(
  'yarn',
  ['workspace', 'backend', 'start', ...configArgs],
  {
    cwd: root,
    stdio: ['ignore', out, out],
    detached: true,
    env: { ...process.env, NODE_ENV: 'development' },
  },
);
let exiting = false;
const stop = () => {
  if (exiting) return;
  exiting = true;
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
/** Stops the backend, waits for it to exit, and drops this run's databases. */
async function finish(status) {
  stop();
  await new Promise(resolve => {
    if (backend.exitCode !== null) resolve();
    else {
      backend.once('exit', resolve);
      setTimeout(resolve, 10_000).unref();
    }
  });
  await dropDatabases().catch(error =>
    console.error(`e2e: could not drop the test databases: ${error}`),
  );
  process.exit(status);
}
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
backend.on('exit', code => {
  if (!exiting) {
    console.error(
      `e2e: the backend exited early (code ${code}); see ${backendLog}`,
    );
    process.exit(1);
  }
});

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      /* not up yet */
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  console.error(`e2e: timed out waiting for ${what}; see ${backendLog}`);
  process.exit(1);
}

await waitFor(
  'GET /api/incidents/health',
  async () => (await fetch(`${baseUrl}/api/incidents/health`)).ok,
  240_000,
);
await waitFor(
  'the demo catalog',
  async () => {
    const token = await (
      await fetch(`${baseUrl}/api/auth/demo/refresh`, {
        headers: {
          'x-requested-with': 'XMLHttpRequest',
          'x-firebreak-demo-user': 'user:default/guest',
        },
      })
    ).json();
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/checkout`,
      {
        headers: { authorization: `Bearer ${token.backstageIdentity.token}` },
      },
    );
    return res.ok;
  },
  120_000,
);

console.log('e2e: portal ready, running browser tests');
const tests = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', 'e2e/**/*.test.mjs'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: baseUrl },
  },
);
await finish(tests.status ?? 1);
