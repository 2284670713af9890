// Render times in headless Chromium (e2e/browser.mjs) against the bench backend, which
// serves the built app: the checkout entity's Incidents tab (first page of open incidents and
// of the history) and the incident page of the incident with the long timeline, until 500
// entries show (first page, then "Load more"); and the app's script chunks that a cold open of
// the tab loads (for the plugin's share of them, bench/frontendSize.cjs). Env: E2E_BASE_URL,
// BENCH_LONG_REF. Prints JSON.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The browser setup of the e2e tests (the repo's e2e/ folder is not a package).
const { launch, openSignedIn } = await import(
  pathToFileURL(
    resolve(fileURLToPath(import.meta.url), '../../../../e2e/browser.mjs'),
  ).href
);

const base = process.env.E2E_BASE_URL;
const longRef = process.env.BENCH_LONG_REF;
const RUNS = 3;

const median = values =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const context = await launch();
  try {
    // Every script of the app that the first open of the tab fetches, in a fresh browser.
    const scripts = new Set();
    context.on('response', response => {
      const file = /\/static\/([^/?#]+\.js)$/.exec(
        new URL(response.url()).pathname,
      )?.[1];
      if (file) scripts.add(file);
    });
    const page = await openSignedIn(
      context,
      '/catalog/default/component/checkout/incidents',
    );
    // The built app refuses the demo sign-in (production config): enter as the guest.
    const guest = page.getByRole('button', { name: 'Sign in as guest' });
    if (await guest.isVisible().catch(() => false)) await guest.click();
    for (const name of ['Open incidents', 'Incident history']) {
      await page.getByRole('table', { name }).getByRole('row').nth(1).waitFor();
    }
    await page.waitForLoadState('networkidle');
    const tabChunks = [...scripts].sort();
    const tab = [];
    let tabRows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await page.goto(`${base}/catalog/default/component/checkout/incidents`);
      const open = page.getByRole('table', { name: 'Open incidents' });
      const history = page.getByRole('table', { name: 'Incident history' });
      await open.getByRole('row').nth(1).waitFor();
      await history.getByRole('row').nth(1).waitFor();
      tab.push(performance.now() - started);
      tabRows =
        (await open.getByRole('row').count()) +
        (await history.getByRole('row').count()) -
        2;
    }
    const first = [];
    const to500 = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await page.goto(`${base}/incidents/${longRef}`);
      const entries = page.getByText(/^Long-running note \d+$/);
      await entries.first().waitFor();
      first.push(performance.now() - started);
      while ((await entries.count()) < 500) {
        const before = await entries.count();
        await page.getByRole('button', { name: 'Load more' }).last().click();
        await page.waitForFunction(
          n =>
            document.body.innerText.split('Long-running note').length - 1 > n,
          before,
        );
      }
      to500.push(performance.now() - started);
    }
    console.log(
      JSON.stringify({
        tabMs: median(tab),
        tabRows,
        tabChunks,
        incidentFirstPageMs: median(first),
        incident500Ms: median(to500),
        runs: RUNS,
      }),
    );
  } finally {
    await context.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
