// A service owner opens the checkout service's page, declares a SEV2 from its Incidents tab,
// sees it listed there, opens it and moves it into triage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openSignedIn } from './browser.mjs';

test('declare a SEV2 on a service page and move it into triage', async t => {
  const context = await launch();
  t.after(async () => {
    const [page] = context.pages();
    if (page)
      await page
        .screenshot({ path: '.e2e/declare-incident-last.png', fullPage: true })
        .catch(() => {});
    await context.close();
  });
  const title = `Checkout latency ${Date.now()}`;

  const page = await openSignedIn(
    context,
    '/catalog/default/component/checkout',
  );
  // The entity page's "Incidents" tab (the sidebar has an "Incidents" link too).
  await page
    .locator('a[href$="/component/checkout/incidents"]', {
      hasText: 'Incidents',
    })
    .click();
  await page.getByRole('button', { name: 'Declare incident' }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog
    .getByLabel('Summary')
    .fill('p95 latency above 5s on order placement');
  await dialog
    .getByLabel('Customer impact')
    .fill('Some customers cannot place orders');
  await dialog.getByRole('radio', { name: /^SEV2/ }).check();
  // The affected entities are prefilled with the service we came from.
  await dialog.getByText('component:default/checkout').first().waitFor();
  await dialog.getByRole('button', { name: 'Declare', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  const row = page.getByRole('link', { name: title });
  await row.waitFor();
  await page.screenshot({ path: '.e2e/incidents-tab.png', fullPage: true });
  await row.click();

  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  assert.ok(await page.getByText('SEV2').first().isVisible());
  await page
    .getByRole('button', { name: 'Start triage & containment' })
    .click();
  await page.getByText('Triage & containment').first().waitFor();
  // Only the edges leaving triage are offered now.
  await page.getByRole('button', { name: 'Root cause found' }).waitFor();
  assert.equal(
    await page
      .getByRole('button', { name: 'Start triage & containment' })
      .count(),
    0,
  );
  await page.screenshot({ path: '.e2e/incident-page.png', fullPage: true });
});
