import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ApiResponse,
  call,
  firstPlatformKey,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

// Seed 003's story against the real process: an operator signed in by the platform (the hand-off) or with a
// password opens Settings → API Keys, creates a personal token with the scopes an AI assistant needs, sees it
// once, uses it as `Authorization: Bearer pat_live_…` with `x-workspace-id`, reads its activity, and revokes it.
describe('personal access tokens, end to end (seed 003)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let platform: string;
  let workspace: string;
  let second: string;
  let cookie: string;
  let csrfToken: string;
  let token: string;
  let tokenId: string;

  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { auth: `Bearer ${platform}`, body });
  /** What the console sends: the cookie, and on a state change its origin, X-Requested-With and the CSRF token. */
  const asConsole = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    call(server, method, path, {
      body,
      headers:
        method === 'GET'
          ? { cookie }
          : { cookie, origin: server.url, 'x-requested-with': 'XMLHttpRequest', 'x-csrf-token': csrfToken },
    });
  const withToken = (path: string, headers: Record<string, string> = {}) =>
    call(server, 'GET', path, { auth: `Bearer ${token}`, headers });

  before(async () => {
    dataDir = await makeTempDir('pat');
    server = await startServer(dataDir);
    platform = firstPlatformKey(server) as string;
    assert.ok(platform);
    workspace = (await asPlatform('POST', '/api/v1/tenants', { name: 'Synap pod', plan: 'pro' })).body.id;
    second = (await asPlatform('POST', '/api/v1/tenants', { name: 'Side project', plan: 'free' })).body.id;
  });
  after(async () => {
    await server?.stop();
    await removeDir(dataDir);
  });

  it('the platform hands its signed-in operator over: a single-use URL, a 303 into /console with the cookie', async () => {
    const handoff = await asPlatform('POST', `/api/v1/tenants/${workspace}/console-sessions`, {
      user: { externalId: 'synap-42', email: 'ops@synap.example', name: 'Ops' },
      role: 'owner',
    });
    assert.equal(handoff.status, 201, handoff.text);
    const opened = await fetch(handoff.body.url, { redirect: 'manual' });
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.get('location'), `/console?workspace=${workspace}`);
    const setCookie = opened.headers.get('set-cookie') ?? '';
    assert.match(
      setCookie,
      /^__Host-portcullis_session=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    cookie = setCookie.split(';')[0] as string;
    assert.equal((await fetch(handoff.body.url, { redirect: 'manual' })).status, 404, 'used once');
    const session = await asConsole('GET', '/api/v1/session');
    assert.equal(session.status, 200, session.text);
    csrfToken = session.body.csrfToken;
    assert.deepEqual(
      session.body.memberships.map((m: { tenantId: string; role: string }) => [m.tenantId, m.role]),
      [[workspace, 'owner']],
    );
    // A second workspace, where the same person is a viewer.
    const again = await asPlatform('POST', `/api/v1/tenants/${second}/console-sessions`, {
      user: { externalId: 'synap-42', email: 'ops@synap.example', name: 'Ops' },
      role: 'viewer',
    });
    assert.equal(again.status, 201);
  });

  it('Settings → API Keys → New Key: the token is shown once, never listed', async () => {
    const created = await asConsole('POST', '/api/v1/me/tokens', {
      name: 'Claude Code',
      scopes: ['skills.invoke', 'chat.stream', 'read:entities'],
    });
    assert.equal(created.status, 201, created.text);
    token = created.body.token;
    tokenId = created.body.id;
    assert.match(token, /^pat_live_[0-9A-Za-z]{30}$/);
    const listed = await asConsole('GET', '/api/v1/me/tokens');
    assert.equal(listed.body.items[0].id, tokenId);
    assert.equal(listed.text.includes(token), false);
    // Without the console's headers, the same request from another site is refused.
    const forged = await call(server, 'POST', '/api/v1/me/tokens', {
      body: { name: 'forged', scopes: ['read:entities'] },
      headers: {
        cookie,
        origin: 'https://evil.example',
        'x-requested-with': 'XMLHttpRequest',
        'x-csrf-token': csrfToken,
      },
    });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'csrf_refused');
  });

  it('used as Bearer with x-workspace-id; two workspaces and none named is 400, a stranger 403', async () => {
    const owner = await withToken('/api/v1/whoami', { 'x-workspace-id': workspace });
    assert.equal(owner.status, 200, owner.text);
    assert.equal(owner.body.credentialType, 'personal_token');
    assert.deepEqual(owner.body.scopes.sort(), ['chat.stream', 'read:entities', 'skills.invoke']);
    const viewer = await withToken('/api/v1/whoami', { 'x-workspace-id': second });
    assert.deepEqual(
      viewer.body.scopes,
      ['read:entities'],
      'a viewer on the free plan: read scopes it entitles',
    );
    const unnamed = await withToken('/api/v1/whoami');
    assert.equal(unnamed.status, 400);
    assert.equal(unnamed.body.code, 'workspace_required');
    const stranger = (await asPlatform('POST', '/api/v1/tenants', { name: 'Stranger' })).body.id;
    const refused = await withToken('/api/v1/whoami', { 'x-workspace-id': stranger });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'workspace_not_allowed');

    const verified = await asPlatform('POST', '/api/v1/verify', {
      key: token,
      workspaceId: workspace,
      scopes: ['chat.stream'],
      method: 'POST',
      path: '/api/external/chat/stream',
    });
    assert.equal(verified.body.valid, true, verified.text);
    assert.equal(verified.body.credentialType, 'personal_token');
    assert.equal(verified.body.tenantId, workspace);
    assert.equal(verified.body.tokenId, tokenId);
    assert.ok(verified.body.userId.startsWith('usr_'));
  });

  it('Settings → API Keys → Activity: every use, in that workspace, per token', async () => {
    const own = await asConsole('GET', `/api/v1/me/tokens/${tokenId}/requests?workspaceId=${workspace}`);
    assert.equal(own.status, 200, own.text);
    const paths = own.body.items.map((row: { path: string }) => row.path);
    // Its calls in the other workspace are in that one's feed; unnamed or refused ones in none.
    assert.deepEqual(paths, ['/api/external/chat/stream', '/api/v1/whoami']);
    const tenantFeed = await asPlatform(
      'GET',
      `/api/v1/tenants/${workspace}/audit/requests?keyId=${tokenId}`,
    );
    assert.equal(tenantFeed.body.items.length, 2);
    const other = await asPlatform('GET', `/api/v1/tenants/${second}/audit/requests?keyId=${tokenId}`);
    assert.equal(other.body.items.length, 1);
  });

  it('revoked, it is refused on the next request (401); the password sign-in works too', async () => {
    const revoked = await asConsole('DELETE', `/api/v1/me/tokens/${tokenId}`);
    assert.equal(revoked.body.status, 'revoked');
    assert.equal((await withToken('/api/v1/whoami', { 'x-workspace-id': workspace })).status, 401);
    const verified = await asPlatform('POST', '/api/v1/verify', { key: token, workspaceId: workspace });
    assert.equal(verified.body.code, 'revoked');

    const user = await asPlatform('POST', '/api/v1/users', {
      email: 'dev@synap.example',
      name: 'Dev',
      password: 'a long enough password',
    });
    await asPlatform('POST', `/api/v1/tenants/${workspace}/members`, {
      userId: user.body.id,
      role: 'developer',
    });
    const signedIn = await call(server, 'POST', '/api/v1/session', {
      body: { email: 'dev@synap.example', password: 'a long enough password' },
      headers: { origin: server.url },
    });
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.match(signedIn.headers.get('set-cookie') ?? '', /^__Host-portcullis_session=/);
    const signOut = await call(server, 'DELETE', '/api/v1/session', {
      headers: {
        cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string,
        origin: server.url,
        'x-requested-with': 'XMLHttpRequest',
        'x-csrf-token': signedIn.body.csrfToken,
      },
    });
    assert.equal(signOut.status, 204);
  });
});
