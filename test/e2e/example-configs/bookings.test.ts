import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, clientToken } from '../server.ts';
import { assertServesVocabulary, exampleServer, readExample, TAIL } from './support.ts';

// Seeds 000 and 002 on examples/configs/bookings.json: a club registers apps, issues secret and restricted
// keys in live and test mode, and runs machine clients through their lifecycle (seed 002's table).

describe('examples/configs/bookings.json (seeds 000 and 002)', () => {
  const config = readExample('bookings.json');
  const { server, asPlatform } = exampleServer('bookings.json');
  const verify = (key: string, scopes?: string[]) =>
    asPlatform('POST', '/api/v1/verify', scopes ? { key, scopes } : { key });
  let tenantId: string;
  let appId: string;
  /** The reporting dashboard's client, suspended at the end of its first step. */
  let clientId: string;
  let clientSecret: string;

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

  it('public discovery: /llms.txt and /api/v1/scopes answer without any credential', async () => {
    const llms = await call(server(), 'GET', '/llms.txt');
    assert.equal(llms.status, 200, llms.text);
    assert.match(llms.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(llms.text, /^# /, 'an llms.txt index starts with its H1');
    const scopes = await call(server(), 'GET', '/api/v1/scopes');
    assert.equal(scopes.status, 200, scopes.text);
    const discovery = scopes.body.items.find(
      (scope: { name: string }) => scope.name === 'bookings:discovery:read',
    );
    assert.deepEqual(discovery.plans, ['starter', 'premium']);
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
    appId = app.body.id;

    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'Reporting dashboard',
      appId,
      scopes: ['customers:read', 'bookings:read'],
      mode: 'live',
    });
    assert.equal(created.status, 201, created.text);
    clientId = created.body.client_id;
    const firstSecret: string = created.body.client_secret;
    assert.match(firstSecret, /^cs_live_/);
    assert.equal(created.body.expiresAt, null, 'no expiry set: valid indefinitely');
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
    clientSecret = rotated.body.client_secret;
    assert.equal(
      (await clientToken(server(), clientId, firstSecret)).status,
      401,
      'the old secret is refused',
    );
    assert.equal((await clientToken(server(), clientId, clientSecret)).status, 200);
    const stillValid = await verify(token.body.access_token);
    assert.equal(stillValid.body.valid, true, 'existing tokens stay valid until they expire');

    const suspended = await asPlatform('PATCH', `/api/v1/tenants/${tenantId}/clients/${clientId}`, {
      status: 'suspended',
    });
    assert.equal(suspended.status, 200, suspended.text);
    assert.equal(suspended.body.status, 'suspended');
    assert.equal((await clientToken(server(), clientId, clientSecret)).status, 401);
  });

  it('a suspended client is re-activated and gets tokens again', async () => {
    const resumed = await asPlatform('PATCH', `/api/v1/tenants/${tenantId}/clients/${clientId}`, {
      status: 'active',
    });
    assert.equal(resumed.status, 200, resumed.text);
    assert.equal(resumed.body.status, 'active');
    const token = await clientToken(server(), clientId, clientSecret);
    assert.equal(token.status, 200, token.text);
    const me = await call(server(), 'GET', '/api/v1/whoami', { auth: `Bearer ${token.body.access_token}` });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.clientId, clientId);
  });

  it('updated scopes: the next token picks them up, an issued token keeps its original scopes', async () => {
    const before = await clientToken(server(), clientId, clientSecret);
    assert.equal(before.status, 200, before.text);
    const updated = await asPlatform('PATCH', `/api/v1/tenants/${tenantId}/clients/${clientId}`, {
      scopes: ['customers:read', 'profile:read', 'profile:write'],
    });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([...updated.body.scopes].sort(), ['customers:read', 'profile:read', 'profile:write']);

    const after = await clientToken(server(), clientId, clientSecret);
    assert.equal(after.status, 200, after.text);
    assert.deepEqual(after.body.scope.split(' ').sort(), ['customers:read', 'profile:read', 'profile:write']);
    const next = await verify(after.body.access_token, ['profile:write']);
    assert.equal(next.body.valid, true, next.text);

    const issued = await verify(before.body.access_token);
    assert.equal(issued.body.valid, true, issued.text);
    assert.deepEqual([...issued.body.scopes].sort(), ['bookings:read', 'customers:read']);
    const notYet = await verify(before.body.access_token, ['profile:write']);
    assert.equal(notYet.body.valid, false);
    assert.equal(notYet.body.code, 'insufficient_scope');
  });

  it('client expiry: expiresInDays sets expiresAt that many days after creation', async () => {
    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'CRM sync (trial)',
      scopes: ['customers:read', 'profile:read', 'profile:write'],
      expiresInDays: 30,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'active');
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
    assert.equal(days, 30);
    const shown = await asPlatform('GET', `/api/v1/tenants/${tenantId}/clients/${created.body.client_id}`);
    assert.equal(shown.body.expiresAt, created.body.expiresAt);
  });

  it('a deleted client is gone: GET is 404 and the token endpoint answers invalid_client', async () => {
    const deleted = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/clients/${clientId}`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(deleted.body.status, 'deleted');
    const shown = await asPlatform('GET', `/api/v1/tenants/${tenantId}/clients/${clientId}`);
    assert.equal(shown.status, 404, shown.text);
    assert.equal(shown.body.code, 'not_found');
    const token = await clientToken(server(), clientId, clientSecret);
    assert.equal(token.status, 401, token.text);
    assert.equal(token.body.error, 'invalid_client');
  });

  it('keys: sk_ and rk_, live and test, each with 30 base62 characters; shown once, never on GET', async () => {
    const shapes = [
      { type: 'secret', mode: 'live', pattern: new RegExp(`^sk_live_${TAIL}$`) },
      { type: 'secret', mode: 'test', pattern: new RegExp(`^sk_test_${TAIL}$`) },
      { type: 'restricted', mode: 'live', pattern: new RegExp(`^rk_live_${TAIL}$`) },
      { type: 'restricted', mode: 'test', pattern: new RegExp(`^rk_test_${TAIL}$`) },
    ];
    for (const { type, mode, pattern } of shapes) {
      const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
        name: `${type} ${mode}`,
        type,
        mode,
        ...(type === 'restricted' ? { scopes: ['bookings:read'] } : {}),
      });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.key, pattern);
      assert.equal(created.body.type, type);
      assert.equal(created.body.mode, mode);
      const shown = await asPlatform('GET', `/api/v1/tenants/${tenantId}/keys/${created.body.id}`);
      assert.equal(shown.status, 200, shown.text);
      assert.equal(shown.body.key, undefined);
      assert.equal(
        shown.text.includes(created.body.key),
        false,
        `${type} ${mode}: the plaintext is not shown again`,
      );
      assert.equal(shown.body.displayPrefix, created.body.key.slice(0, 12));
    }
    const listed = await asPlatform('GET', `/api/v1/tenants/${tenantId}/keys`);
    assert.equal(listed.status, 200, listed.text);
    assert.doesNotMatch(listed.text, new RegExp(`[sr]k_(live|test)_${TAIL}`), 'nor in the list');
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
    const verified = await verify(key.body.key, ['bookings:discovery:read']);
    assert.equal(verified.body.valid, true, verified.text);
    const narrow = await verify(key.body.key, ['bookings:write']);
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

  it('bookings:write implies bookings:read: a key with only the write scope verifies for reads', async () => {
    const key = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'Front desk',
      type: 'restricted',
      mode: 'live',
      scopes: ['bookings:write'],
    });
    assert.equal(key.status, 201, key.text);
    assert.deepEqual(key.body.scopes, ['bookings:write'], 'the stored scopes are the listed ones');
    const read = await verify(key.body.key, ['bookings:read']);
    assert.equal(read.body.valid, true, read.text);
    assert.deepEqual([...read.body.scopes].sort(), ['bookings:read', 'bookings:write']);
    const customers = await verify(key.body.key, ['customers:read']);
    assert.equal(customers.body.code, 'insufficient_scope', 'nothing else is implied');
  });
});
