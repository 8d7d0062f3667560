import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../e2e/server.ts';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

/** RFC 7636 S256: a verifier and its challenge. */
function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

// Seed 000: "use OAuth when the integration should be installed and approved by tenant admins". An app asks, a
// tenant owner approves it on the consent screen in a real browser, the app's tokens work, the console lists the
// installation, and uninstalling it there refuses its tokens at once.
describe('installing an app: the consent screen and Installed apps, in Chromium', { skip }, () => {
  let harness: ConsoleHarness;
  let tenantId: string;
  let clientId: string;
  let clientSecret: string;
  let receiver: Server;
  let redirectUri: string;
  const arrived: URL[] = [];

  before(async () => {
    harness = await startConsoleHarness('installations');
    tenantId = await harness.createTenant('Riverside Tennis Club', 'pro');
    const port = await freePort();
    redirectUri = `http://127.0.0.1:${port}/callback`;
    receiver = createServer((request, response) => {
      const url = new URL(request.url ?? '/', redirectUri);
      // Only the redirect itself: the browser also asks this origin for a favicon.
      if (url.pathname === '/callback') arrived.push(url);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('Court Booker received the answer.');
    });
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
    const app = await harness.asPlatform('POST', `/api/v1/tenants/${tenantId}/apps`, {
      name: 'Court Booker',
      type: 'confidential',
      redirectUris: [redirectUri],
      homepageUrl: 'https://courtbooker.example.com',
    });
    assert.equal(app.status, 201, app.text);
    const client = await harness.asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'Court Booker web',
      appId: app.body.id,
      scopes: ['bookings:read', 'bookings:write'],
    });
    assert.equal(client.status, 201, client.text);
    clientId = client.body.client_id;
    clientSecret = client.body.client_secret;
  });

  after(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await harness?.close();
  });

  function authorizeUrl(challenge: string, state: string): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'bookings:read bookings:write',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    return `${harness.server.url}/api/v1/platform/oauth/authorize?${query}`;
  }

  async function redeem(code: string, verifier: string): Promise<string> {
    const response = await fetch(`${harness.server.url}/api/v1/platform/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }).toString(),
    });
    const body = (await response.json()) as { access_token: string };
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.access_token;
  }

  const verify = async (token: string) =>
    (await harness.asPlatform('POST', '/api/v1/verify', { key: token, scopes: ['bookings:read'] })).body;

  it('an owner approves on the consent screen, the app gets tokens, and uninstalling in the console refuses them', async () => {
    const { context, page } = await harness.newPage(1280);
    await page.goto(
      await harness.handoffUrl(
        tenantId,
        { externalId: 'owner-1', email: 'owner@club.example', name: 'Olive Owner' },
        'owner',
      ),
    );
    await page.waitForURL(`**/console/w/${tenantId}/live`);

    const { verifier, challenge } = pkce();
    await page.goto(authorizeUrl(challenge, 'state-1'));
    await page.getByText('Court Booker').first().waitFor();
    for (const words of [
      'courtbooker.example.com',
      '127.0.0.1',
      'Read bookings',
      'Create and change bookings',
    ])
      assert.ok(await page.getByText(words).first().isVisible(), `the consent screen shows ${words}`);
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await screenshot(page, 'consent-1280');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${redirectUri}?**`);
    const answer = arrived.at(-1) as URL;
    assert.equal(answer.searchParams.get('state'), 'state-1');
    assert.equal(answer.searchParams.get('iss'), harness.server.url);
    const token = await redeem(answer.searchParams.get('code') as string, verifier);
    assert.equal((await verify(token)).valid, true);

    await page.goto(`/console/w/${tenantId}/live/installations`);
    const row = page.getByRole('row', { name: /Court Booker/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    for (const part of ['This workspace', 'bookings:read', 'bookings:write', 'Olive Owner'])
      assert.ok(text.includes(part), `${part} in ${text}`);
    await screenshot(page, 'installations-1280');
    await row.getByRole('button', { name: 'Uninstall Court Booker' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Uninstall' }).click();
    await page.getByText('No installed apps').waitFor();
    const refused = await verify(token);
    assert.equal(refused.valid, false);
    await context.close();
  });

  it('signed out, the app sends the user to the sign-in and back to the consent screen; denying answers access_denied', async () => {
    const user = await harness.asPlatform('POST', '/api/v1/users', {
      email: 'mia@club.example',
      name: 'Mia Manager',
      password: 'correct horse battery staple',
    });
    assert.equal(user.status, 201, user.text);
    const member = await harness.asPlatform('POST', `/api/v1/tenants/${tenantId}/members`, {
      userId: user.body.id,
      role: 'manager',
    });
    assert.equal(member.status, 201, member.text);
    const { context, page } = await harness.newPage(390);
    await page.goto(authorizeUrl(pkce().challenge, 'state-2'));
    await page.waitForURL('**/console/sign-in?next=*');
    await page.getByLabel('Email').fill('mia@club.example');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/api/v1/platform/oauth/authorize?**');
    await page.getByRole('button', { name: 'Deny' }).waitFor();
    await screenshot(page, 'consent-390');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${redirectUri}?**`);
    const answer = arrived.at(-1) as URL;
    assert.equal(answer.searchParams.get('error'), 'access_denied');
    assert.equal(answer.searchParams.get('state'), 'state-2');
    await context.close();
  });

  it('a viewer sees installed apps but no Uninstall button', async () => {
    const { verifier, challenge } = pkce();
    const { context, page } = await harness.newPage(1280);
    await page.goto(
      await harness.handoffUrl(
        tenantId,
        { externalId: 'owner-1', email: 'owner@club.example', name: 'Olive Owner' },
        'owner',
      ),
    );
    await page.waitForURL(`**/console/w/${tenantId}/live`);
    await page.goto(authorizeUrl(challenge, 'state-3'));
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${redirectUri}?**`);
    await redeem((arrived.at(-1) as URL).searchParams.get('code') as string, verifier);
    await context.close();

    const viewer = await harness.newPage(1280);
    await viewer.page.goto(
      await harness.handoffUrl(
        tenantId,
        { externalId: 'viewer-1', email: 'vic@club.example', name: 'Vic Viewer' },
        'viewer',
      ),
    );
    await viewer.page.waitForURL(`**/console/w/${tenantId}/live`);
    await viewer.page.getByRole('link', { name: 'Installed apps' }).click();
    await viewer.page.getByRole('row', { name: /Court Booker/ }).waitFor();
    assert.equal(await viewer.page.getByRole('button', { name: /Uninstall/ }).count(), 0);
    await viewer.context.close();
  });
});
