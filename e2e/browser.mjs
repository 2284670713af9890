// Headless Debian Chromium driven by playwright-core (never a downloaded browser build).
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:7017';

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

/** Opens `path` and passes the guest sign-in page when it shows. */
export async function openSignedIn(context, path) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseUrl}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = await enter
    .waitFor({ state: 'visible', timeout: 20_000 })
    .then(() => false)
    .catch(() => true);
  if (!signedIn) {
    await enter.click();
  }
  return page;
}
