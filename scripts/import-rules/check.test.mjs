// Proves the import rule check fails on a back-up import, on fixtures it writes itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findViolations } from './check.mjs';

const check = join(dirname(fileURLToPath(import.meta.url)), 'check.mjs');

function fixture(files) {
  const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const clean = {
  'plugin.ts': "import { router } from './service/router';\n",
  'service/router.ts':
    "import { plan } from '../domain/plan';\nexport const router = plan;\n",
  'response/flow.ts':
    "import { plan } from '../domain/plan';\nimport { store } from '../database/store';\nexport const flow = [plan, store];\n",
  'database/store.ts':
    "import type { Plan } from '../domain/plan';\nexport const store = 1 as unknown as Plan;\n",
  'domain/plan.ts': 'export const plan = 1;\nexport type Plan = number;\n',
  'domain/plan.test.ts': "import { router } from '../service/router';\n",
};

test('a tree whose rooms import downwards passes', () => {
  const dir = fixture(clean);
  try {
    assert.deepEqual(findViolations(dir), []);
    const run = spawnSync(process.execPath, [check, dir], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a back-up import fails the check, naming the file and the arrow', () => {
  const dir = fixture({
    ...clean,
    'domain/plan.ts':
      "import { flow } from '../response/flow';\nexport const plan = flow;\nexport type Plan = number;\n",
    'database/store.ts': "export const store = import('../service/router');\n",
  });
  try {
    assert.deepEqual(findViolations(dir).sort(), [
      "database -> service (database/store.ts: '../service/router')",
      "domain -> response (domain/plan.ts: '../response/flow')",
    ]);
    const run = spawnSync(process.execPath, [check, dir], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /domain -> response/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the backend plugin itself follows the rule', () => {
  const src = join(dirname(check), '../../plugins/incidents-backend/src');
  assert.deepEqual(findViolations(src), []);
});

// File-level import cycles: madge, as `make imports` runs it over every package.
const madge = join(dirname(check), '../../node_modules/.bin/madge');
const cycles = dir =>
  spawnSync(
    madge,
    [
      '--circular',
      '--extensions',
      'ts,tsx',
      '--exclude',
      '\\.test\\.tsx?$',
      dir,
    ],
    { encoding: 'utf8' },
  );

test('madge passes a tree without cycles and fails one with a cycle, naming it', () => {
  const acyclic = fixture(clean);
  const cyclic = fixture({
    ...clean,
    'domain/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'domain/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  });
  try {
    const ok = cycles(acyclic);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const run = cycles(cyclic);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /domain\/a\.ts > domain\/b\.ts/);
  } finally {
    rmSync(acyclic, { recursive: true, force: true });
    rmSync(cyclic, { recursive: true, force: true });
  }
});
