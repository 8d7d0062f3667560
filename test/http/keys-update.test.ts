import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { activityOf, createKeyPair } from './management-support.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem, type KeyView, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const patch = (tenantId: string, keyId: string, payload: object, headers?: Record<string, string>) =>
  t.app.inject({
    method: 'PATCH',
    url: `${keysUrl(tenantId)}/${keyId}`,
    payload,
    headers: headers ?? { authorization: `Bearer ${t.platformKey}` },
  });
const read = async (tenantId: string, keyId: string) =>
  (await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${keyId}` })).json<KeyView>();

async function restrictedKey(plan = 'pro', body: Record<string, unknown> = {}) {
  const tenantId = await createTenant(t, { plan });
  const created = await createKey(t, tenantId, { type: 'restricted', scopes: ['bookings:read'], ...body });
  return { tenantId, ...created };
}

describe('keys: meta, externalId and rate at creation', () => {
  it('a key carries its meta, external id and rate; verify returns meta and external id', async () => {
    const meta = { customer: 'Acme', tier: 2, flags: { beta: true } };
    const { key, id, tenantId } = await restrictedKey('pro', {
      meta,
      externalId: 'cus_123',
      rateLimit: { requestsPerMinute: 10 },
    });
    assert.partialDeepStrictEqual(await read(tenantId, id), {
      meta,
      externalId: 'cus_123',
      rateLimit: { requestsPerMinute: 10 },
      previousSecretExpiresAt: null,
    });
    const answer = await verify(t, { key });
    assert.partialDeepStrictEqual(answer, { valid: true, meta, externalId: 'cus_123' });
    assert.equal((answer.ratelimit as { limit: number }).limit, 10, 'the key’s rate, not the plan’s 600');
  });

  it('a key without them shows and verifies null', async () => {
    const { key, id, tenantId } = await restrictedKey();
    assert.partialDeepStrictEqual(await read(tenantId, id), {
      meta: null,
      externalId: null,
      rateLimit: null,
    });
    assert.partialDeepStrictEqual(await verify(t, { key }), { valid: true, meta: null, externalId: null });
  });

  it('meta beyond 20 members or 4 KB, an array, a long externalId → 422 naming the field', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    const big = { blob: 'x'.repeat(4100) };
    for (const [body, field] of [
      [{ meta: many }, 'meta'],
      [{ meta: big }, 'meta'],
      [{ meta: [1, 2] }, 'meta'],
      [{ externalId: 'x'.repeat(201) }, 'externalId'],
      [{ rateLimit: { requestsPerMinute: 0 } }, 'rateLimit'],
    ] as const) {
      const response = await asPlatform(t, {
        method: 'POST',
        url: keysUrl(tenantId),
        payload: { name: 'k', ...body },
      });
      assertProblem(response, 422, 'validation_failed');
      assert.ok(response.body.includes(field), `${field}: ${response.body}`);
    }
  });

  it('meta with a number JSON cannot carry, or nested past any real document, → 422; nothing is stored', async () => {
    const { id, tenantId } = await restrictedKey('pro', { meta: { kept: true } });
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const meta of ['{"n":1e400}', '{"n":[-1e999]}', `{"deep":${deep}}`]) {
      for (const [method, url] of [
        ['POST', keysUrl(tenantId)],
        ['PATCH', `${keysUrl(tenantId)}/${id}`],
      ] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${t.platformKey}`, 'content-type': 'application/json' },
          payload: `{"name":"k","meta":${meta}}`,
        });
        assertProblem(response, 422, 'validation_failed');
        assert.match(response.body, /meta/);
      }
    }
    const read = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${id}` });
    assert.deepEqual(read.json<KeyView>().meta, { kept: true });
  });

  it('a rate above the plan’s → 403 plan_required naming the plans that allow it', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const response = await asPlatform(t, {
      method: 'POST',
      url: keysUrl(tenantId),
      payload: { name: 'k', rateLimit: { requestsPerMinute: 100 } },
    });
    const problem = assertProblem(response, 403, 'plan_required');
    assert.deepEqual((problem as unknown as { plans: string[] }).plans, ['pro', 'scale']);
    const none = await asPlatform(t, {
      method: 'POST',
      url: keysUrl(tenantId),
      payload: { name: 'k', rateLimit: { requestsPerMinute: 1_000_000 } },
    });
    assertProblem(none, 422, 'validation_failed');
  });
});

describe('keys: PATCH', () => {
  it('changes name, scopes, expiry, allowlist, meta, external id and rate; verify sees them next', async () => {
    const { key, id, tenantId } = await restrictedKey();
    assert.equal((await verify(t, { key, scopes: ['bookings:write'] })).code, 'insufficient_scope');
    const expiresAt = new Date(t.clock.now() + 86_400_000).toISOString();
    const response = await patch(tenantId, id, {
      name: 'Renamed',
      scopes: ['bookings:read', 'bookings:write'],
      expiresAt,
      ipAllowlist: ['10.0.0.0/8'],
      meta: { team: 'ops' },
      externalId: 'cus_9',
      rateLimit: { requestsPerMinute: 5 },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.partialDeepStrictEqual(response.json<KeyView>(), {
      id,
      name: 'Renamed',
      scopes: ['bookings:read', 'bookings:write'],
      expiresAt,
      ipAllowlist: ['10.0.0.0/8'],
      meta: { team: 'ops' },
      externalId: 'cus_9',
      rateLimit: { requestsPerMinute: 5 },
      status: 'active',
    });
    assert.equal((await verify(t, { key, ip: '192.168.0.1' })).code, 'ip_not_allowed');
    const answer = await verify(t, { key, ip: '10.1.2.3', scopes: ['bookings:write'] });
    assert.partialDeepStrictEqual(answer, { valid: true, meta: { team: 'ops' }, externalId: 'cus_9' });
    assert.equal((answer.ratelimit as { limit: number }).limit, 5);
  });

  it('null clears expiry, allowlist, meta, external id and rate', async () => {
    const expiresAt = new Date(t.clock.now() + 60_000).toISOString();
    const { key, id, tenantId } = await restrictedKey('pro', {
      expiresAt,
      ipAllowlist: ['10.0.0.0/8'],
      meta: { a: 1 },
      externalId: 'x',
      rateLimit: { requestsPerMinute: 3 },
    });
    const cleared = { expiresAt: null, ipAllowlist: null, meta: null, externalId: null, rateLimit: null };
    const response = await patch(tenantId, id, cleared);
    assert.equal(response.statusCode, 200, response.body);
    assert.partialDeepStrictEqual(response.json<KeyView>(), cleared);
    t.clock.advance(120_000);
    const answer = await verify(t, { key, ip: '192.168.0.1' });
    assert.partialDeepStrictEqual(answer, { valid: true, meta: null, externalId: null });
    assert.equal((answer.ratelimit as { limit: number }).limit, 600);
  });

  it('the activity feed records each changed field old → new, and nothing unchanged', async () => {
    const { id, tenantId } = await restrictedKey('pro', { name: 'Before', externalId: 'a' });
    const response = await patch(tenantId, id, { name: 'After', externalId: 'a', meta: { k: 'v' } });
    assert.equal(response.statusCode, 200, response.body);
    const [row] = await activityOf(t, tenantId, 'key.updated');
    assert.ok(row);
    assert.deepEqual(row.target, { type: 'api_key', id });
    assert.deepEqual(row.details.changes, {
      name: { from: 'Before', to: 'After' },
      meta: { from: null, to: { k: 'v' } },
    });
    const again = await patch(tenantId, id, { name: 'After' });
    assert.equal(again.statusCode, 200);
    assert.equal((await activityOf(t, tenantId, 'key.updated')).length, 1, 'no change, no row');
  });

  it("the recorded changes use the API's field names and forms: rateLimit, expiresAt in ISO 8601", async () => {
    const { id, tenantId } = await restrictedKey('pro', { rateLimit: { requestsPerMinute: 3 } });
    const expiresAt = new Date(t.clock.now() + 86_400_000).toISOString();
    const response = await patch(tenantId, id, { expiresAt, rateLimit: { requestsPerMinute: 100 } });
    assert.equal(response.statusCode, 200, response.body);
    const [row] = await activityOf(t, tenantId, 'key.updated');
    assert.deepEqual(row?.details.changes, {
      expiresAt: { from: null, to: expiresAt },
      rateLimit: { from: { requestsPerMinute: 3 }, to: { requestsPerMinute: 100 } },
    });
    assert.partialDeepStrictEqual(response.json<KeyView>(), {
      expiresAt,
      rateLimit: { requestsPerMinute: 100 },
    });
    await patch(tenantId, id, { expiresAt: null, rateLimit: null });
    const [cleared] = await activityOf(t, tenantId, 'key.updated');
    assert.deepEqual(cleared?.details.changes, {
      expiresAt: { from: expiresAt, to: null },
      rateLimit: { from: { requestsPerMinute: 100 }, to: null },
    });
  });

  it('scopes are checked as at creation: outside the plan → 403 plan_required, unknown → 422', async () => {
    const { id, tenantId } = await restrictedKey('free');
    assertProblem(await patch(tenantId, id, { scopes: ['bookings:write'] }), 403, 'plan_required');
    assertProblem(await patch(tenantId, id, { scopes: ['nope:nothing'] }), 422, 'validation_failed');
    assertProblem(await patch(tenantId, id, { scopes: [] }), 422, 'validation_failed');
    assertProblem(await patch(tenantId, id, { rateLimit: { requestsPerMinute: 61 } }), 403, 'plan_required');
    assert.deepEqual((await read(tenantId, id)).scopes, ['bookings:read'], 'nothing changed');
  });

  it('after a downgrade, scopes and rate sent back unchanged pass; only what changes is checked against the plan', async () => {
    const { id, tenantId, key } = await restrictedKey('pro', {
      scopes: ['bookings:write'],
      rateLimit: { requestsPerMinute: 100 },
    });
    const downgraded = await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/tenants/${tenantId}`,
      payload: { plan: 'free' },
    });
    assert.equal(downgraded.statusCode, 200, downgraded.body);
    const unchanged = { scopes: ['bookings:write'], rateLimit: { requestsPerMinute: 100 } };
    const renamed = await patch(tenantId, id, { ...unchanged, name: 'Renamed' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json<KeyView>().name, 'Renamed');
    const [row] = await activityOf(t, tenantId, 'key.updated');
    assert.deepEqual(Object.keys(row?.details.changes ?? {}), ['name'], 'only the name changed');
    assertProblem(
      await patch(tenantId, id, { scopes: ['bookings:write', 'bookings:read', 'profile:write'] }),
      403,
      'plan_required',
    );
    assertProblem(await patch(tenantId, id, { rateLimit: { requestsPerMinute: 99 } }), 403, 'plan_required');
    // The plan still narrows what the key grants.
    const answer = await verify(t, { key });
    assert.equal((answer.scopes as string[]).includes('bookings:write'), false);
  });

  it('validation: a secret key’s scopes, a past expiry, an unknown field, a bad CIDR → 422', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const secret = await createKey(t, tenantId);
    assertProblem(await patch(tenantId, secret.id, { scopes: ['bookings:read'] }), 422, 'validation_failed');
    const past = new Date(t.clock.now() - 1000).toISOString();
    assertProblem(await patch(tenantId, secret.id, { expiresAt: past }), 422, 'validation_failed');
    assertProblem(await patch(tenantId, secret.id, { type: 'restricted' }), 422, 'validation_failed');
    assertProblem(await patch(tenantId, secret.id, { ipAllowlist: ['nope'] }), 422, 'validation_failed');
  });

  it('a revoked or expired key → 409 conflict', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const revoked = await createKey(t, tenantId);
    await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${revoked.id}` });
    assertProblem(await patch(tenantId, revoked.id, { name: 'x' }), 409, 'conflict');
    const expiring = await createKey(t, tenantId, {
      expiresAt: new Date(t.clock.now() + 1000).toISOString(),
    });
    t.clock.advance(1000);
    assertProblem(await patch(tenantId, expiring.id, { name: 'x' }), 409, 'conflict');
  });

  it("another tenant's key → 404; a key pair without manage:keys → 403", async () => {
    const a = await createTenant(t);
    const b = await restrictedKey();
    assertProblem(await patch(a, b.id, { name: 'x' }), 404, 'not_found');
    const pair = await createKeyPair(t, b.tenantId, ['read:tenant']);
    assertProblem(await patch(b.tenantId, b.id, { name: 'x' }, pair.headers), 403, 'insufficient_scope');
    assert.equal((await read(b.tenantId, b.id)).name, 'Key');
  });

  it('a test-mode credential changes test keys only; a live key is 404 to it', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const live = await createKey(t, tenantId, { mode: 'live' });
    const test = await createKey(t, tenantId, { mode: 'test' });
    const pair = await createKeyPair(t, tenantId, ['manage:keys'], 'test automation', 'test');
    assertProblem(await patch(tenantId, live.id, { name: 'x' }, pair.headers), 404, 'not_found');
    assert.equal((await patch(tenantId, test.id, { name: 'x' }, pair.headers)).statusCode, 200);
  });

  const app = () => t;
  securityCases(app, {
    method: 'PATCH',
    path: '/api/v1/tenants/:tenantId/keys/:keyId',
    url: async (s) => {
      const tenantId = await createTenant(s);
      return `${keysUrl(tenantId)}/${(await createKey(s, tenantId)).id}`;
    },
    body: { name: 'changed' },
    okStatus: 200,
    tenantPermission: 'manage:keys',
    snapshot: async (s, url) => (await asPlatform(s, { method: 'GET', url })).body,
  });
});

describe('keys: usage credits', () => {
  it('verify calls that ask spend credits; an exhausted key answers usage_exceeded; others are not counted', async () => {
    const { key, id, tenantId } = await restrictedKey('pro', { credits: { remaining: 3 } });
    assert.deepEqual((await read(tenantId, id)).credits, { remaining: 3, refill: null });
    assert.equal((await verify(t, { key })).remaining, undefined, 'consume 0: not counted');
    assert.partialDeepStrictEqual(await verify(t, { key, consume: 2 }), { valid: true, remaining: 1 });
    const refused = await verify(t, { key, consume: 2 });
    assert.partialDeepStrictEqual(refused, { valid: false, code: 'usage_exceeded', keyId: id });
    assert.partialDeepStrictEqual(await verify(t, { key, consume: 1 }), { valid: true, remaining: 0 });
    assert.equal((await verify(t, { key, consume: 1 })).code, 'usage_exceeded');
    assert.equal((await verify(t, { key })).valid, true, 'a call that spends nothing still passes');
    assert.deepEqual((await read(tenantId, id)).credits, { remaining: 0, refill: null });
  });

  it('a daily refill sets the credits back at the next UTC day: reads show it at once, the next spend applies it', async () => {
    const { key, id, tenantId } = await restrictedKey('pro', {
      credits: { remaining: 1, refill: { amount: 2, interval: 'day' } },
    });
    assert.equal((await verify(t, { key, consume: 1 })).remaining, 0);
    assert.equal((await verify(t, { key, consume: 1 })).code, 'usage_exceeded');
    assert.equal((await read(tenantId, id)).credits?.remaining, 0);
    t.clock.advance(24 * 3_600_000);
    assert.deepEqual((await read(tenantId, id)).credits, {
      remaining: 2,
      refill: { amount: 2, interval: 'day' },
    });
    assert.equal((await verify(t, { key, consume: 1 })).remaining, 1, 'refilled to 2, then spent 1');
    assert.equal((await verify(t, { key, consume: 1 })).remaining, 0);
    assert.equal((await verify(t, { key, consume: 1 })).code, 'usage_exceeded');
  });

  it('PATCH sets credits again or stops counting; a key without credits ignores consume', async () => {
    const { key, id, tenantId } = await restrictedKey('pro', { credits: { remaining: 0 } });
    assert.equal((await verify(t, { key, consume: 1 })).code, 'usage_exceeded');
    const reset = await patch(tenantId, id, { credits: { remaining: 5 } });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await verify(t, { key, consume: 1 })).remaining, 4);
    assert.equal((await patch(tenantId, id, { credits: null })).statusCode, 200);
    const answer = await verify(t, { key, consume: 100 });
    assert.equal(answer.valid, true);
    assert.equal(answer.remaining, undefined);
    const [row] = await activityOf(t, tenantId, 'key.updated');
    assert.deepEqual(row?.details.changes, { credits: { from: { remaining: 4, refill: null }, to: null } });
  });

  it('credits validation: negative remaining, a zero refill, an unknown interval → 422', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    for (const credits of [
      { remaining: -1 },
      { remaining: 1, refill: { amount: 0, interval: 'day' } },
      { remaining: 1, refill: { amount: 1, interval: 'week' } },
    ]) {
      const response = await asPlatform(t, {
        method: 'POST',
        url: keysUrl(tenantId),
        payload: { name: 'k', credits },
      });
      assertProblem(response, 422, 'validation_failed');
    }
  });
});
