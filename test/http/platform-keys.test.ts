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

  test('happy: the list pages with limit and cursor, each key once', async () => {
    const names = ['page one', 'page two', 'page three'];
    for (const name of names) {
      const created = await asPlatform(t, {
        method: 'POST',
        url: '/api/v1/platform/keys',
        payload: { name, permissions: ['verify'] },
      });
      assert.equal(created.statusCode, 201);
    }
    type Listed = { items: { id: string; name: string }[]; nextCursor: string | null };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const page = await asPlatform(t, { method: 'GET', url: `/api/v1/platform/keys${query}` });
      assert.equal(page.statusCode, 200);
      const body = page.json<Listed>();
      assert.ok(body.items.length <= 1);
      assert.ok('nextCursor' in body);
      seen.push(...body.items.map((item) => item.name));
      cursor = body.nextCursor;
    } while (cursor);
    const all = (
      await asPlatform(t, { method: 'GET', url: '/api/v1/platform/keys?limit=200' })
    ).json<Listed>();
    assert.equal(all.nextCursor, null);
    assert.deepEqual(
      seen,
      all.items.map((item) => item.name),
      'paging one at a time walks the whole list once, in order',
    );
    for (const name of names) assert.ok(seen.includes(name), name);
    assert.equal(new Set(seen).size, seen.length);
  });

  test('error: an unknown query parameter, a bad limit or a bad cursor is 422', async () => {
    for (const query of ['limit=1&bogus=1', 'limit=0', 'limit=201', 'cursor=not-a-cursor']) {
      const refused = await asPlatform(t, { method: 'GET', url: `/api/v1/platform/keys?${query}` });
      assert.equal(refused.statusCode, 422, query);
      assert.equal(refused.json<{ code: string }>().code, 'validation_failed', query);
    }
  });
});
