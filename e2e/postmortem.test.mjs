// An incident commander recovers a SEV2, writes and publishes its postmortem with an action
// item; leadership finds it on the Postmortems page and through the portal's search; the
// owning team's parent sees the action item on its page (sub-team roll-up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openSignedIn, tokenFor } from './browser.mjs';

// The demo portal signs in through the demo provider; the guest is one of its users.
const guestToken = () => tokenFor('user:default/guest');

async function api(token, method, path, body) {
  const res = await fetch(`${baseUrl}/api/incidents${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(
    res.ok,
    `${method} ${path}: ${res.status} ${await res.clone().text()}`,
  );
  return res.json();
}

test('recover, write and publish a postmortem, find it, see its action item on the team page', async t => {
  const context = await launch();
  t.after(async () => {
    const [page] = context.pages();
    if (page)
      await page
        .screenshot({ path: '.e2e/postmortem-last.png', fullPage: true })
        .catch(() => {});
    await context.close();
  });
  const marker = `zebra${Date.now()}`;
  const token = await guestToken();
  const incident = await api(token, 'POST', '/v1/incidents', {
    title: `Checkout 502s ${marker}`,
    severity: 'SEV2',
    customerImpact: 'One in ten orders fails',
    affectedEntityRefs: ['component:default/checkout'],
  });
  for (const transition of [
    'start-triage',
    'root-cause-found',
    'deploy-full',
  ]) {
    await api(token, 'POST', `/v1/incidents/${incident.ref}/transitions`, {
      transition,
    });
  }

  const page = await openSignedIn(context, `/incidents/${incident.ref}`);
  await page.getByRole('button', { name: 'Service recovered' }).click();
  // The draft appears, prefilled from the incident.
  const editor = page.locator('section[aria-label="1. Incident Summary"]');
  await editor.getByText(`Incident ID:`).waitFor();
  assert.ok(await editor.getByText(incident.ref).first().isVisible());

  await page.getByRole('button', { name: 'Edit Root Cause Analysis' }).click();
  await page
    .getByLabel('4. Root Cause Analysis (markdown)')
    .fill(`**What Happened:** a ${marker} config push broke the load balancer`);
  await page.getByRole('button', { name: 'Save postmortem' }).click();
  await page.getByRole('button', { name: 'Submit for review' }).waitFor();

  await page
    .getByLabel('Action', { exact: true })
    .fill(`Validate ${marker} pushes`);
  await page.getByLabel('Owner team', { exact: true }).fill('storefront');
  await page.getByLabel('Due', { exact: true }).fill('2030-01-31');
  await page.getByRole('button', { name: 'Add action item' }).click();
  // The item's row in section 7 (its title is also in the timeline entry it adds).
  await page
    .getByRole('cell', { name: `Validate ${marker} pushes`, exact: true })
    .waitFor();
  await page.screenshot({ path: '.e2e/postmortem-editor.png', fullPage: true });

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published', { exact: true }).first().waitFor();

  // Leadership: the Postmortems page lists it, the read view shows it.
  await page.goto(`${baseUrl}/postmortems`);
  const link = page.getByRole('link', { name: incident.ref });
  await link.waitFor();
  await page.screenshot({ path: '.e2e/postmortems-page.png', fullPage: true });
  await link.click();
  await page.getByText(`config push broke the load balancer`).first().waitFor();
  await page.screenshot({
    path: '.e2e/postmortem-read-view.png',
    fullPage: true,
  });

  // Search: the collator indexes published postmortems within seconds in this portal.
  let found = false;
  for (let attempt = 0; attempt < 12 && !found; attempt++) {
    await page.goto(`${baseUrl}/search?query=${marker}`);
    found = await page
      .getByRole('link', { name: new RegExp(`Postmortem: ${incident.ref}`) })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
  }
  assert.ok(found, 'the postmortem is found through search');
  await page.screenshot({ path: '.e2e/postmortem-search.png', fullPage: true });

  // The owning team's parent (engineering) shows the item, via storefront.
  await page.goto(`${baseUrl}/catalog/default/group/engineering`);
  const card = page.getByRole('table', { name: 'Action items' });
  await card.getByText(`Validate ${marker} pushes`).waitFor();
  assert.ok(await card.getByText('via storefront').first().isVisible());
  await page.screenshot({ path: '.e2e/team-action-items.png', fullPage: true });
});
