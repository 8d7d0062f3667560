import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';

describe('platform keys', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('happy: a verify-only key verifies but cannot manage, and stops once revoked', async () => {
    const created = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/platform/keys',
      payload: { name: 'api servers', permissions: ['verify'] },
    });
    assert.equal(created.statusCode, 201);
    const { id, key } = created.json<{ id: string; key: string }>();
    assert.match(key, /^pk_live_[0-9A-Za-z]{30}$/);

    const tenantId = await createTenant(t, { plan: 'pro' });
    const apiKey = await createKey(t, tenantId);
    const asVerifier = { authorization: `Bearer ${key}` };
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: asVerifier,
      payload: { key: apiKey.key },
    });
    assert.equal(verified.json<{ valid: boolean }>().valid, true);

    const manage = await t.app.inject({ method: 'GET', url: '/api/v1/tenants', headers: asVerifier });
    assert.equal(manage.statusCode, 403);
    assert.equal(manage.json<{ code: string }>().code, 'insufficient_scope');

    const listed = await asPlatform(t, { method: 'GET', url: '/api/v1/platform/keys' });
    assert.equal(listed.statusCode, 200);
    assert.ok(!listed.body.includes(key), 'the list never shows a plaintext key');

    const revoked = await asPlatform(t, { method: 'DELETE', url: `/api/v1/platform/keys/${id}` });
    assert.equal(revoked.statusCode, 204);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: asVerifier,
      payload: { key: apiKey.key },
    });
    assert.equal(after.statusCode, 401);
  });

  test('error: unknown permission is 422 and unknown key id is 404', async () => {
    const bad = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/platform/keys',
      payload: { name: 'x', permissions: ['root'] },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json<{ code: string }>().code, 'validation_failed');
    const missing = await asPlatform(t, { method: 'DELETE', url: '/api/v1/platform/keys/pk_nope' });
    assert.equal(missing.statusCode, 404);
  });
});
