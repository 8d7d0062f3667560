import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

/**
 * Waits for `locator` to show, pressing the page's Refresh between tries: the request feed is written in
 * batches, so a call may land a moment after it was made. Bounded by tries, not by a clock.
 */
async function refreshUntilVisible(page: Page, locator: Locator, tries = 20): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: 1000 });
      return;
    } catch (error) {
      if (attempt >= tries) throw error;
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
  }
}

async function assertNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

/** The revealed plaintext, after checking that Done waits for the confirmation; closes the reveal. */
async function takeRevealedSecret(page: Page, shot?: string): Promise<string> {
  const reveal = page.getByRole('dialog');
  const secret = (await reveal.getByTestId('revealed-secret').textContent())?.trim() ?? '';
  const done = reveal.getByRole('button', { name: 'Done' });
  assert.equal(await done.isDisabled(), true, 'Done waits for the confirmation');
  if (shot) await screenshot(page, shot);
  await reveal.getByLabel('I have copied it and stored it safely').check();
  assert.equal(await done.isEnabled(), true);
  await done.click();
  await reveal.waitFor({ state: 'hidden' });
  return secret;
}

describe('the API keys pages in Chromium', { skip }, () => {
  let harness: ConsoleHarness;
  let club: string;
  let pod: string;
  const owner = { externalId: 'keys-owner', email: 'kim@club.example', name: 'Kim Owner' };

  before(async () => {
    harness = await startConsoleHarness('keys');
    club = await harness.createTenant('Riverside Tennis Club', 'pro');
    pod = await harness.createTenant('Synap pod', 'free');
  });
  after(() => harness?.close());

  const signedIn = async (tenantId: string, width = 1280) => {
    const url = await harness.handoffUrl(tenantId, owner, 'owner');
    const opened = await harness.newPage(width);
    await opened.page.goto(url);
    await opened.page.waitForURL(`**/console/w/${tenantId}/live`);
    return opened;
  };

  it('create a read-only key, reveal it once, verify it, see the call, revoke it, see verify refuse it', async () => {
    const { context, page } = await signedIn(club);
    await page.goto(`/console/w/${club}/live/keys`);
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByText('No live keys yet').waitFor();

    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('Reporting script');
    await dialog.getByLabel('conversions').check();
    await dialog.getByLabel('campaigns').check();
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-create-1280');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    await page.getByRole('dialog', { name: 'Key “Reporting script” created' }).waitFor();
    const key = await takeRevealedSecret(page, 'keys-reveal-1280');
    assert.match(key, /^rk_live_/);
    // The plaintext is gone from the page once the reveal closes.
    assert.equal(await page.getByText(key).count(), 0);

    const row = page.getByRole('row', { name: /Reporting script/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /read:conversions, search:conversions/);
    assert.match((await row.textContent()) ?? '', /read:campaigns, search:campaigns/);
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-list-1280');

    const verified = await harness.asPlatform('POST', '/api/v1/verify', {
      key,
      scopes: ['read:conversions', 'search:campaigns'],
      method: 'GET',
      path: '/v1/conversions',
      ip: '203.0.113.9',
    });
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.valid, true);

    await row.getByRole('link', { name: 'Reporting script' }).click();
    await page.getByRole('heading', { level: 1, name: 'Key activity: Reporting script' }).waitFor();
    const call = page.getByRole('row', { name: /\/v1\/conversions/ });
    await refreshUntilVisible(page, call);
    const callText = (await call.first().textContent()) ?? '';
    for (const part of ['GET', '200', '203.0.113.9', 'valid']) assert.ok(callText.includes(part), callText);
    // The chart counts the call too, by outcome (the usage aggregates): switch its period to refetch them.
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ index: 0 });
    await page
      .getByText(/1 request in the last hour: 1 valid/)
      .first()
      .waitFor();
    await assertNoSeriousViolations(page);
    await screenshot(page, 'key-activity-1280');

    // The feed's filters: a refusal outcome shows none of the valid call.
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('insufficient_scope');
    await page.getByText('No requests match these filters').waitFor();
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('valid');
    await call.first().waitFor();

    await page.getByRole('link', { name: 'All keys' }).click();
    await page.getByRole('button', { name: 'Revoke Reporting script' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke “Reporting script”?' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page
      .getByRole('row', { name: /Reporting script/ })
      .getByText('revoked')
      .waitFor();

    const refused = await harness.asPlatform('POST', '/api/v1/verify', { key });
    assert.equal(refused.status, 200, refused.text);
    assert.equal(refused.body.valid, false);
    assert.equal(refused.body.code, 'revoked');
    await context.close();
  });

  it('roll shows the new secret; the status filter lists only keys of that status', async () => {
    const created = await harness.asPlatform('POST', `/api/v1/tenants/${club}/keys`, {
      name: 'Nightly export',
      type: 'restricted',
      scopes: ['read:reports'],
    });
    assert.equal(created.status, 201, created.text);
    const { context, page } = await signedIn(club);
    await page.goto(`/console/w/${club}/live/keys`);

    await page.getByRole('button', { name: 'Roll Nightly export' }).click();
    const roll = page.getByRole('dialog', { name: 'Roll “Nightly export”' });
    await roll.getByLabel('Old secret keeps working for').selectOption({ label: '24 hours' });
    await roll.getByRole('button', { name: 'Roll key' }).click();
    await page.getByRole('dialog', { name: 'Key “Nightly export” rolled' }).waitFor();
    const rolled = await takeRevealedSecret(page);
    assert.match(rolled, /^rk_live_/);
    assert.notEqual(rolled, created.body.key);
    for (const secret of [rolled, created.body.key]) {
      const answer = await harness.asPlatform('POST', '/api/v1/verify', { key: secret });
      assert.equal(answer.body.valid, true, 'the new secret works, and the old one for its grace period');
    }
    await page
      .getByRole('row', { name: /Nightly export/ })
      .getByText(/Rolled: the previous secret stops at/)
      .waitFor();

    const status = page.getByLabel('Status');
    await status.selectOption('revoked');
    await page.getByRole('row', { name: /Reporting script/ }).waitFor();
    assert.equal(await page.getByRole('row', { name: /Nightly export/ }).count(), 0);
    await status.selectOption('active');
    await page.getByRole('row', { name: /Nightly export/ }).waitFor();
    assert.equal(await page.getByRole('row', { name: /Reporting script/ }).count(), 0);
    await status.selectOption('expired');
    await page.getByText('No keys match these filters').waitFor();

    // The page lists the URL's mode only.
    await page.goto(`/console/w/${club}/test/keys`);
    await page.getByText('No test keys yet').waitFor();
    await context.close();
  });

  it("edit a key's name and scopes in the console; verify answers with the new scopes", async () => {
    const club2 = await harness.createTenant('Lakeside Club', 'pro');
    const created = await harness.asPlatform('POST', `/api/v1/tenants/${club2}/keys`, {
      name: 'Old name',
      type: 'restricted',
      scopes: ['read:reports'],
    });
    assert.equal(created.status, 201, created.text);
    const before = await harness.asPlatform('POST', '/api/v1/verify', {
      key: created.body.key,
      scopes: ['read:conversions'],
    });
    assert.equal(before.body.code, 'insufficient_scope');

    const { context, page } = await signedIn(club2);
    await page.goto(`/console/w/${club2}/live/keys`);
    await page.getByRole('button', { name: 'Edit Old name' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit “Old name”' });
    await dialog.getByLabel('Name', { exact: true }).fill('New name');
    await dialog.getByLabel('read:conversions', { exact: true }).check();
    await dialog.getByLabel('Metadata (JSON)').fill('[1, 2]');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Metadata must be a JSON object, in braces.').waitFor();
    await dialog.getByLabel('Metadata (JSON)').fill('{"customer": "Lakeside"}');
    await dialog.getByLabel('External id').fill('cus_77');
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-edit-1280');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /New name/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /read:conversions/);

    const after = await harness.asPlatform('POST', '/api/v1/verify', {
      key: created.body.key,
      scopes: ['read:conversions'],
    });
    assert.equal(after.status, 200, after.text);
    assert.equal(after.body.valid, true, after.text);
    assert.ok((after.body.scopes as string[]).includes('read:conversions'));
    assert.deepEqual(after.body.meta, { customer: 'Lakeside' });
    assert.equal(after.body.externalId, 'cus_77');
    await context.close();
  });

  it('a free workspace sees the MCP key disabled with the plan that has it; checklist scopes are gated', async () => {
    const { context, page } = await signedIn(pod);
    await page.goto(`/console/w/${pod}/live/keys`);
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    const mcp = dialog.getByRole('button', { name: 'Create MCP key' });
    await mcp.waitFor();
    assert.equal(await mcp.isDisabled(), true);
    assert.match(
      (await dialog.getByText(/MCP keys come with the/).textContent()) ?? '',
      /Pro or Scale plan.*Free plan/,
    );
    await dialog.getByLabel('Advanced: the scope checklist').check();
    const write = dialog.getByLabel('bookings:write');
    assert.equal(await write.isDisabled(), true);
    assert.equal(await dialog.getByLabel('bookings:read').isDisabled(), false);
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-create-free-1280');
    await context.close();
  });

  it('a pro workspace creates an MCP key in one click, in the current mode', async () => {
    const { context, page } = await signedIn(club);
    await page.goto(`/console/w/${club}/test/keys`);
    await page.getByRole('button', { name: 'Create key' }).click();
    await page
      .getByRole('dialog', { name: 'Create an API key' })
      .getByRole('button', { name: 'Create MCP key' })
      .click();
    await page.getByRole('dialog', { name: 'Key “MCP” created' }).waitFor();
    const key = await takeRevealedSecret(page);
    assert.match(key, /^rk_test_/);
    const answer = await harness.asPlatform('POST', '/api/v1/verify', { key, scopes: ['mcp:*'] });
    assert.equal(answer.body.valid, true);
    await page.getByRole('row', { name: /MCP/ }).waitFor();
    await context.close();
  });

  it('a viewer reads the keys and their activity but sees no control to change them', async () => {
    const viewer = { externalId: 'keys-viewer', email: 'vic@club.example', name: 'Vic Viewer' };
    const url = await harness.handoffUrl(club, viewer, 'viewer');
    const { context, page } = await harness.newPage();
    await page.goto(url);
    await page.waitForURL(`**/console/w/${club}/live`);
    await page.goto(`/console/w/${club}/live/keys`);
    await page.getByRole('row', { name: /Nightly export/ }).waitFor();
    for (const name of ['Create key', /^Roll /, /^Revoke /]) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button`);
    }
    assert.equal(await page.getByRole('columnheader', { name: 'Actions' }).count(), 0);
    await page.getByRole('link', { name: 'Nightly export' }).click();
    await page.getByRole('heading', { level: 1, name: 'Key activity: Nightly export' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Requests', exact: true }).waitFor();
    await context.close();
  });

  it('at 390 px: the list, the create dialog, the reveal and the activity page', async () => {
    const { context, page } = await signedIn(club, 390);
    await page.goto(`/console/w/${club}/live/keys`);
    await page.getByRole('row', { name: /Nightly export/ }).waitFor();
    await screenshot(page, 'keys-list-390');
    await page.getByRole('button', { name: 'Edit Nightly export' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit “Nightly export”' });
    await edit.getByLabel('External id').waitFor();
    await screenshot(page, 'keys-edit-390');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('Phone-made key');
    await dialog.getByLabel('reports').check();
    await dialog.getByLabel('IP allowlist (optional)').fill('203.0.113.0/24\n');
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Expires (optional)').fill(expiry);
    await screenshot(page, 'keys-create-390');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog', { name: 'Key “Phone-made key” created' }).waitFor();
    await takeRevealedSecret(page, 'keys-reveal-390');
    await page.getByRole('link', { name: 'Phone-made key' }).click();
    await page.getByRole('heading', { level: 1, name: 'Key activity: Phone-made key' }).waitFor();
    await page.getByText('203.0.113.0/24').waitFor();
    const listed = await harness.asPlatform('GET', `/api/v1/tenants/${club}/keys?namePrefix=Phone`);
    const made = listed.body.items[0];
    assert.deepEqual(made.ipAllowlist, ['203.0.113.0/24']);
    assert.ok(made.expiresAt && Date.parse(made.expiresAt) > Date.now() + 29 * 86_400_000, made.expiresAt);
    await page.getByText('No requests with this key yet').waitFor();
    await screenshot(page, 'key-activity-390');
    await context.close();
  });

  it("a key names one of the workspace's apps: chosen on create, shown in its row, filtered by", async () => {
    const hillside = await harness.createTenant('Hillside Club', 'pro');
    const registerApp = async (name: string): Promise<string> => {
      const app = await harness.asPlatform('POST', `/api/v1/tenants/${hillside}/apps`, {
        name,
        type: 'confidential',
      });
      assert.equal(app.status, 201, app.text);
      return app.body.id;
    };
    const courtSync = await registerApp('Court sync');
    await registerApp('Coach portal');
    const plain = await harness.asPlatform('POST', `/api/v1/tenants/${hillside}/keys`, {
      name: 'Unlabelled key',
      type: 'restricted',
      scopes: ['read:reports'],
    });
    assert.equal(plain.status, 201, plain.text);

    const { context, page } = await signedIn(hillside);
    await page.goto(`/console/w/${hillside}/live/keys`);
    const unlabelled = page.getByRole('row', { name: /Unlabelled key/ });
    await unlabelled.waitFor();
    assert.doesNotMatch((await unlabelled.textContent()) ?? '', /App:/, 'a key without an app names none');

    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name', { exact: true }).fill('Court sync reader');
    const picker = dialog.getByLabel('App (optional)');
    assert.deepEqual(await picker.locator('option').allTextContents(), [
      'No app',
      'Coach portal',
      'Court sync',
    ]);
    await picker.selectOption({ label: 'Court sync' });
    await dialog.getByLabel('reports').check();
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-create-app-1280');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('dialog', { name: 'Key “Court sync reader” created' }).waitFor();
    await takeRevealedSecret(page);

    const listed = await harness.asPlatform('GET', `/api/v1/tenants/${hillside}/keys?namePrefix=Court`);
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.body.items.length, 1, listed.text);
    assert.equal(listed.body.items[0].appId, courtSync);

    const labelled = page.getByRole('row', { name: /Court sync reader/ });
    await labelled.getByText('App: Court sync').waitFor();

    const appFilter = page.getByRole('search', { name: 'Filter keys' }).getByLabel('App');
    await appFilter.selectOption({ label: 'Court sync' });
    await unlabelled.waitFor({ state: 'hidden' });
    await labelled.waitFor();
    assert.equal(await page.getByRole('row', { name: /Unlabelled key/ }).count(), 0);
    await assertNoSeriousViolations(page);
    await screenshot(page, 'keys-app-filter-1280');
    await appFilter.selectOption({ label: 'Coach portal' });
    await page.getByText('No keys match these filters').waitFor();
    await appFilter.selectOption({ label: 'Any app' });
    await unlabelled.waitFor();
    await labelled.waitFor();
    await context.close();

    const narrow = await signedIn(hillside, 390);
    await narrow.page.goto(`/console/w/${hillside}/live/keys`);
    await narrow.page
      .getByRole('row', { name: /Court sync reader/ })
      .getByText('App: Court sync')
      .waitFor();
    await narrow.page.getByRole('search', { name: 'Filter keys' }).getByLabel('App').selectOption({
      label: 'Court sync',
    });
    await narrow.page.getByRole('row', { name: /Unlabelled key/ }).waitFor({ state: 'hidden' });
    await screenshot(narrow.page, 'keys-app-filter-390');
    await narrow.page.getByRole('button', { name: 'Create key' }).click();
    await narrow.page
      .getByRole('dialog', { name: 'Create an API key' })
      .getByLabel('App (optional)')
      .waitFor();
    await screenshot(narrow.page, 'keys-create-app-390');
    await narrow.context.close();
  });
});
