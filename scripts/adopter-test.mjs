// The adopter install test: installs the packed Firebreak packages into a Backstage app that
// is not this repository, by following the README, and proves the result works.
//
//  1. builds and packs every publishable package (`yarn workspace <pkg> pack`) and checks
//     each tarball's package.json points at files the tarball has (dist, not src);
//  2. creates a fresh Backstage app (scripts/adopter/template: packages/app + packages/backend)
//     in a temporary directory outside the workspace, its root `resolutions` pinning the
//     Backstage release of this repository, and installs it with yarn;
//  3. runs the README's install section: every fenced block after an
//     `<!-- adopter-test: ACTION [PATH] -->` comment, in order (`run`: the yarn commands, with
//     each @firebreak package taken from its tarball; `insert`: lines added to a file, before
//     `backend.start();` when it has one; `file`: a new file; `config`: an app-config file);
//  4. builds the app's frontend and checks the bundle discovered the Incidents plugin;
//  5. starts the app's backend on SQLite on a free port, and checks /api/incidents/health,
//     that the backend serves the built frontend, that a guest can declare an incident and
//     read it back, and that the README's permission policy is in force.
// Any missing piece fails the run. Timings are printed per step.
// ADOPTER_KEEP=1 keeps the app directory (a failed run's is kept until the next run);
// ADOPTER_PORT picks the backend port (default: a free one).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReadmeSteps } from './adopter/readmeSteps.mjs';
import { guestToken, startBackend, waitFor } from './lib/backendProcess.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const logDir = join(root, '.e2e', 'adopter');
mkdirSync(logDir, { recursive: true });

function fail(message) {
  console.error(`adopter: FAILED: ${message}`);
  process.exit(1);
}

let stepStart = Date.now();
function step(name) {
  const now = Date.now();
  console.log(
    `adopter: [${((now - started) / 1000).toFixed(0)}s, previous step ${(
      (now - stepStart) /
      1000
    ).toFixed(0)}s] ${name}`,
  );
  stepStart = now;
}

function run(cmd, args, { cwd = root, log, env } = {}) {
  const options = { cwd, env: { ...process.env, ...env } };
  if (log) {
    const fd = openSync(join(logDir, log), 'a');
    Object.assign(options, { stdio: ['ignore', fd, fd] });
  } else {
    options.stdio = 'inherit';
  }
  const r = spawnSync(cmd, args, options);
  if (r.status !== 0) {
    fail(
      `${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status}${
        log ? `; see ${join(logDir, log)}` : ''
      }`,
    );
  }
}

async function freePort() {
  if (process.env.ADOPTER_PORT) return Number(process.env.ADOPTER_PORT);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// --- 1. the README's install steps ------------------------------------------------------------
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const steps = parseReadmeSteps(readme);
for (const action of ['run', 'insert', 'config', 'file']) {
  if (!steps.some(s => s.action === action)) {
    fail(`README.md has no "<!-- adopter-test: ${action} -->" block`);
  }
}
step(`README: ${steps.length} install steps`);

// --- 2. pack ------------------------------------------------------------------------------------
const workspaceDirs = ['plugins', 'packages'].flatMap(parent =>
  readdirSync(join(root, parent))
    .map(name => join(parent, name))
    .filter(dir => existsSync(join(root, dir, 'package.json'))),
);
const publishable = workspaceDirs
  .map(dir => ({
    dir,
    pkg: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private);
if (!publishable.some(p => p.pkg.name === '@firebreak/plugin-incidents')) {
  fail('no publishable @firebreak/plugin-incidents package found');
}
const readmeNames = new Set(
  steps
    .filter(s => s.action === 'run')
    .flatMap(s => s.body.match(/@firebreak\/[a-z0-9-]+/g) ?? []),
);
for (const name of readmeNames) {
  if (!publishable.some(p => p.pkg.name === name)) {
    fail(`the README installs ${name}, which is no package of this repository`);
  }
}

// One app directory per run; a previous run's of this checkout (kept when it failed) goes.
const prefix = `firebreak-adopter-${createHash('sha1')
  .update(root)
  .digest('hex')
  .slice(0, 8)}-`;
for (const old of readdirSync(tmpdir()).filter(name =>
  name.startsWith(prefix),
)) {
  rmSync(join(tmpdir(), old), { recursive: true, force: true });
}
const workDir = mkdtempSync(join(tmpdir(), prefix));
if (workDir.startsWith(`${root}/`)) fail(`${workDir} is inside the workspace`);
const tarDir = join(workDir, 'tarballs');
mkdirSync(tarDir);
writeFileSync(join(logDir, 'build.log'), '');
run('yarn', ['tsc'], { log: 'build.log' });
const tarballs = {};
for (const { dir, pkg } of publishable) {
  run('yarn', ['workspace', pkg.name, 'build'], { log: 'build.log' });
  const file = join(
    tarDir,
    `${pkg.name.replace(/^@/, '').replace('/', '-')}.tgz`,
  );
  run('yarn', ['workspace', pkg.name, 'pack', '--out', file], {
    log: 'build.log',
  });
  checkTarball(pkg.name, dir, file);
  tarballs[pkg.name] = file;
}
step(`packed ${Object.keys(tarballs).join(', ')}`);

function checkTarball(name, dir, file) {
  const files = new Set(
    execFileSync('tar', ['tzf', file], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, '')),
  );
  const packed = JSON.parse(
    execFileSync('tar', ['xzfO', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const targets = [packed.main, packed.types, packed.module];
  const collect = value => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(packed.exports);
  collect(packed.typesVersions);
  for (const target of targets.filter(Boolean)) {
    const path = target.replace(/^\.\//, '');
    if (path === 'package.json' || path.startsWith('@backstage/')) continue;
    if (!files.has(path)) {
      fail(`${name}: package.json points at ${target}, not in the tarball`);
    }
    if (path.startsWith('src/')) fail(`${name}: ${target} is a source file`);
  }
  const role = packed.backstage?.role ?? '';
  if (role.endsWith('-plugin') && !packed.backstage.features) {
    fail(`${name}: no backstage.features (was prepack run?)`);
  }
  for (const [key, range] of Object.entries(packed.dependencies ?? {})) {
    if (/^(workspace|link|file):/.test(range)) {
      fail(`${name}: dependency ${key}@${range} cannot be installed`);
    }
    if (key.startsWith('@backstage/') && !range.startsWith('^')) {
      fail(`${name}: ${key}@${range} is not a caret range`);
    }
  }
  if (packed.configSchema && !files.has(packed.configSchema)) {
    fail(`${name}: config schema ${packed.configSchema} is not in the tarball`);
  }
  const source = JSON.parse(
    readFileSync(join(root, dir, 'package.json'), 'utf8'),
  );
  for (const entry of source.files ?? []) {
    if (entry === 'config.d.ts') continue; // compiled to config.schema.json
    if (![...files].some(f => f === entry || f.startsWith(`${entry}/`))) {
      fail(`${name}: "files" lists ${entry}, not in the tarball`);
    }
  }
}

// --- 3. the adopter's app -----------------------------------------------------------------------
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
cpSync(join(root, 'scripts/adopter/template'), workDir, { recursive: true });
const pinned = Object.fromEntries(
  Object.entries(rootPkg.resolutions).filter(
    ([name]) =>
      name.startsWith('@backstage/') || name.startsWith('@types/react'),
  ),
);
writeFileSync(
  join(workDir, 'package.json'),
  `${JSON.stringify(
    {
      name: 'firebreak-adopter',
      version: '1.0.0',
      private: true,
      engines: rootPkg.engines,
      packageManager: rootPkg.packageManager,
      workspaces: ['packages/*'],
      // The adopter pins its Backstage release; the @firebreak packages come from the
      // tarballs instead of the registry (also where one package depends on another).
      resolutions: {
        ...pinned,
        ...Object.fromEntries(
          Object.entries(tarballs).map(([name, file]) => [
            name,
            `file:${file}`,
          ]),
        ),
      },
    },
    null,
    2,
  )}\n`,
);
// The registry comes from the environment (scripts/toolchain.sh), the packages from yarn's
// global cache; this repository's lockfile is the starting point, so versions resolve to
// what is cached and only the tarballs are new.
writeFileSync(
  join(workDir, '.yarnrc.yml'),
  'nodeLinker: node-modules\nenableGlobalCache: true\nenableTelemetry: false\n',
);
cpSync(join(root, 'yarn.lock'), join(workDir, 'yarn.lock'));
const yarnEnv = {
  YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  YARN_ENABLE_GLOBAL_CACHE: 'true',
  YARN_NPM_REGISTRY_SERVER:
    process.env.YARN_NPM_REGISTRY_SERVER ??
    execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' })
      .trim()
      .replace(/\/$/, ''),
};
writeFileSync(join(logDir, 'install.log'), '');
run('yarn', ['install'], { cwd: workDir, log: 'install.log', env: yarnEnv });
step(`created the app in ${workDir} and installed it`);

const configArgs = ['--config', '../../app-config.yaml'];
steps.forEach((s, index) => {
  if (s.action === 'run') {
    const command = s.body
      .replace(/\\\n/g, ' ')
      .replace(
        /@firebreak\/[a-z0-9-]+/g,
        name => `${name}@file:${tarballs[name]}`,
      );
    if (!/^yarn\s/.test(command))
      fail(`README: not a yarn command: ${command}`);
    console.log(
      `adopter: README step ${index + 1}: ${s.body.replace(/\\\n\s*/g, '')}`,
    );
    run('bash', ['-c', command], {
      cwd: workDir,
      log: 'install.log',
      env: yarnEnv,
    });
  } else if (s.action === 'insert' || s.action === 'file') {
    if (!s.target) fail(`README: "${s.action}" block without a path`);
    const path = join(workDir, s.target);
    const lines = s.body.split('\n').filter(l => l.trim() !== `// ${s.target}`);
    if (s.action === 'file') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${lines.join('\n')}\n`);
    } else {
      if (!existsSync(path)) fail(`README inserts into ${s.target}, missing`);
      const text = readFileSync(path, 'utf8').split('\n');
      const at = text.findIndex(l => l.startsWith('backend.start('));
      text.splice(at === -1 ? text.length : at, 0, ...lines);
      writeFileSync(path, text.join('\n'));
    }
  } else if (s.action === 'config') {
    const file = `app-config.readme-${index + 1}.yaml`;
    writeFileSync(join(workDir, file), `${s.body}\n`);
    configArgs.push('--config', `../../${file}`);
  } else {
    fail(`README: unknown adopter-test action "${s.action}"`);
  }
});
for (const [workspace, name] of [
  ['packages/backend', '@firebreak/plugin-incidents-backend'],
  ['packages/app', '@firebreak/plugin-incidents'],
]) {
  const pkg = JSON.parse(
    readFileSync(join(workDir, workspace, 'package.json'), 'utf8'),
  );
  if (!pkg.dependencies?.[name]) {
    fail(`after the README's steps, ${workspace} does not depend on ${name}`);
  }
}
step('ran the README install steps');

// --- 4. the frontend ---------------------------------------------------------------------------
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
writeFileSync(
  join(workDir, 'app-config.port.yaml'),
  `app: { baseUrl: '${baseUrl}' }\nbackend:\n  baseUrl: '${baseUrl}'\n  listen: { port: ${port}, host: 127.0.0.1 }\n`,
);
configArgs.push('--config', '../../app-config.port.yaml');
run('yarn', ['workspace', 'app', 'build', ...configArgs], {
  cwd: workDir,
  log: 'app-build.log',
});
const staticDir = join(workDir, 'packages/app/dist/static');
const discovery = readdirSync(staticDir)
  .filter(f => f.endsWith('.js'))
  .map(f => readFileSync(join(staticDir, f), 'utf8'))
  .filter(js => js.includes('__@backstage/discovered__"]={modules:'))
  .join('\n');
if (!discovery) fail('the app bundle has no discovered plugins module');
if (!/name:"@firebreak\/plugin-incidents",export:"\.\/alpha"/.test(discovery)) {
  fail('app.packages: all did not discover @firebreak/plugin-incidents/alpha');
}
step('built the frontend; it discovered @firebreak/plugin-incidents/alpha');

// --- 5. the backend ----------------------------------------------------------------------------
const backendLog = join(logDir, 'backend.log');
const stop = startBackend({
  cwd: workDir,
  args: configArgs,
  logFile: backendLog,
  env: yarnEnv,
  label: 'adopter',
});
const waitOptions = { label: 'adopter', logFile: backendLog };

const health = await waitFor(
  'GET /api/incidents/health',
  async () => {
    const res = await fetch(`${baseUrl}/api/incidents/health`);
    return res.ok && res.json();
  },
  { ...waitOptions, timeoutMs: 240_000 },
);
if (health.status !== 'ok') fail(`health answered ${JSON.stringify(health)}`);
step(
  `backend up on ${baseUrl}: /api/incidents/health ${JSON.stringify(health)}`,
);

const index = await (await fetch(`${baseUrl}/incidents`)).text();
if (!index.includes('<div id="root">')) {
  fail('the backend does not serve the built frontend at /incidents');
}

const token = await waitFor(
  'a guest token and the catalog entity',
  async () => {
    const t = await guestToken(baseUrl);
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/adopter-service`,
      { headers: { authorization: `Bearer ${t}` } },
    );
    return res.ok && t;
  },
  { ...waitOptions, timeoutMs: 120_000 },
);
const api = (path, init = {}) =>
  fetch(`${baseUrl}/api/incidents${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

const title = `Adopter checkout is down ${Date.now()}`;
const declared = await api('/v1/incidents', {
  method: 'POST',
  body: JSON.stringify({
    title,
    severity: 'SEV3',
    affectedEntityRefs: ['component:default/adopter-service'],
  }),
});
if (declared.status !== 201) {
  fail(
    `POST /v1/incidents answered ${declared.status}: ${await declared.text()}`,
  );
}
const incident = await declared.json();
const read = await api(`/v1/incidents/${encodeURIComponent(incident.id)}`);
const readBody = read.ok ? await read.json() : undefined;
if (readBody?.title !== title || readBody?.createdBy !== 'user:default/guest') {
  fail(
    `GET /v1/incidents/${incident.id} answered ${read.status}: ${JSON.stringify(
      readBody,
    )}`,
  );
}
step(`declared ${incident.ref ?? incident.id} and read it back`);

// The README's policy lets only Platform Reliability page people; the guest is not in it.
const paged = await api(
  `/v1/incidents/${encodeURIComponent(incident.id)}/pages`,
  {
    method: 'POST',
    body: JSON.stringify({ reason: 'adopter test' }),
  },
);
if (paged.status !== 403) {
  fail(
    `paging as the guest answered ${
      paged.status
    }, the README policy denies it: ${await paged.text()}`,
  );
}
step('the README permission policy denies the guest paging (403)');

stop();
if (!process.env.ADOPTER_KEEP) {
  // Deleting a Backstage app's node_modules takes minutes on a slow disk: not waited for.
  spawn('rm', ['-rf', workDir], { detached: true, stdio: 'ignore' }).unref();
}
console.log(
  `adopter: OK in ${((Date.now() - started) / 1000).toFixed(
    0,
  )}s (logs in ${logDir})`,
);
process.exit(0);
