// Runs the browser end-to-end tests against a real portal: builds the frontend, starts the
// backend (which serves the built app) on 127.0.0.1:7017 (or $E2E_PORT), waits until the catalog has the
// demo entities, runs e2e/*.test.mjs with node's test runner in headless Chromium, and
// stops the backend. Any missing piece fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guestToken, startBackend, waitFor } from './lib/backendProcess.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// E2E_PORT lets several checkouts on one machine run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 7017);
const baseUrl = `http://localhost:${port}`;
const logDir = join(root, '.e2e');
mkdirSync(logDir, { recursive: true });
const portConfig = join(logDir, 'app-config.port.yaml');
writeFileSync(
  portConfig,
  `app: { baseUrl: '${baseUrl}' }\nbackend:\n  baseUrl: '${baseUrl}'\n  listen: { port: ${port}, host: 127.0.0.1 }\n  cors: { origin: '${baseUrl}' }\n`,
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
const stop = startBackend({
  cwd: root,
  args: configArgs,
  logFile: backendLog,
  label: 'e2e',
});
const waitOptions = { label: 'e2e', logFile: backendLog };

await waitFor(
  'GET /api/incidents/health',
  async () => (await fetch(`${baseUrl}/api/incidents/health`)).ok,
  { ...waitOptions, timeoutMs: 240_000 },
);
await waitFor(
  'the demo catalog',
  async () => {
    const token = await guestToken(baseUrl);
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/checkout`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    return res.ok;
  },
  { ...waitOptions, timeoutMs: 120_000 },
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
stop();
process.exit(tests.status ?? 1);
