// An incident commander declares a SEV1 on the checkout service (part of the storefront
// system, the "Online shop" component of the public status page), posts a public status page
// update from the incident page, and reads it on the public status page, which shows the
// component in a major outage and none of the incident's internal details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, openSignedIn } from './browser.mjs';

test('post a public update from the incident page and read it on the status page', async t => {
  const context = await launch();
  t.after(async () => {
    for (const page of context.pages()) {
      await page
        .screenshot({ path: '.e2e/status-page-last.png', fullPage: true })
        .catch(() => {});
    }
    await context.close();
  });
  const stamp = Date.now();
  const title = `Internal: checkout DB failover loop ${stamp}`;
  const headline = `Checkout is failing ${stamp}`;
  const body = `Some customers cannot complete their order. Next update in 30 minutes. (${stamp})`;

  const page = await openSignedIn(
    context,
    '/catalog/default/component/checkout/incidents',
  );
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const declare = page.getByRole('dialog');
  await declare.getByLabel('Title').fill(title);
  await declare.getByRole('radio', { name: /^SEV1/ }).check();
  await declare.getByText('component:default/checkout').first().waitFor();
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();
  await declare.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();

  // The SEV1 communication duties, with the status page update still open.
  const duties = page.getByRole('list', { name: 'Communication duties' });
  await duties.getByText('Public status page update').waitFor();
  assert.match(await duties.innerText(), /Immediate executive notification/);

  // Post the public update.
  const form = page.getByRole('form', { name: 'Post an update' });
  await form.getByLabel('Audience').selectOption('status-page');
  await form.getByLabel('Public headline').fill(headline);
  await form.getByLabel('Update').fill(body);
  await form.getByRole('button', { name: 'Post status page update' }).click();
  const sent = page.getByRole('list', { name: 'Updates sent' });
  await sent.getByText(body).waitFor();
  await page.getByTestId('duty-status-page').getByLabel('Done').waitFor();
  await page.screenshot({
    path: '.e2e/status-update-posted.png',
    fullPage: true,
  });

  // The public status page, as a customer's phone sees it: no sign-in, no JavaScript.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.route('**/*', route =>
    route.request().resourceType() === 'script'
      ? route.abort()
      : route.continue(),
  );
  const response = await phone.goto(`${baseUrl}/api/incidents/status`);
  assert.equal(response?.status(), 200);
  const text = await phone.locator('body').innerText();
  assert.match(text, new RegExp(headline));
  assert.match(text, new RegExp(body.replace(/[().]/g, '\\$&')));
  assert.match(text, /Online shop\s*Major outage/);
  assert.ok(!text.includes(title), 'the internal title stays internal');
  assert.ok(!/INC-\d+/.test(text), 'no internal incident reference');
  assert.ok(!text.includes('component:'), 'no catalog refs');
  await phone.screenshot({ path: '.e2e/status-page.png', fullPage: true });

  // The JSON status answers anonymously too.
  const json = await (await fetch(`${baseUrl}/api/incidents/v1/status`)).json();
  const shop = json.components.find(c => c.title === 'Online shop');
  assert.equal(shop.state, 'major-outage');
  assert.ok(json.incidents.some(i => i.title === headline));
});
