import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type ApiResponse,
  call,
  firstPlatformKey,
  makeTempDir,
  ROOT,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

// Each example config under examples/configs/ started in the real server process, serving its seed's
// vocabulary and plans, and that platform's story from its seed told through the public HTTP API.

const CONFIGS = join(ROOT, 'examples/configs');

interface ExampleConfig {
  scopes: Array<{ name: string; implies?: string[] }>;
  plans: Array<{ id: string; scopes: string[]; maxActiveKeys?: number; requestsPerMinute: number }>;
  defaultPlan: string;
}

function readExample(name: string): ExampleConfig {
  return JSON.parse(readFileSync(join(CONFIGS, name), 'utf8')) as ExampleConfig;
}

/** Starts a fresh server on `name`'s config; gives it, its first platform key and a stop for `after`. */
function exampleServer(name: string) {
  const state = { server: undefined as ServerProcess | undefined, platform: '', dataDir: '' };
  before(async () => {
    state.dataDir = await makeTempDir(`example-${name.replace('.json', '')}`);
    state.server = await startServer(state.dataDir, { PORTCULLIS_CONFIG: join(CONFIGS, name) });
    state.platform = firstPlatformKey(state.server) as string;
    assert.ok(state.platform, 'the first start wrote a platform key');
  });
  after(async () => {
    await state.server?.stop();
    await removeDir(state.dataDir);
  });
  return state;
}

/** `/api/v1/scopes` and `/api/v1/plans` serve exactly the file's vocabulary and plans. */
async function assertServesVocabulary(server: ServerProcess, config: ExampleConfig): Promise<void> {
  const scopes = await call(server, 'GET', '/api/v1/scopes');
  assert.equal(scopes.status, 200, scopes.text);
  assert.deepEqual(
    scopes.body.items.map((scope: { name: string }) => scope.name).sort(),
    config.scopes.map((scope) => scope.name).sort(),
  );
  const plans = await call(server, 'GET', '/api/v1/plans');
  assert.equal(plans.status, 200, plans.text);
  assert.deepEqual(
    plans.body.items.map((plan: { id: string; scopes: string[]; requestsPerMinute: number }) => [
      plan.id,
      plan.scopes,
      plan.requestsPerMinute,
    ]),
    config.plans.map((plan) => [plan.id, plan.scopes, plan.requestsPerMinute]),
  );
}

async function clientToken(server: ServerProcess, clientId: string, secret: string): Promise<ApiResponse> {
  const response = await fetch(`${server.url}/api/v1/platform/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}

describe('examples/configs/bookings.json (seeds 000 and 002)', () => {
  const config = readExample('bookings.json');
  const state = exampleServer('bookings.json');
  const server = () => state.server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server(), method, path, { auth: `Bearer ${state.platform}`, body });
  let tenantId: string;

  it('serves the bookings vocabulary and the starter and premium plans', async () => {
    await assertServesVocabulary(server(), config);
    for (const scope of [
      'tenant:profile:read',
      'bookings:discovery:read',
      'webhooks:manage',
      'checkins:write',
    ]) {
      assert.ok(
        config.scopes.some((entry) => entry.name === scope),
        scope,
      );
    }
  });

  it('a club registers an app and a machine client: id and secret once, 1-hour tokens, rotation, suspension', async () => {
    const tenant = await asPlatform('POST', '/api/v1/tenants', {
      name: 'Riverside Tennis Club',
      plan: 'premium',
    });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const app = await asPlatform('POST', `/api/v1/tenants/${tenantId}/apps`, {
      name: 'Court display',
      allowedOrigins: ['https://display.example'],
    });
    assert.equal(app.status, 201, app.text);

    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'Reporting dashboard',
      appId: app.body.id,
      scopes: ['customers:read', 'bookings:read'],
      mode: 'live',
    });
    assert.equal(created.status, 201, created.text);
    const clientId: string = created.body.client_id;
    const firstSecret: string = created.body.client_secret;
    assert.match(firstSecret, /^cs_live_/);
    const shown = await asPlatform('GET', `/api/v1/tenants/${tenantId}/clients/${clientId}`);
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.text.includes(firstSecret), false, 'the secret is shown once');

    const token = await clientToken(server(), clientId, firstSecret);
    assert.equal(token.status, 200, token.text);
    assert.equal(token.body.expires_in, 3600, 'every access token expires after 1 hour');
    assert.equal(token.body.refresh_token, undefined, 'no refresh token');
    const me = await call(server(), 'GET', '/api/v1/whoami', { auth: `Bearer ${token.body.access_token}` });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual([...me.body.scopes].sort(), ['bookings:read', 'customers:read']);

    const rotated = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients/${clientId}/rotate-secret`);
    assert.equal(rotated.status, 200, rotated.text);
    assert.equal(rotated.body.client_id, clientId, 'the client id does not change');
    assert.notEqual(rotated.body.client_secret, firstSecret);
    assert.equal(
      (await clientToken(server(), clientId, firstSecret)).status,
      401,
      'the old secret is refused',
    );
    assert.equal((await clientToken(server(), clientId, rotated.body.client_secret)).status, 200);
    const stillValid = await asPlatform('POST', '/api/v1/verify', { key: token.body.access_token });
    assert.equal(stillValid.body.valid, true, 'existing tokens stay valid until they expire');

    const suspended = await asPlatform('PATCH', `/api/v1/tenants/${tenantId}/clients/${clientId}`, {
      status: 'suspended',
    });
    assert.equal(suspended.status, 200, suspended.text);
    assert.equal(suspended.body.status, 'suspended');
    assert.equal((await clientToken(server(), clientId, rotated.body.client_secret)).status, 401);
  });

  it('a restricted key for discovery verifies; a scope the plan lacks is plan_required', async () => {
    const key = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'Public search',
      type: 'restricted',
      mode: 'live',
      scopes: ['bookings:discovery:read'],
    });
    assert.equal(key.status, 201, key.text);
    assert.match(key.body.key, /^rk_live_/);
    const verified = await asPlatform('POST', '/api/v1/verify', {
      key: key.body.key,
      scopes: ['bookings:discovery:read'],
    });
    assert.equal(verified.body.valid, true, verified.text);
    const narrow = await asPlatform('POST', '/api/v1/verify', {
      key: key.body.key,
      scopes: ['bookings:write'],
    });
    assert.equal(narrow.body.valid, false);
    assert.equal(narrow.body.code, 'insufficient_scope');

    const starter = await asPlatform('POST', '/api/v1/tenants', { name: 'Village Hall' });
    assert.equal(starter.body.plan, 'starter', 'the default plan');
    const refused = await asPlatform('POST', `/api/v1/tenants/${starter.body.id}/keys`, {
      name: 'Check-in kiosk',
      type: 'restricted',
      mode: 'live',
      scopes: ['checkins:write'],
    });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'plan_required');
    assert.deepEqual(refused.body.plans, ['premium']);
  });
});

describe('examples/configs/analytics.json (seed 001)', () => {
  const config = readExample('analytics.json');
  const state = exampleServer('analytics.json');
  const server = () => state.server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server(), method, path, { auth: `Bearer ${state.platform}`, body });
  const createKey = (tenantId: string, body: Record<string, unknown>) =>
    asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, { type: 'restricted', mode: 'live', ...body });
  let tenantId: string;
  const created: string[] = [];

  it('serves the mcp/read/search vocabulary and the Starter, Pro and Scale plans', async () => {
    await assertServesVocabulary(server(), config);
  });

  it('on the starter plan an MCP key is plan_required, naming Pro and Scale', async () => {
    const starter = await asPlatform('POST', '/api/v1/tenants', { name: 'Hobby affiliate' });
    assert.equal(starter.status, 201, starter.text);
    const refused = await createKey(starter.body.id, { name: 'MCP', scopes: ['mcp:*'] });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'plan_required');
    assert.deepEqual(refused.body.plans, ['pro', 'scale']);
    const read = await createKey(starter.body.id, { name: 'Reports', scopes: ['read:reports'] });
    assert.equal(read.body.code, 'plan_required', 'read:* is gated too');
  });

  it('on Pro: an MCP key syx_live_…, a read-only key scoped to conversions, ApiKey on whoami', async () => {
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Media buyer', plan: 'pro' });
    tenantId = tenant.body.id;
    const mcp = await createKey(tenantId, { name: 'Claude MCP', scopes: ['mcp:*'] });
    assert.equal(mcp.status, 201, mcp.text);
    assert.match(mcp.body.key, /^syx_live_[0-9A-Za-z]{30}$/);
    assert.equal(mcp.body.displayPrefix, mcp.body.key.slice(0, 12));
    assert.match(mcp.body.displayPrefix, /^syx_live_[0-9A-Za-z]{3}$/);
    created.push(mcp.body.id);

    const readOnly = await createKey(tenantId, {
      name: 'Conversions dashboard',
      scopes: ['read:conversions', 'search:conversions'],
    });
    assert.equal(readOnly.status, 201, readOnly.text);
    created.push(readOnly.body.id);
    const key: string = readOnly.body.key;
    for (const scope of ['read:conversions', 'search:conversions']) {
      const verified = await asPlatform('POST', '/api/v1/verify', { key, scopes: [scope] });
      assert.equal(verified.body.valid, true, `${scope}: ${verified.text}`);
    }
    const clicks = await asPlatform('POST', '/api/v1/verify', { key, scopes: ['read:clicks'] });
    assert.equal(clicks.body.valid, false);
    assert.equal(clicks.body.code, 'insufficient_scope');

    const me = await call(server(), 'GET', '/api/v1/whoami', { auth: `ApiKey ${key}` });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual([...me.body.scopes].sort(), ['read:conversions', 'search:conversions']);
    const bearer = await call(server(), 'GET', '/api/v1/whoami', { auth: `Bearer ${key}` });
    assert.equal(bearer.status, 401, 'Bearer is reserved for session JWTs');
  });

  it('up to 25 active keys: the 26th is key_limit_reached', async () => {
    const limit = config.plans.find((plan) => plan.id === 'pro')?.maxActiveKeys;
    assert.equal(limit, 25);
    while (created.length < 25) {
      const key = await createKey(tenantId, { name: `Key ${created.length + 1}`, scopes: ['read:stats'] });
      assert.equal(key.status, 201, key.text);
      created.push(key.body.id);
    }
    const over = await createKey(tenantId, { name: 'Key 26', scopes: ['read:stats'] });
    assert.equal(over.status, 409, over.text);
    assert.equal(over.body.code, 'key_limit_reached');
    const revoked = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/keys/${created.at(-1)}`);
    assert.equal(revoked.status, 200, revoked.text);
    const again = await createKey(tenantId, { name: 'Key 26', scopes: ['read:stats'] });
    assert.equal(again.status, 201, 'revoking frees a slot');
  });
});

describe('examples/configs/workspace.json (seed 003)', () => {
  const config = readExample('workspace.json');
  const state = exampleServer('workspace.json');
  const server = () => state.server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server(), method, path, { auth: `Bearer ${state.platform}`, body });

  it('serves the hub-protocol vocabulary and the pod tiers', async () => {
    await assertServesVocabulary(server(), config);
  });

  it('a handed-off user creates a personal token with hub-protocol.read and uses it with x-workspace-id', async () => {
    const workspace = (await asPlatform('POST', '/api/v1/tenants', { name: 'Synap pod' })).body.id;
    const handoff = await asPlatform('POST', `/api/v1/tenants/${workspace}/console-sessions`, {
      user: { externalId: 'synap-7', email: 'ada@synap.example', name: 'Ada' },
      role: 'owner',
    });
    assert.equal(handoff.status, 201, handoff.text);
    const opened = await fetch(handoff.body.url, { redirect: 'manual' });
    assert.equal(opened.status, 303);
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const session = await call(server(), 'GET', '/api/v1/session', { headers: { cookie } });
    assert.equal(session.status, 200, session.text);

    const created = await call(server(), 'POST', '/api/v1/me/tokens', {
      body: { name: 'n8n automation', scopes: ['hub-protocol.read'] },
      headers: {
        cookie,
        origin: server().url,
        'x-requested-with': 'XMLHttpRequest',
        'x-csrf-token': session.body.csrfToken,
      },
    });
    assert.equal(created.status, 201, created.text);
    const token: string = created.body.token;
    assert.match(token, /^sk_live_[0-9A-Za-z]{30}$/, 'the seed shows personal tokens as sk_live_…');

    const me = await call(server(), 'GET', '/api/v1/whoami', {
      auth: `Bearer ${token}`,
      headers: { 'x-workspace-id': workspace },
    });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.credentialType, 'personal_token');
    assert.equal(me.body.tenantId, workspace);
    assert.deepEqual(me.body.scopes, ['hub-protocol.read']);

    const read = await asPlatform('POST', '/api/v1/verify', {
      key: token,
      workspaceId: workspace,
      scopes: ['hub-protocol.read'],
    });
    assert.equal(read.body.valid, true, read.text);
    for (const scope of ['hub-protocol.write', 'write:entities', 'chat.stream']) {
      const refused = await asPlatform('POST', '/api/v1/verify', {
        key: token,
        workspaceId: workspace,
        scopes: [scope],
      });
      assert.equal(refused.body.valid, false, scope);
      assert.equal(refused.body.code, 'insufficient_scope', scope);
    }
  });
});
