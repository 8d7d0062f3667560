import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Locator, Page } from 'playwright-core';
import { call } from '../e2e/server.ts';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

/** An 8×8 PNG served for the app's logo URL, so the page never reaches the internet. */
const LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGOQi1qAFTEMLQkAOd1GAUE19XUAAAAASUVORK5CYII=',
  'base64',
);
const LOGO_URL = 'https://logos.example.com/courts.png';

async function assertAccessible(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

/** The values of an open one-time reveal, after checking that Done waits for the confirmation. */
async function readReveal(page: Page, title: string | RegExp): Promise<string[]> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  const values = await dialog.getByTestId('revealed-secret').allTextContents();
  const done = dialog.getByRole('button', { name: 'Done' });
  assert.equal(await done.isDisabled(), true, 'Done waits for the confirmation');
  await dialog.getByLabel('I have copied it and stored it safely').check();
  await done.click();
  await dialog.waitFor({ state: 'hidden' });
  return values;
}

const rowOf = (page: Page, name: string): Locator => page.getByRole('row').filter({ hasText: name });

describe('the console in Chromium: API clients, apps and management keys', { skip }, () => {
  let harness: ConsoleHarness;
  let club: string;

  /** The token endpoint's status for a client id and secret (client credentials, `client_secret_basic`). */
  async function tokenStatus(clientId: string, secret: string): Promise<number> {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString(
      'base64',
    );
    const response = await fetch(`${harness.server.url}/api/v1/platform/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { access_token?: string; error?: string };
    if (response.status === 200) assert.ok(body.access_token);
    else assert.equal(body.error, 'invalid_client');
    return response.status;
  }

  async function signIn(role: 'owner' | 'manager' | 'viewer', width: number) {
    const url = await harness.handoffUrl(
      club,
      { externalId: `u-${role}`, email: `${role}@club.example`, name: `${role} person` },
      role,
    );
    const opened = await harness.newPage(width);
    await opened.context.route(LOGO_URL, (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: LOGO_PNG }),
    );
    await opened.page.goto(url);
    await opened.page.waitForURL(`**/console/w/${club}/live`);
    return opened;
  }

  async function openSection(page: Page, label: string, heading: string): Promise<void> {
    const menu = page.getByRole('button', { name: /menu/i });
    const link = page.getByRole('link', { name: label, exact: true });
    // Wait for the shell: the link shows at once on a wide screen, behind the menu button on a narrow one.
    await link.or(menu).first().waitFor();
    if (!(await link.isVisible())) await menu.click();
    await link.click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  before(async () => {
    harness = await startConsoleHarness('clients');
    club = await harness.createTenant('Riverside Tennis Club', 'pro');
  });
  after(() => harness?.close());

  it('an owner registers an app, then creates, rotates, suspends, rescopes and deletes its client', async () => {
    const { context, page } = await signIn('owner', 1280);

    await openSection(page, 'Apps', 'Apps');
    await page.getByText('No apps yet').waitFor();
    await page.getByRole('button', { name: 'Register app' }).click();
    const appDialog = page.getByRole('dialog', { name: 'Register an app' });
    await appDialog.getByLabel('Name', { exact: true }).fill('Court booking sync');
    await appDialog.getByLabel('Allowed origins').fill('https://courts.example.com/');
    await appDialog.getByLabel('Redirect URIs').fill('https://courts.example.com/callback');
    await appDialog.getByLabel('Logo URL').fill(LOGO_URL);
    await appDialog.getByLabel('Homepage URL').fill('https://courts.example.com');
    await appDialog.getByRole('button', { name: 'Create app' }).click();
    // The server's message sits next to the field it names, and the field says it is invalid.
    const origins = appDialog.getByLabel('Allowed origins');
    await appDialog.locator('.field-errors').filter({ hasText: 'Line 1' }).waitFor();
    assert.equal(await origins.getAttribute('aria-invalid'), 'true');
    await assertAccessible(page);
    await origins.fill('https://courts.example.com');
    await appDialog.getByRole('button', { name: 'Create app' }).click();
    await appDialog.waitFor({ state: 'hidden' });
    const appRow = rowOf(page, 'Court booking sync');
    await appRow.getByRole('img', { name: 'Court booking sync logo' }).waitFor();
    assert.match((await appRow.textContent()) ?? '', /https:\/\/courts\.example\.com\/callback/);
    await screenshot(page, 'apps-1280');
    await assertAccessible(page);

    await openSection(page, 'API clients', 'API clients');
    await page.getByText('No live API clients yet').waitFor();
    await page.getByRole('button', { name: 'Create client' }).click();
    const create = page.getByRole('dialog', { name: 'New live API client' });
    await create.getByLabel('Name', { exact: true }).fill('Reporting dashboard');
    await create.getByLabel('App', { exact: true }).selectOption({ label: 'Court booking sync' });
    await create.getByLabel('bookings:read', { exact: true }).check();
    await create.getByLabel('read:audit', { exact: true }).check();
    await create.getByLabel('Expires in (days)').fill('30');
    await screenshot(page, 'clients-create-1280');
    await assertAccessible(page);
    await create.getByRole('button', { name: 'Create client' }).click();
    const [clientId, firstSecret] = await readReveal(page, 'Client “Reporting dashboard” created');
    assert.match(clientId ?? '', /^cl_/);
    assert.match(firstSecret ?? '', /^cs_live_/);
    const row = rowOf(page, 'Reporting dashboard');
    assert.match(
      (await row.textContent()) ?? '',
      /Court booking sync.*live.*bookings:read, read:audit.*active/,
    );
    assert.equal(await tokenStatus(clientId ?? '', firstSecret ?? ''), 200);

    // Rotate: the old secret stops at once, the new one works; the id stays.
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    const rotate = page.getByRole('dialog', { name: /Rotate the secret/ });
    assert.match((await rotate.textContent()) ?? '', /Stops at once/);
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const [sameId, newSecret] = await readReveal(page, 'New secret for “Reporting dashboard”');
    assert.equal(sameId, clientId);
    assert.notEqual(newSecret, firstSecret);
    assert.equal(await tokenStatus(clientId ?? '', firstSecret ?? ''), 401);
    assert.equal(await tokenStatus(clientId ?? '', newSecret ?? ''), 200);

    // Suspend: no tokens; the status filter finds it; reactivate: tokens again.
    await row.getByRole('button', { name: 'Suspend' }).click();
    await page
      .getByRole('dialog', { name: /Suspend/ })
      .getByRole('button', { name: 'Suspend client' })
      .click();
    await row.getByText('suspended', { exact: true }).waitFor();
    assert.equal(await tokenStatus(clientId ?? '', newSecret ?? ''), 401);
    await page.getByLabel('Status').selectOption('active');
    await page.getByText('No active live clients').waitFor();
    await page.getByLabel('Status').selectOption('suspended');
    await row.waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.getByRole('button', { name: 'Reactivate' }).click();
    await row.getByText('active', { exact: true }).waitFor();
    assert.equal(await tokenStatus(clientId ?? '', newSecret ?? ''), 200);

    // Edit scopes: the next token gets them, no new secret.
    await row.getByRole('button', { name: 'Edit scopes' }).click();
    const scopes = page.getByRole('dialog', { name: 'Scopes of “Reporting dashboard”' });
    await scopes.getByLabel('read:audit', { exact: true }).uncheck();
    await scopes.getByRole('button', { name: 'Save scopes' }).click();
    await scopes.waitFor({ state: 'hidden' });
    await row.getByText('bookings:read', { exact: true }).waitFor();
    await screenshot(page, 'clients-1280');
    await assertAccessible(page);

    // Delete: gone from the list, listed as deleted on request, and no more tokens.
    await row.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: /Delete/ })
      .getByRole('button', { name: 'Delete client' })
      .click();
    await page.getByText('No live API clients yet').waitFor();
    assert.equal(await tokenStatus(clientId ?? '', newSecret ?? ''), 401);
    await page.getByLabel('Show deleted').check();
    await row.getByText('deleted', { exact: true }).waitFor();
    assert.equal(await row.getByRole('button').count(), 0, 'a deleted client offers no action');
    await context.close();
  });

  it('an owner gives an app public keys: its client has no secret to show or rotate and gets tokens with signed assertions', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'signer-1' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'signer-1' };
    const { context, page } = await signIn('owner', 1280);
    await openSection(page, 'Apps', 'Apps');
    await page.getByRole('button', { name: 'Register app' }).click();
    const appDialog = page.getByRole('dialog', { name: 'Register an app' });
    await appDialog.getByLabel('Name', { exact: true }).fill('Ledger export');
    const keys = appDialog.getByLabel('Client public keys (JWK Set)');
    await keys.fill('{"keys": ');
    await appDialog.getByRole('button', { name: 'Create app' }).click();
    await appDialog.locator('.field-errors').filter({ hasText: 'This is not a key set' }).waitFor();
    assert.equal(await keys.getAttribute('aria-invalid'), 'true');
    // A private key is refused by the server, next to the field, and nothing is created.
    await keys.fill(JSON.stringify({ keys: [privateJwk] }));
    await appDialog.getByRole('button', { name: 'Create app' }).click();
    await appDialog
      .locator('.field-errors')
      .filter({ hasText: /private/ })
      .waitFor();
    await assertAccessible(page);
    await keys.fill(JSON.stringify({ keys: [jwk] }, null, 2));
    await screenshot(page, 'app-keys-1280');
    await appDialog.getByRole('button', { name: 'Create app' }).click();
    await appDialog.waitFor({ state: 'hidden' });
    const appRow = rowOf(page, 'Ledger export');
    await appRow.getByText('Clients sign with keys (1 public key)').waitFor();
    await screenshot(page, 'apps-keys-1280');
    const apps = await harness.asPlatform('GET', `/api/v1/tenants/${club}/apps`);
    const app = (apps.body.items as { id: string; name: string; jwks: unknown; jwksUri: unknown }[]).find(
      (item) => item.name === 'Ledger export',
    );
    assert.deepEqual(app?.jwks, { keys: [jwk] });
    assert.equal(app?.jwksUri, null);

    await openSection(page, 'API clients', 'API clients');
    await page.getByRole('button', { name: 'Create client' }).click();
    const create = page.getByRole('dialog', { name: 'New live API client' });
    await create.getByLabel('Name', { exact: true }).fill('Ledger job');
    await create
      .getByLabel('App', { exact: true })
      .selectOption({ label: 'Ledger export (signs with keys, no secret)' });
    await create.getByLabel('bookings:read', { exact: true }).check();
    await create.getByRole('button', { name: 'Create client' }).click();
    const reveal = page.getByRole('dialog', { name: 'Client “Ledger job” created' });
    await reveal.waitFor();
    assert.match(
      (await reveal.textContent()) ?? '',
      /This client has no secret: it authenticates with private_key_jwt/,
    );
    const [clientId, ...rest] = await readReveal(page, 'Client “Ledger job” created');
    assert.match(clientId ?? '', /^cl_/);
    assert.deepEqual(rest, [], 'only the client ID is shown');
    const row = rowOf(page, 'Ledger job');
    await row.getByRole('button', { name: 'Suspend' }).waitFor();
    assert.equal(await row.getByRole('button', { name: 'Rotate secret' }).count(), 0);
    await assertAccessible(page);

    const tokenEndpoint = `${harness.server.url}/api/v1/platform/oauth/token`;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'signer-1' })
      .setIssuer(clientId ?? '')
      .setSubject(clientId ?? '')
      .setAudience(tokenEndpoint)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
    const token = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId ?? '',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(token.status, 200, await token.clone().text());

    // Emptying the keys in the form removes them: the app's clients would hold secrets again.
    await openSection(page, 'Apps', 'Apps');
    await appRow.getByRole('button', { name: 'Edit Ledger export' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit “Ledger export”' });
    assert.deepEqual(JSON.parse(await edit.getByLabel('Client public keys (JWK Set)').inputValue()), {
      keys: [jwk],
    });
    await edit.getByLabel('Client public keys (JWK Set)').fill('');
    await edit.getByRole('button', { name: 'Save app' }).click();
    await edit.waitFor({ state: 'hidden' });
    await appRow.getByText('Clients hold secrets').waitFor();
    const after = await harness.asPlatform('GET', `/api/v1/tenants/${club}/apps/${app?.id}`);
    assert.equal(after.body.jwks, null);
    await context.close();
  });

  it('an owner creates a management key pair, sees it once, uses it and revokes it', async () => {
    const { context, page } = await signIn('owner', 1280);
    await openSection(page, 'Management keys', 'Management keys');
    await page.getByText('No live management keys yet').waitFor();
    await page.getByRole('button', { name: 'Create key pair' }).click();
    const create = page.getByRole('dialog', { name: 'New live management key' });
    await create.getByLabel('Name', { exact: true }).fill('Nightly export');
    await create.getByLabel('read:audit', { exact: true }).check();
    await create.getByLabel('manage:clients', { exact: true }).check();
    await assertAccessible(page);
    await create.getByRole('button', { name: 'Create key pair' }).click();
    const [apiKey, apiSecret] = await readReveal(page, 'Key pair “Nightly export” created');
    const headers = { 'x-api-key': apiKey ?? '', 'x-api-secret': apiSecret ?? '' };
    const used = await call(harness.server, 'GET', `/api/v1/tenants/${club}/clients`, { headers });
    assert.equal(used.status, 200, used.text);
    const row = rowOf(page, 'Nightly export');
    assert.match((await row.textContent()) ?? '', /live.*read:audit, manage:clients.*active/);
    assert.match((await row.textContent()) ?? '', new RegExp(apiKey ?? 'missing'));
    await screenshot(page, 'management-keys-1280');
    await assertAccessible(page);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('dialog', { name: /Revoke/ })
      .getByRole('button', { name: 'Revoke key pair' })
      .click();
    await row.getByText('revoked', { exact: true }).waitFor();
    const refused = await call(harness.server, 'GET', `/api/v1/tenants/${club}/clients`, { headers });
    assert.equal(refused.status, 401);
    await context.close();
  });

  it('a manager sees the write controls; a viewer sees the lists without any', async () => {
    const made = await harness.asPlatform('POST', `/api/v1/tenants/${club}/clients`, {
      name: 'Attendance display',
      scopes: ['events:read'],
    });
    assert.equal(made.status, 201, made.text);
    const pair = await harness.asPlatform('POST', `/api/v1/tenants/${club}/management-keys`, {
      name: 'Backup job',
      permissions: ['read:audit'],
    });
    assert.equal(pair.status, 201, pair.text);

    const manager = await signIn('manager', 1280);
    await openSection(manager.page, 'API clients', 'API clients');
    await manager.page.getByRole('button', { name: 'Create client' }).waitFor();
    await rowOf(manager.page, 'Attendance display').getByRole('button', { name: 'Rotate secret' }).waitFor();
    await manager.context.close();

    const { context, page } = await signIn('viewer', 390);
    const writeButtons =
      /^(Create client|Rotate secret|Suspend|Reactivate|Edit scopes|Delete|Register app|Edit|Create key pair|Revoke)/;

    await openSection(page, 'API clients', 'API clients');
    await rowOf(page, 'Attendance display').waitFor();
    await page.getByText('Your role can see API clients but not create or change them.').waitFor();
    assert.equal(await page.getByRole('button', { name: writeButtons }).count(), 0);
    await screenshot(page, 'clients-390');
    await assertAccessible(page);

    await openSection(page, 'Apps', 'Apps');
    await rowOf(page, 'Court booking sync').waitFor();
    assert.equal(await page.getByRole('button', { name: writeButtons }).count(), 0);
    await screenshot(page, 'apps-390');
    await assertAccessible(page);

    await openSection(page, 'Management keys', 'Management keys');
    await rowOf(page, 'Backup job').waitFor();
    assert.equal(await page.getByRole('button', { name: writeButtons }).count(), 0);
    await screenshot(page, 'management-keys-390');
    await assertAccessible(page);
    await context.close();
  });
});
