import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem, type KeyView, keysUrl, mistyped, unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const setPlan = async (tenantId: string, plan: string) => {
  const response = await asPlatform(t, {
    method: 'PATCH',
    url: `/api/v1/tenants/${tenantId}`,
    payload: { plan },
  });
  assert.equal(response.statusCode, 200);
};
const verifyRaw = (payload: string | object) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
    payload,
  });
/** Effective scopes are a set; their order is not part of the answer. */
const sorted = (scopes: unknown) => [...(scopes as string[])].sort();

describe('verify: happy', () => {
  it('a valid secret key: tenant, key, mode, type, effective scopes and the rate-limit state', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const { id, key } = await createKey(t, tenantId);
    assert.deepEqual(await verify(t, { key, method: 'GET', path: '/bookings' }), {
      valid: true,
      credentialType: 'api_key',
      tenantId,
      keyId: id,
      mode: 'live',
      type: 'secret',
      scopes: [
        'tenant:profile:read',
        'bookings:discovery:read',
        'bookings:read',
        'events:read',
        'read:entities',
      ],
      ratelimit: { limit: 60, remaining: 59, resetSeconds: 1 },
      meta: null,
      externalId: null,
    });
  });

  it('a plan downgrade narrows effective scopes, an upgrade re-lights them; the stored list never changes', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const scopes = ['bookings:write', 'read:conversions'];
    const { id, key } = await createKey(t, tenantId, { type: 'restricted', scopes });
    const onPro = await verify(t, { key, scopes: ['read:conversions'] });
    assert.deepEqual(sorted(onPro.scopes), ['bookings:read', 'bookings:write', 'read:conversions']);

    await setPlan(tenantId, 'free');
    const onFree = await verify(t, { key });
    assert.deepEqual([onFree.valid, onFree.scopes], [true, ['bookings:read']]);
    const refused = await verify(t, { key, scopes: ['bookings:read', 'read:conversions'] });
    assert.partialDeepStrictEqual(refused, { valid: false, code: 'insufficient_scope', tenantId, keyId: id });
    assert.deepEqual(refused.missingScopes, ['read:conversions']);
    assert.partialDeepStrictEqual(refused.ratelimit, { limit: 60 }, "the free plan's limit applies now");
    const stored = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${id}` });
    assert.deepEqual(stored.json<KeyView>().scopes, scopes);

    await setPlan(tenantId, 'pro');
    assert.deepEqual(
      sorted((await verify(t, { key, scopes: ['read:conversions'] })).scopes),
      sorted(onPro.scopes),
    );
  });

  it('hub-protocol.read implies read:entities', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const { key } = await createKey(t, tenantId, { type: 'restricted', scopes: ['hub-protocol.read'] });
    const result = await verify(t, { key, scopes: ['read:entities'] });
    assert.deepEqual([result.valid, sorted(result.scopes)], [true, ['hub-protocol.read', 'read:entities']]);
    assert.deepEqual((await verify(t, { key, scopes: ['write:entities'] })).missingScopes, [
      'write:entities',
    ]);
  });
});

describe('verify: error', () => {
  it('a key with one character changed is malformed (checksum), a well-formed unknown key not_found', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId);
    assert.deepEqual(await verify(t, { key: mistyped(key) }), { valid: false, code: 'malformed' });
    for (const junk of ['', 'sk_live_', 'not a key', `${key}x`, key.replace('sk_', 'zz_')]) {
      assert.deepEqual(await verify(t, { key: junk }), { valid: false, code: 'malformed' }, junk);
    }
    assert.deepEqual(await verify(t, { key: unknownKey('sk') }), { valid: false, code: 'not_found' });
    assert.equal((await verify(t, { key })).valid, true, 'the original still verifies');
  });

  it('a key is expired once the clock passes expiresAt', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId, {
      expiresAt: new Date(t.clock.now() + 60_000).toISOString(),
    });
    t.clock.advance(59_999);
    assert.equal((await verify(t, { key })).valid, true);
    t.clock.advance(1);
    assert.partialDeepStrictEqual(await verify(t, { key }), { valid: false, code: 'expired' });
  });

  it('an IP allowlist refuses other addresses and a missing ip', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId, { ipAllowlist: ['10.0.0.0/8'] });
    assert.equal((await verify(t, { key, ip: '10.20.30.40' })).valid, true);
    assert.partialDeepStrictEqual(await verify(t, { key, ip: '192.168.1.1' }), {
      valid: false,
      code: 'ip_not_allowed',
    });
    assert.partialDeepStrictEqual(await verify(t, { key }), { valid: false, code: 'ip_not_allowed' });
  });

  it("rate limited after the plan's requests per minute (free: 60) in one instant, allowed again later", async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const { key } = await createKey(t, tenantId);
    for (let i = 0; i < 60; i++) assert.equal((await verify(t, { key })).valid, true, `call ${i + 1}`);
    assert.partialDeepStrictEqual(await verify(t, { key }), {
      valid: false,
      code: 'rate_limited',
      retryAfterSeconds: 1,
      ratelimit: { limit: 60, remaining: 0 },
    });
    t.clock.advance(1000);
    assert.partialDeepStrictEqual(await verify(t, { key }), { valid: true, ratelimit: { remaining: 0 } });
    assert.equal((await verify(t, { key })).code, 'rate_limited');
  });

  it('bad bodies are 4xx problems, never 500', async () => {
    const { key } = await createKey(t, await createTenant(t));
    for (const body of [
      {},
      { key: 42 },
      { key, extra: true },
      { key, ip: 'localhost' },
      { key, scopes: ['bad scope!'] },
      { key, method: 'GET /x' },
      { key: 'k'.repeat(5000) },
    ]) {
      assertProblem(await verifyRaw(body), 422, 'validation_failed');
    }
    assertProblem(await verifyRaw('{"key":'), 400, 'bad_request');
  });
});

describe('verify: security', () => {
  securityCases(() => t, {
    method: 'POST',
    path: '/api/v1/verify',
    url: async () => '/api/v1/verify',
    body: { key: unknownKey('sk') },
    okStatus: 200,
    permission: 'verify',
  });
});
