import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ApiResponse, call } from '../server.ts';
import { assertServesVocabulary, exampleServer, readExample, TAIL } from './support.ts';

// Seed 003 on examples/configs/workspace.json: a user creates a personal access token in Settings → API Keys,
// sends it as `Authorization: Bearer sk_live_…` with `x-workspace-id`, and revokes it; the only scheme is Bearer.

describe('examples/configs/workspace.json (seed 003)', () => {
  const config = readExample('workspace.json');
  const { server, asPlatform } = exampleServer('workspace.json');
  const verify = (key: string, workspaceId: string | undefined, scopes?: string[]) =>
    asPlatform('POST', '/api/v1/verify', {
      key,
      ...(workspaceId ? { workspaceId } : {}),
      ...(scopes ? { scopes } : {}),
    });
  const whoami = (auth: string, workspaceId?: string) =>
    call(server(), 'GET', '/api/v1/whoami', {
      auth,
      headers: workspaceId ? { 'x-workspace-id': workspaceId } : {},
    });
  const user = { externalId: 'synap-7', email: 'ada@synap.example', name: 'Ada' };
  let workspace: string;
  let cookie: string;
  let csrfToken: string;
  let token: string;
  let tokenId: string;
  /** What the console sends: the cookie, and on a state change its origin, X-Requested-With and the CSRF token. */
  const asConsole = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    call(server(), method, path, {
      body,
      headers:
        method === 'GET'
          ? { cookie }
          : { cookie, origin: server().url, 'x-requested-with': 'XMLHttpRequest', 'x-csrf-token': csrfToken },
    });

  it('serves the hub-protocol vocabulary and the pod tiers', async () => {
    await assertServesVocabulary(server(), config);
  });

  it('a handed-off user creates a personal token with hub-protocol.read and uses it with x-workspace-id', async () => {
    workspace = (await asPlatform('POST', '/api/v1/tenants', { name: 'Synap pod' })).body.id;
    const handoff = await asPlatform('POST', `/api/v1/tenants/${workspace}/console-sessions`, {
      user,
      role: 'owner',
    });
    assert.equal(handoff.status, 201, handoff.text);
    const opened = await fetch(handoff.body.url, { redirect: 'manual' });
    assert.equal(opened.status, 303);
    cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const session = await asConsole('GET', '/api/v1/session');
    assert.equal(session.status, 200, session.text);
    csrfToken = session.body.csrfToken;

    const created = await asConsole('POST', '/api/v1/me/tokens', {
      name: 'n8n automation',
      scopes: ['hub-protocol.read'],
    });
    assert.equal(created.status, 201, created.text);
    token = created.body.token;
    tokenId = created.body.id;
    assert.match(token, new RegExp(`^sk_live_${TAIL}$`), 'the seed shows personal tokens as sk_live_…');

    const me = await whoami(`Bearer ${token}`, workspace);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.credentialType, 'personal_token');
    assert.equal(me.body.tenantId, workspace);
    assert.deepEqual(me.body.scopes, ['hub-protocol.read']);

    const read = await verify(token, workspace, ['hub-protocol.read']);
    assert.equal(read.body.valid, true, read.text);
    for (const scope of ['hub-protocol.write', 'write:entities', 'chat.stream']) {
      const refused = await verify(token, workspace, [scope]);
      assert.equal(refused.body.valid, false, scope);
      assert.equal(refused.body.code, 'insufficient_scope', scope);
    }
  });

  it('hub-protocol.read does not stand in for read:entities (direct SDK reads)', async () => {
    const refused = await verify(token, workspace, ['read:entities']);
    assert.equal(refused.body.valid, false, refused.text);
    assert.equal(refused.body.code, 'insufficient_scope');
    assert.deepEqual(refused.body.missingScopes, ['read:entities']);
  });

  it('only the Bearer scheme is accepted: ApiKey is refused for tokens and keys alike', async () => {
    assert.deepEqual(config.credentials.authorizationSchemes, ['Bearer']);
    const apiKeyScheme = await whoami(`ApiKey ${token}`, workspace);
    assert.equal(apiKeyScheme.status, 401, apiKeyScheme.text);
    assert.equal(apiKeyScheme.body.code, 'invalid_credential');

    const key = await asPlatform('POST', `/api/v1/tenants/${workspace}/keys`, {
      name: 'Pod pipeline',
      scopes: ['read:entities'],
    });
    assert.equal(key.status, 201, key.text);
    assert.match(key.body.key, new RegExp(`^wrk_live_${TAIL}$`));
    assert.equal((await whoami(`ApiKey ${key.body.key}`)).status, 401);
    const bearer = await whoami(`Bearer ${key.body.key}`);
    assert.equal(bearer.status, 200, bearer.text);
    assert.equal(bearer.body.credentialType, 'api_key');
  });

  it('a user in two workspaces must name one: none is workspace_required, a stranger workspace_not_allowed', async () => {
    const second = (await asPlatform('POST', '/api/v1/tenants', { name: 'Side pod' })).body.id;
    const joined = await asPlatform('POST', `/api/v1/tenants/${second}/console-sessions`, {
      user,
      role: 'developer',
    });
    assert.equal(joined.status, 201, joined.text);
    const stranger = (await asPlatform('POST', '/api/v1/tenants', { name: 'Someone else’s pod' })).body.id;

    const unnamed = await whoami(`Bearer ${token}`);
    assert.equal(unnamed.status, 400, unnamed.text);
    assert.equal(unnamed.body.code, 'workspace_required');
    assert.equal((await verify(token, undefined)).body.code, 'workspace_required');

    const refused = await whoami(`Bearer ${token}`, stranger);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'workspace_not_allowed');
    assert.equal((await verify(token, stranger)).body.code, 'workspace_not_allowed');

    const named = await whoami(`Bearer ${token}`, second);
    assert.equal(named.status, 200, named.text);
    assert.equal(named.body.tenantId, second);
  });

  it('revoking a personal token stops it at once', async () => {
    assert.equal((await whoami(`Bearer ${token}`, workspace)).status, 200);
    const revoked = await asConsole('DELETE', `/api/v1/me/tokens/${tokenId}`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.body.status, 'revoked');
    const me = await whoami(`Bearer ${token}`, workspace);
    assert.equal(me.status, 401, me.text);
    assert.equal(me.body.code, 'invalid_credential');
    const verified = await verify(token, workspace, ['hub-protocol.read']);
    assert.equal(verified.body.valid, false);
    assert.equal(verified.body.code, 'revoked');
  });
});
