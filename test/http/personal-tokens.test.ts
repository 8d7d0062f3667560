import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { asBrowser, type Browser, handoffBrowser } from './people-support.ts';
import { assertNoSecret, assertProblem } from './support.ts';

let t: TestApp;
let pro: string;
let free: string;

before(async () => {
  t = await startTestApp();
  pro = await createTenant(t, { plan: 'pro' });
  free = await createTenant(t, { plan: 'free' });
});
after(() => t.close());

async function createToken(browser: Browser, scopes: string[], extra: Record<string, unknown> = {}) {
  const response = await asBrowser(t, browser, {
    method: 'POST',
    url: '/api/v1/me/tokens',
    payload: { name: 'Claude Code', scopes, ...extra },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string; token: string; displayPrefix: string }>();
}

const whoami = (token: string, headers: Record<string, string> = {}, scheme = 'Bearer') =>
  t.app.inject({
    method: 'GET',
    url: '/api/v1/whoami',
    headers: { authorization: `${scheme} ${token}`, ...headers },
  });

async function verify(body: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}` },
    payload: body,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** A user in `pro` (and optionally `free`) with the given roles, signed in through the hand-off. */
async function member(roles: { pro: string; free?: string }): Promise<Browser> {
  const externalId = `pat-${Math.random().toString(36).slice(2)}`;
  const browser = await handoffBrowser(t, pro, roles.pro as 'owner', externalId);
  if (roles.free) await handoffBrowser(t, free, roles.free as 'owner', externalId);
  return browser;
}

describe('personal access tokens', () => {
  it('created once in the API-key format under their own prefix; listed without the secret; HMAC at rest', async () => {
    const browser = await member({ pro: 'developer' });
    const created = await createToken(browser, ['read:entities', 'hub-protocol.read']);
    assert.match(created.token, /^pat_live_[0-9A-Za-z]{30}$/);
    assert.equal(created.displayPrefix, created.token.slice(0, 12));
    const listed = await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/tokens' });
    assert.equal(listed.json().items.length, 1);
    assertNoSecret(listed.body, created.token);
    const stored = await t.store.personalTokens.findForVerification(
      t.context.peppers.hashCurrent(created.token),
    );
    assert.equal(stored?.token.id, created.id);
  });

  it('unknown scopes are 422; a platform key or no session is 401', async () => {
    const browser = await member({ pro: 'viewer' });
    const bad = await asBrowser(t, browser, {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'x', scopes: ['nope:read'] },
    });
    assertProblem(bad, 422, 'validation_failed');
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/me/tokens' }),
      401,
      'invalid_credential',
    );
  });

  it('one membership: whoami and verify need no workspace; Bearer and ApiKey both work', async () => {
    const browser = await member({ pro: 'owner' });
    const { token, id } = await createToken(browser, ['read:entities', 'bookings:write']);
    for (const scheme of ['Bearer', 'ApiKey']) {
      const response = await whoami(token, {}, scheme);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        credentialType: 'personal_token',
        tenantId: pro,
        userId: browser.userId,
        tokenId: id,
        role: 'owner',
        mode: 'live',
        scopes: ['read:entities', 'bookings:write', 'bookings:read'],
      });
      assert.ok(response.headers.ratelimit);
    }
    const verified = await verify({ key: token, scopes: ['bookings:write'] });
    assert.equal(verified.valid, true);
    assert.equal(verified.credentialType, 'personal_token');
    assert.equal(verified.userId, browser.userId);
    assert.equal(verified.tenantId, pro);
    assert.equal(verified.tokenId, id);
  });

  it('several memberships: the workspace is required (400), one the user is not in is 403', async () => {
    const browser = await member({ pro: 'owner', free: 'viewer' });
    const { token } = await createToken(browser, ['read:entities']);
    assertProblem(await whoami(token), 400, 'workspace_required');
    assert.equal((await whoami(token, { 'x-workspace-id': free })).json().tenantId, free);
    const stranger = await createTenant(t);
    assertProblem(await whoami(token, { 'x-workspace-id': stranger }), 403, 'workspace_not_allowed');
    assert.deepEqual((await verify({ key: token })).code, 'workspace_required');
    assert.equal((await verify({ key: token, workspaceId: stranger })).code, 'workspace_not_allowed');
    assert.equal((await verify({ key: token, workspaceId: free })).tenantId, free);
  });

  it("effective scopes = token ∩ role's runtime patterns ∩ the workspace's plan, at request time", async () => {
    const browser = await member({ pro: 'viewer', free: 'owner' });
    const { token } = await createToken(browser, [
      'read:entities',
      'write:entities',
      'analytics:read',
      'hub-protocol.read',
    ]);
    // A viewer in pro: only read patterns (`read:*`, `*:read`, `*.read`).
    const asViewer = await whoami(token, { 'x-workspace-id': pro });
    assert.deepEqual(asViewer.json().scopes.sort(), ['analytics:read', 'hub-protocol.read', 'read:entities']);
    // An owner on free: everything the token holds that the free plan entitles.
    const onFree = await whoami(token, { 'x-workspace-id': free });
    assert.deepEqual(onFree.json().scopes, ['read:entities']);
    const refused = await verify({ key: token, workspaceId: pro, scopes: ['write:entities'] });
    assert.equal(refused.code, 'insufficient_scope');
    // Promoted, the same token writes on the next request.
    await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/tenants/${pro}/members/${browser.userId}`,
      payload: { role: 'developer' },
    });
    assert.equal((await verify({ key: token, workspaceId: pro, scopes: ['write:entities'] })).valid, true);
    // A plan change narrows it at once too.
    await asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${pro}`, payload: { plan: 'free' } });
    assert.equal(
      (await verify({ key: token, workspaceId: pro, scopes: ['write:entities'] })).code,
      'insufficient_scope',
    );
    await asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${pro}`, payload: { plan: 'pro' } });
  });

  it('rate-limited per token per workspace at its plan (free: 60 a minute)', async () => {
    const browser = await member({ pro: 'owner', free: 'owner' });
    const { token } = await createToken(browser, ['read:entities']);
    for (let i = 0; i < 60; i++) assert.equal((await verify({ key: token, workspaceId: free })).valid, true);
    const limited = await verify({ key: token, workspaceId: free });
    assert.equal(limited.code, 'rate_limited');
    assertProblem(await whoami(token, { 'x-workspace-id': free }), 429, 'rate_limited');
    // Its budget in another workspace is its own.
    assert.equal((await verify({ key: token, workspaceId: pro })).valid, true);
  });

  it("every use goes to that workspace's request feed, listed per token, by its owner and by the tenant", async () => {
    const browser = await member({ pro: 'owner', free: 'viewer' });
    const { token, id } = await createToken(browser, ['read:entities']);
    await verify({ key: token, workspaceId: pro, method: 'GET', path: '/v1/entities' });
    await whoami(token, { 'x-workspace-id': free });
    await verify({ key: token }); // workspace_required: no workspace, no row anywhere
    const own = await asBrowser(t, browser, {
      method: 'GET',
      url: `/api/v1/me/tokens/${id}/requests?workspaceId=${pro}`,
    });
    assert.equal(own.statusCode, 200, own.body);
    assert.deepEqual(
      own
        .json()
        .items.map((row: { tenantId: string; path: string; outcome: string }) => [
          row.tenantId,
          row.path,
          row.outcome,
        ]),
      [[pro, '/v1/entities', 'valid']],
    );
    assertProblem(
      await asBrowser(t, browser, { method: 'GET', url: `/api/v1/me/tokens/${id}/requests` }),
      400,
      'workspace_required',
    );
    const feed = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${free}/audit/requests?keyId=${id}`,
    });
    assert.deepEqual(
      feed
        .json()
        .items.map((row: { credentialType: string; path: string }) => [row.credentialType, row.path]),
      [['personal_token', '/api/v1/whoami']],
    );
    const listed = await asBrowser(t, browser, { method: 'GET', url: `/api/v1/me/tokens/${id}` });
    assert.ok(listed.json().lastUsedAt);
  });

  it('revoking it, removing the membership or disabling the user refuses it on the next request', async () => {
    const browser = await member({ pro: 'owner', free: 'owner' });
    const first = await createToken(browser, ['read:entities']);
    assert.equal((await verify({ key: first.token, workspaceId: pro })).valid, true);
    const revoked = await asBrowser(t, browser, { method: 'DELETE', url: `/api/v1/me/tokens/${first.id}` });
    assert.equal(revoked.json().status, 'revoked');
    assert.equal((await verify({ key: first.token, workspaceId: pro })).code, 'revoked');
    assertProblem(await whoami(first.token, { 'x-workspace-id': pro }), 401, 'invalid_credential');

    const second = await createToken(browser, ['read:entities']);
    assert.equal((await verify({ key: second.token, workspaceId: free })).valid, true);
    await asPlatform(t, { method: 'DELETE', url: `/api/v1/tenants/${free}/members/${browser.userId}` });
    assert.equal((await verify({ key: second.token, workspaceId: free })).code, 'workspace_not_allowed');
    // With one membership left, the workspace may be omitted again.
    assert.equal((await verify({ key: second.token })).tenantId, pro);

    await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/users/${browser.userId}`,
      payload: { status: 'disabled' },
    });
    assert.equal((await verify({ key: second.token })).code, 'revoked');
  });

  it('a mistyped token is malformed without a lookup; an unknown one not_found', async () => {
    const browser = await member({ pro: 'owner' });
    const { token } = await createToken(browser, ['read:entities']);
    assert.equal(
      (await verify({ key: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).code,
      'malformed',
    );
    await asBrowser(t, browser, { method: 'GET', url: '/api/v1/me/tokens' });
  });

  it('token created and revoked are audited with the user, address and user agent', async () => {
    const browser = await member({ pro: 'owner' });
    const { id } = await createToken(browser, ['read:entities']);
    await asBrowser(t, browser, { method: 'DELETE', url: `/api/v1/me/tokens/${id}` });
    const rows = (
      await asPlatform(t, {
        method: 'GET',
        url: '/api/v1/platform/audit/activity?tenantId=platform&limit=100',
      })
    )
      .json()
      .items.filter((row: { target: { id: string } }) => row.target.id === id);
    assert.deepEqual(rows.map((row: { action: string }) => row.action).sort(), [
      'personal_token.created',
      'personal_token.revoked',
    ]);
    for (const row of rows)
      assert.deepEqual(row.actor, { type: 'user', id: browser.userId, ip: '127.0.0.1' });
  });
});
