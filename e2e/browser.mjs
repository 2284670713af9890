// Headless Debian Chromium driven by playwright-core (never a downloaded browser build).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:7017';

/** The header the demo sign-in sends (packages/backend/src/demoSignIn). */
const DEMO_USER_HEADER = 'x-firebreak-demo-user';

/** A browser of its own (its own storage, so its own signed-in user). */
export async function launch() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'firebreak-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/**
 * Opens `path` and, when the demo sign-in page shows, signs in as `as` (a catalog user ref,
 * default the guest) by picking them from the list of demo users.
 */
export async function openSignedIn(
  context,
  path,
  { as = 'user:default/guest' } = {},
) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}${path}`);
  const choice = page.locator(`[data-user-ref="${as}"]`);
  const signedIn = await choice
    .waitFor({ state: 'visible', timeout: 20_000 })
    .then(() => false)
    .catch(() => true);
  if (!signedIn) {
    await page.screenshot({ path: '.e2e/demo-sign-in.png', fullPage: true });
    await choice.click();
  }
  return page;
}

/** A Backstage token for `userRef`, from the demo sign-in. */
export async function tokenFor(userRef) {
  const res = await fetch(`${baseUrl}/api/auth/demo/refresh`, {
    headers: {
      'x-requested-with': 'XMLHttpRequest',
      [DEMO_USER_HEADER]: userRef,
    },
  });
  if (!res.ok) throw new Error(`demo sign-in as ${userRef}: ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/** Calls the incidents API as `userRef`; returns the parsed JSON, throws on an error status. */
export async function incidentsApi(userRef, path, init = {}) {
  const res = await fetch(`${baseUrl}/api/incidents${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${await tokenFor(userRef)}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return body;
}

/** Who is on call now for `groupRef`. */
export async function onCallNow(groupRef) {
  const answer = await incidentsApi(
    'user:default/guest',
    `/v1/oncall?groupRef=${encodeURIComponent(groupRef)}`,
  );
  if (!answer.current) throw new Error(`nobody is on call for ${groupRef}`);
  return answer.current.userRef;
}
