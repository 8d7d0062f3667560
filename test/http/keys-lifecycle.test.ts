import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { securityCases } from './security-cases.ts';
import { assertNoSecret, assertProblem, type KeyView, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const revoke = (tenantId: string, keyId: string) =>
  asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${keyId}` });
const roll = (tenantId: string, keyId: string, payload?: object) =>
  asPlatform(t, {
    method: 'POST',
    url: `${keysUrl(tenantId)}/${keyId}/roll`,
    ...(payload === undefined ? {} : { payload }),
  });
const read = async (tenantId: string, keyId: string) =>
  (await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${keyId}` })).json<KeyView>();

describe('key lifecycle: happy', () => {
  it('revoking keeps the row (status revoked) and the very next verify says revoked', async () => {
    const tenantId = await createTenant(t);
    const { id, key } = await createKey(t, tenantId);
    assert.equal((await verify(t, { key })).valid, true);
    const response = await revoke(tenantId, id);
    assert.equal(response.statusCode, 200);
    assert.partialDeepStrictEqual(response.json(), { id, status: 'revoked' });
    assertNoSecret(response.body, key);
    assert.equal((await verify(t, { key })).code, 'revoked');
    assert.equal((await read(tenantId, id)).revokedAt, new Date(t.clock.now()).toISOString());
    t.clock.advance(5000);
    const again = await revoke(tenantId, id);
    assert.equal(
      again.json<KeyView>().revokedAt,
      response.json<KeyView>().revokedAt,
      'revoking twice is a no-op',
    );
  });

  it('rolling without a body (grace 0): same id, old secret refused at once, new one valid', async () => {
    const tenantId = await createTenant(t);
    const old = await createKey(t, tenantId);
    const response = await roll(tenantId, old.id);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const rolled = response.json<KeyView>();
    assert.equal(rolled.id, old.id);
    assert.match(rolled.key ?? '', /^sk_live_/);
    assert.notEqual(rolled.key, old.key);
    assert.equal(rolled.displayPrefix, rolled.key?.slice(0, 12));
    assert.equal((await verify(t, { key: old.key })).code, 'rolled');
    assert.partialDeepStrictEqual(await verify(t, { key: rolled.key }), { valid: true, keyId: old.id });
    assert.equal((await read(tenantId, old.id)).displayPrefix, rolled.displayPrefix);
  });

  it('rolling with gracePeriodSeconds: the old secret works until the clock passes the grace period', async () => {
    const tenantId = await createTenant(t);
    const old = await createKey(t, tenantId);
    const fresh = (await roll(tenantId, old.id, { gracePeriodSeconds: 3600 })).json<KeyView>().key;
    assert.equal((await verify(t, { key: old.key })).valid, true);
    t.clock.advance(3_599_000);
    assert.equal((await verify(t, { key: old.key })).valid, true);
    assert.equal(
      (await read(tenantId, old.id)).previousSecretExpiresAt,
      new Date(t.clock.now() + 1000).toISOString(),
    );
    t.clock.advance(1000);
    assert.equal((await verify(t, { key: old.key })).code, 'rolled');
    assert.partialDeepStrictEqual(await verify(t, { key: fresh }), { valid: true, keyId: old.id });
  });

  it("a roll's answer says when the old secret stops, as the key reads from then on; a second roll cuts it short", async () => {
    const tenantId = await createTenant(t);
    const old = await createKey(t, tenantId);
    const rolled = (await roll(tenantId, old.id, { gracePeriodSeconds: 3600 })).json<KeyView>();
    assert.equal(rolled.previousSecretExpiresAt, new Date(t.clock.now() + 3_600_000).toISOString());
    const { key: _shownOnce, ...shown } = rolled;
    assert.deepEqual(await read(tenantId, old.id), shown);
    t.clock.advance(60_000);
    const again = (await roll(tenantId, old.id, { gracePeriodSeconds: 60 })).json<KeyView>();
    assert.equal(again.previousSecretExpiresAt, new Date(t.clock.now() + 60_000).toISOString());
    assert.equal((await read(tenantId, old.id)).previousSecretExpiresAt, again.previousSecretExpiresAt);
    const now = (await roll(tenantId, old.id)).json<KeyView>();
    assert.equal(now.previousSecretExpiresAt, new Date(t.clock.now()).toISOString());
    assert.equal((await read(tenantId, old.id)).previousSecretExpiresAt, now.previousSecretExpiresAt);
    for (const key of [old.key, rolled.key, again.key])
      assert.equal((await verify(t, { key })).code, 'rolled');
  });

  it("stops at the plan's maxActiveKeys (free: 5) with 409; revoked keys do not count", async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createKey(t, tenantId)).id);
    const list = async () => (await asPlatform(t, { method: 'GET', url: keysUrl(tenantId) })).body;
    const before = await list();
    const sixth = await asPlatform(t, { method: 'POST', url: keysUrl(tenantId), payload: { name: 'sixth' } });
    assert.equal(assertProblem(sixth, 409, 'key_limit_reached').limit, 5);
    assert.equal(await list(), before);
    await revoke(tenantId, ids[0] ?? '');
    const replacement = await asPlatform(t, {
      method: 'POST',
      url: keysUrl(tenantId),
      payload: { name: 'new' },
    });
    assert.equal(replacement.statusCode, 201);
  });
});

describe('key lifecycle: error', () => {
  it('a bad grace period is 422 and changes nothing', async () => {
    const tenantId = await createTenant(t);
    const { id, key } = await createKey(t, tenantId);
    for (const body of [
      { gracePeriodSeconds: -1 },
      { gracePeriodSeconds: 1.5 },
      { gracePeriodSeconds: '60' },
      { gracePeriodSeconds: 31 * 86_400 },
      { grace: 60 },
    ]) {
      assertProblem(await roll(tenantId, id, body), 422, 'validation_failed');
    }
    assert.equal((await verify(t, { key })).valid, true, 'the old secret still works');
  });

  it('a revoked or expired key cannot be rolled (409)', async () => {
    const tenantId = await createTenant(t);
    const revoked = await createKey(t, tenantId);
    await revoke(tenantId, revoked.id);
    assertProblem(await roll(tenantId, revoked.id), 409, 'conflict');
    const expiring = await createKey(t, tenantId, {
      expiresAt: new Date(t.clock.now() + 1000).toISOString(),
    });
    t.clock.advance(1000);
    assertProblem(await roll(tenantId, expiring.id), 409, 'conflict');
    assert.equal((await verify(t, { key: expiring.key })).code, 'expired');
  });

  it('an unknown key is 404 for delete and roll', async () => {
    const tenantId = await createTenant(t);
    assertProblem(await revoke(tenantId, 'key_missing'), 404, 'not_found');
    assertProblem(await roll(tenantId, 'key_missing'), 404, 'not_found');
    assertProblem(await revoke('ten_missing', 'key_missing'), 404, 'not_found');
  });
});

describe('key lifecycle: security', () => {
  it("tenant B's key under tenant A's path is 404 for delete and roll, and B's key keeps working", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const bKey = await createKey(t, b);
    for (const response of [
      await revoke(a, bKey.id),
      await roll(a, bKey.id),
      await roll(a, bKey.id, { gracePeriodSeconds: 60 }),
    ]) {
      assertProblem(response, 404, 'not_found');
      assertNoSecret(response.body, bKey.key);
    }
    assert.equal((await verify(t, { key: bKey.key })).valid, true);
    assert.partialDeepStrictEqual(await read(b, bKey.id), { status: 'active', revokedAt: null });
  });

  const app = () => t;
  const oneKey = async (s: TestApp) => {
    const tenantId = await createTenant(s);
    return `${keysUrl(tenantId)}/${(await createKey(s, tenantId)).id}`;
  };
  const snapshot = async (s: TestApp, url: string) => (await asPlatform(s, { method: 'GET', url })).body;
  const path = '/api/v1/tenants/:tenantId/keys/:keyId';
  securityCases(app, {
    method: 'DELETE',
    path,
    url: oneKey,
    okStatus: 200,
    snapshot,
    tenantPermission: 'manage:keys',
  });
  securityCases(app, {
    method: 'POST',
    path: `${path}/roll`,
    url: async (s) => `${await oneKey(s)}/roll`,
    body: { gracePeriodSeconds: 0 },
    okStatus: 200,
    tenantPermission: 'manage:keys',
    snapshot: (s, url) => snapshot(s, url.replace(/\/roll$/, '')),
  });
});
