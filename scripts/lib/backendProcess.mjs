// A Backstage backend started for a test run (`yarn workspace backend start`, detached, its
// output in a log file), and polling it until it is ready; the run fails when the backend
// dies early or never gets ready. Used by the adopter install test (scripts/e2e.mjs has its
// own, PostgreSQL-aware variant).
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

/** Starts the backend of the app in `cwd`; returns `stop()` (also run on exit). */
export function startBackend({ cwd, args, logFile, env = {}, label }) {
  const out = openSync(logFile, 'w');
  const backend = spawn('yarn', ['workspace', 'backend', 'start', ...args], {
    cwd,
    stdio: ['ignore', out, out],
    detached: true,
    env: { ...process.env, ...env, NODE_ENV: 'development' },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  backend.on('exit', code => {
    if (!stopping) {
      console.error(
        `${label}: the backend exited early (code ${code}); see ${logFile}`,
      );
      process.exit(1);
    }
  });
  return stop;
}

/** Polls `check` every second until it returns something truthy, which it returns. */
export async function waitFor(what, check, { timeoutMs, label, logFile }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  console.error(
    `${label}: timed out waiting for ${what}${
      lastError ? ` (${lastError})` : ''
    }; see ${logFile}`,
  );
  return process.exit(1);
}

/** A user token of the guest (the auth backend's guest provider must be installed). */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}
