// Every seat of a page, each in its own browser: the incident commander (the platform
// reliability on-call) declares a SEV2 on checkout and pages its owners; the storefront
// on-call, signed in as themselves, sees the page under "My pages" in the sidebar,
// acknowledges it there, and the page stops escalating, while the commander's own
// unacknowledged page escalates (the e2e config makes a SEV2 page due within 40 seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incidentsApi, launch, onCallNow, openSignedIn } from './browser.mjs';

const PLATFORM = 'group:default/platform-reliability';
const STOREFRONT = 'group:default/storefront';
const short = ref => ref.replace(/^user:default\//, '');

async function withBrowser(t, name) {
  const context = await launch();
  t.after(async () => {
    const [page] = context.pages();
    if (page)
      await page
        .screenshot({ path: `.e2e/${name}-last.png`, fullPage: true })
        .catch(() => {});
    await context.close();
  });
  return context;
}

const until = async (what, check, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
};

test('the IC pages the owners; the on-call acknowledges from My pages and the page stops escalating', async t => {
  const commander = await onCallNow(PLATFORM);
  const onCall = await onCallNow(STOREFRONT);
  assert.notEqual(commander, onCall);
  const stamp = Date.now();
  const title = `Checkout payments failing ${stamp}`;
  const reason = `Orders fail at the payment step (${stamp})`;

  // The commander's seat.
  const icPage = await openSignedIn(
    await withBrowser(t, 'paging-ic'),
    '/catalog/default/component/checkout',
    { as: commander },
  );
  const onCallCard = icPage.getByTestId('oncall-current');
  await onCallCard.waitFor();
  assert.match(await onCallCard.innerText(), new RegExp(short(onCall), 'i'));
  await icPage
    .locator('a[href$="/component/checkout/incidents"]', {
      hasText: 'Incidents',
    })
    .click();
  await icPage.getByRole('button', { name: 'Declare incident' }).click();
  const declare = icPage.getByRole('dialog');
  await declare.getByLabel('Title').fill(title);
  await declare.getByRole('radio', { name: /^SEV2/ }).check();
  await declare.getByText('component:default/checkout').first().waitFor();
  await declare.getByRole('button', { name: 'Declare', exact: true }).click();
  await declare.waitFor({ state: 'hidden' });
  await icPage.getByRole('link', { name: title }).click();
  await icPage.getByRole('heading', { name: new RegExp(title) }).waitFor();
  const ref = /INC-\d+/.exec(icPage.url())[0];
  const incident = await incidentsApi(commander, `/v1/incidents/${ref}`);
  assert.equal(incident.commanderRef, commander);

  await icPage.getByRole('button', { name: 'Page owners' }).click();
  const dialog = icPage.getByRole('dialog', { name: 'Page owners' });
  const recipient = dialog
    .getByRole('list', { name: 'Recipients' })
    .getByRole('listitem')
    .filter({ hasText: 'On call now:' });
  await recipient.waitFor();
  assert.match(
    await recipient.innerText(),
    new RegExp(`storefront[\\s\\S]*${short(onCall)}`, 'i'),
  );
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Send page' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const sent = icPage
    .getByRole('table', { name: 'Pages' })
    .getByRole('row')
    .filter({ hasText: reason });
  await sent.waitFor();
  assert.match(await sent.innerText(), /Open/);
  await icPage.screenshot({ path: '.e2e/paging-ic-paged.png', fullPage: true });

  // The paged on-call's seat: "My pages" in the sidebar counts the open page.
  const mine = await openSignedIn(await withBrowser(t, 'paging-oncall'), '/', {
    as: onCall,
  });
  // The sidebar's "My pages" entry counts the open pages of the signed-in user.
  const count = mine.getByTestId('my-pages-count');
  await until(
    'the open-page count in the sidebar',
    async () => /^\d+$/.test((await count.innerText()).trim()),
    60_000,
  );
  await mine.screenshot({ path: '.e2e/paging-sidebar.png', fullPage: true });
  await mine.getByRole('link', { name: /My pages/ }).click();
  const item = mine
    .getByRole('region', { name: 'My pages' })
    .getByRole('listitem')
    .filter({ hasText: reason });
  await item.waitFor();
  await item
    .getByRole('button', { name: `Acknowledge page for ${ref}` })
    .click();
  await item.getByText('Acknowledged').waitFor();
  await mine.screenshot({ path: '.e2e/paging-my-pages.png', fullPage: true });

  // Past the time to acknowledge and several escalation runs: the acknowledged page stays
  // acknowledged and escalated nowhere, while the commander's unacknowledged page escalated
  // (so the escalation job did run).
  const pagesOf = async () =>
    (await incidentsApi(commander, `/v1/incidents/${ref}/pages`)).items;
  const ownersPage = (await pagesOf()).find(p => p.reason === reason);
  assert.equal(ownersPage.targetUserRef, onCall);
  await until(
    "the commander's page escalating",
    async () =>
      (
        await pagesOf()
      ).some(p => p.targetUserRef === commander && p.status === 'escalated'),
    120_000,
  );
  await new Promise(r =>
    setTimeout(
      r,
      Math.max(0, Date.parse(ownersPage.ackDueAt) + 12_000 - Date.now()),
    ),
  );
  const after = await pagesOf();
  const acknowledged = after.find(p => p.id === ownersPage.id);
  assert.equal(acknowledged.status, 'acknowledged');
  assert.equal(acknowledged.acknowledgedBy, onCall);
  assert.equal(acknowledged.escalatedAt, undefined);
  assert.deepEqual(
    after.filter(p => p.parentPageId === ownersPage.id),
    [],
  );

  // The commander sees it acknowledged by the on-call.
  await icPage.reload();
  const row = icPage
    .getByRole('table', { name: 'Pages' })
    .getByRole('row')
    .filter({ hasText: reason });
  await row.getByText('Acknowledged').waitFor();
  assert.match(
    await row.innerText(),
    new RegExp(`by\\s+${short(onCall)}`, 'i'),
  );
  await icPage.screenshot({
    path: '.e2e/paging-acknowledged.png',
    fullPage: true,
  });
});

// The commander closes an incident from its page while the owners' page is still open: the
// page is resolved, and the on-call has nothing open for it any more.
test('closing an incident resolves its open pages', async t => {
  const commander = await onCallNow(PLATFORM);
  const onCall = await onCallNow(STOREFRONT);
  const title = `Checkout closes with a page open ${Date.now()}`;
  const declared = await incidentsApi(commander, '/v1/incidents', {
    method: 'POST',
    body: JSON.stringify({
      title,
      severity: 'SEV2',
      affectedEntityRefs: ['component:default/checkout'],
    }),
  });
  const ref = declared.ref;
  await incidentsApi(commander, `/v1/incidents/${ref}/pages`, {
    method: 'POST',
    body: JSON.stringify({ reason: `Need storefront on ${ref}` }),
  });
  for (const transition of [
    'start-triage',
    'root-cause-found',
    'deploy-full',
    'recovered',
    'postmortem-complete',
  ]) {
    await incidentsApi(commander, `/v1/incidents/${ref}/transitions`, {
      method: 'POST',
      body: JSON.stringify({ transition }),
    });
  }

  // The commander closes it from the incident page.
  const page = await openSignedIn(
    await withBrowser(t, 'close-resolves'),
    `/incidents/${ref}`,
    { as: commander },
  );
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  await page
    .getByRole('button', { name: 'Prevention measures implemented: close' })
    .click();
  const confirm = page.getByRole('dialog');
  if (await confirm.isVisible().catch(() => false)) {
    await confirm.getByRole('button', { name: /close/i }).last().click();
  }
  await page.getByText('Closed').first().waitFor();
  await page.screenshot({ path: '.e2e/close-resolves.png', fullPage: true });

  const { items } = await incidentsApi(commander, `/v1/incidents/${ref}/pages`);
  const open = items.filter(p => p.status === 'open');
  assert.deepEqual(open, [], 'no page of a closed incident stays open');
  assert.ok(
    items.some(p => p.targetUserRef === onCall && p.status === 'resolved'),
    "the owners' page is resolved",
  );
  const mine = await incidentsApi(onCall, '/v1/pages?mine=true&status=open');
  assert.equal(
    mine.items.filter(p => p.incidentRef === ref).length,
    0,
    'the on-call has no open page for the closed incident',
  );
});
