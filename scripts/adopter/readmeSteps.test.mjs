// The adopter test follows the README: these prove how it reads the install section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseReadmeSteps } from './readmeSteps.mjs';

const fence = '```';

test('reads each marked block with its action, path and body, in order', () => {
  const steps = parseReadmeSteps(
    [
      '<!-- adopter-test: run -->',
      '',
      `${fence}sh`,
      'yarn --cwd packages/backend add @firebreak/plugin-incidents-backend',
      fence,
      'prose',
      `${fence}sh`,
      'yarn not-marked',
      fence,
      '<!-- adopter-test: insert packages/backend/src/index.ts -->',
      `${fence}ts`,
      "backend.add(import('x'));",
      "backend.add(import('y'));",
      fence,
    ].join('\n'),
  );
  assert.deepEqual(steps, [
    {
      action: 'run',
      target: undefined,
      lang: 'sh',
      body: 'yarn --cwd packages/backend add @firebreak/plugin-incidents-backend',
    },
    {
      action: 'insert',
      target: 'packages/backend/src/index.ts',
      lang: 'ts',
      body: "backend.add(import('x'));\nbackend.add(import('y'));",
    },
  ]);
});

test('a marker without its code block fails instead of being skipped', () => {
  assert.throws(
    () => parseReadmeSteps('<!-- adopter-test: run -->\n\nyarn add x\n'),
    /1 adopter-test markers but 0/,
  );
});

test('the repository README installs both plugins and the policy', () => {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8',
  );
  const steps = parseReadmeSteps(readme);
  const runs = steps
    .filter(s => s.action === 'run')
    .map(s => s.body)
    .join('\n');
  assert.match(runs, /add @firebreak\/plugin-incidents-backend/);
  assert.match(runs, /add @firebreak\/plugin-incidents\b/);
  assert.ok(
    steps.some(s => s.action === 'file' && /PermissionPolicy/.test(s.body)),
  );
});
