// An incident commander declares a SEV2 on the checkout service, pages its owners from the
// incident page (the on-call of group:default/storefront, who in the e2e config is the guest),
// and the paged on-call sees the page among "My pages" on the incidents page, acknowledges
// it there, and finds it acknowledged on the incident page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openSignedIn } from './browser.mjs';

test('page the owners from the incident page; the paged on-call acknowledges', async t => {
  const context = await launch();
  t.after(async () => {
    const [page] = context.pages();
    if (page)
      await page
        .screenshot({ path: '.e2e/page-owners-last.png', fullPage: true })
        .catch(() => {});
    await context.close();
  });
  const stamp = Date.now();
  const title = `Checkout payments failing ${stamp}`;
  const reason = `Orders fail at the payment step (${stamp})`;

  const page = await openSignedIn(
    context,
    '/catalog/default/component/checkout',
  );
  // The service overview's on-call card: storefront owns checkout; the guest is on call.
  const onCallNow = page.getByTestId('oncall-current');
  await onCallNow.waitFor();
  assert.match(await onCallNow.innerText(), /guest/i);

  // Declare a SEV2 from the service's Incidents tab and open it.
  await page
    .locator('a[href$="/component/checkout/incidents"]', {
      hasText: 'Incidents',
    })
    .click();
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const declare = page.getByRole('dialog');
  await declare.getByLabel('Title').fill(title);
  await declare.getByRole('radio', { name: /^SEV2/ }).check();
  await declare.getByText('component:default/checkout').first().waitFor();
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();
  await declare.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();

  // Owners & blast radius: the owning team of the affected service.
  await page
    .getByRole('table', { name: 'Affected entities' })
    .getByRole('link', { name: 'storefront' })
    .waitFor();

  // "Page owners": by default the on-call of each owning group.
  await page.getByRole('button', { name: 'Page owners' }).click();
  const dialog = page.getByRole('dialog', { name: 'Page owners' });
  assert.ok(
    await dialog
      .getByRole('radio', { name: 'On-call of each owning group' })
      .isChecked(),
  );
  const recipient = dialog
    .getByRole('list', { name: 'Recipients' })
    .getByRole('listitem')
    .filter({ hasText: 'On call now:' });
  await recipient.waitFor();
  assert.match(await recipient.innerText(), /storefront[\s\S]*guest/i);
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Send page' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The page is listed on the incident: to whom, why, open.
  const sent = page
    .getByRole('table', { name: 'Pages' })
    .getByRole('row')
    .filter({ hasText: reason });
  await sent.waitFor();
  assert.match(await sent.innerText(), /guest/i);
  assert.match(await sent.innerText(), /for storefront/);
  assert.match(await sent.innerText(), /Open/);
  await page.screenshot({ path: '.e2e/paged.png', fullPage: true });

  // The paged on-call sees it among "My pages" on the incidents page and acknowledges it.
  await page.getByRole('link', { name: 'All incidents' }).click();
  const mine = page
    .getByRole('region', { name: 'My pages' })
    .getByRole('listitem')
    .filter({ hasText: reason });
  await mine.waitFor();
  await mine
    .getByRole('button', { name: /^Acknowledge page for INC-\d+$/ })
    .click();
  await mine.getByText('Acknowledged').waitFor();
  assert.equal(
    await mine.getByRole('button', { name: /^Acknowledge page/ }).count(),
    0,
  );
  await page.screenshot({ path: '.e2e/my-pages.png', fullPage: true });

  // Back on the incident page, the page shows as acknowledged by the guest.
  await mine.getByRole('link', { name: new RegExp(title) }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  const acknowledged = page
    .getByRole('table', { name: 'Pages' })
    .getByRole('row')
    .filter({ hasText: reason });
  await acknowledged.getByText('Acknowledged').waitFor();
  assert.match(await acknowledged.innerText(), /by\s+guest/i);
  assert.equal(
    await acknowledged
      .getByRole('button', { name: 'Acknowledge page' })
      .count(),
    0,
  );
  await page.screenshot({ path: '.e2e/page-acknowledged.png', fullPage: true });
});
