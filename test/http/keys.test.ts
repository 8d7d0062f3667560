import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorCode } from '../../src/core/errors.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { securityCases } from './security-cases.ts';
import { assertNoSecret, assertProblem, type KeyView, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const create = (tenantId: string, payload?: string | object, headers?: Record<string, string>) =>
  asPlatform(t, {
    method: 'POST',
    url: keysUrl(tenantId),
    ...(payload === undefined ? {} : { payload }),
    ...(headers ? { headers } : {}),
  });
const listBody = async (tenantId: string) =>
  (await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}?limit=200` })).body;
const EMPTY_LIST = '{"items":[],"nextCursor":null}';

describe('keys: happy', () => {
  it('issues a secret live key: 201, plaintext once, display prefix, no-store', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const response = await create(tenantId, { name: 'Backend' });
    assert.equal(response.statusCode, 201);
    assert.equal(response.headers['cache-control'], 'no-store');
    const key = response.json<KeyView>();
    assert.match(key.key ?? '', /^sk_live_[0-9A-Za-z]{30}$/);
    assert.equal(key.displayPrefix, key.key?.slice(0, 12));
    assert.partialDeepStrictEqual(key, {
      tenantId,
      name: 'Backend',
      mode: 'live',
      type: 'secret',
      scopes: null,
      ipAllowlist: null,
      status: 'active',
      expiresAt: null,
    });
    assert.equal((await verify(t, { key: key.key })).valid, true);
  });

  it('listing scopes without a type asks for a restricted key; outside the plan that is plan_required', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const response = await create(tenantId, { name: 'Reports', scopes: ['read:conversions'] });
    assert.equal(response.statusCode, 201, response.body);
    const key = response.json<KeyView>();
    assert.equal(key.type, 'restricted');
    assert.deepEqual(key.scopes, ['read:conversions']);
    assert.match(key.key ?? '', /^rk_live_/);
    const free = await createTenant(t, { plan: 'free' });
    assertProblem(await create(free, { name: 'x', scopes: ['bookings:write'] }), 403, 'plan_required');
  });

  it('issues a restricted test key with scopes, expiry and an IP allowlist, as asked', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const expiresAt = new Date(t.clock.now() + 86_400_000).toISOString();
    const asked = {
      name: 'Reporting',
      mode: 'test',
      type: 'restricted',
      scopes: ['read:conversions', 'bookings:write'],
      expiresAt,
      ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
    };
    const response = await create(tenantId, asked);
    assert.equal(response.statusCode, 201, response.body);
    const key = response.json<KeyView>();
    assert.match(key.key ?? '', /^rk_test_/);
    assert.partialDeepStrictEqual(key, asked);
    // Arrays exactly: a partial match would accept a subset.
    assert.deepEqual([key.scopes, key.ipAllowlist], [asked.scopes, asked.ipAllowlist]);
    const result = await verify(t, { key: key.key, ip: '10.1.2.3', scopes: ['read:conversions'] });
    assert.partialDeepStrictEqual(result, { valid: true, mode: 'test', type: 'restricted', keyId: key.id });
  });

  it('list and get show the key but never its plaintext or hash, even after use', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const issued = await createKey(t, tenantId, { name: 'Listed' });
    await verify(t, { key: issued.key });
    const list = await asPlatform(t, { method: 'GET', url: keysUrl(tenantId) });
    assert.equal(list.statusCode, 200);
    const items = list.json<{ items: KeyView[] }>().items;
    assert.deepEqual(
      items.map((key) => [key.id, 'key' in key]),
      [[issued.id, false]],
    );
    assertNoSecret(list.body, issued.key);
    const get = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${issued.id}` });
    assert.partialDeepStrictEqual(get.json(), { id: issued.id, name: 'Listed', status: 'active' });
    assert.equal('key' in get.json<KeyView>(), false);
    assertNoSecret(get.body, issued.key);
  });

  it('lists keys a page at a time; the cursor visits each key once', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createKey(t, tenantId, { name: `k${i}` })).id);
    const seen: string[] = [];
    let url: string | null = `${keysUrl(tenantId)}?limit=2`;
    while (url !== null) {
      const page: { items: KeyView[]; nextCursor: string | null } = (
        await asPlatform(t, { method: 'GET', url })
      ).json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((key) => key.id));
      url = page.nextCursor === null ? null : `${keysUrl(tenantId)}?limit=2&cursor=${page.nextCursor}`;
    }
    assert.equal(seen.length, 5);
    assert.deepEqual(new Set(seen), ids);
  });
});

describe('keys: error', () => {
  const json = { 'content-type': 'application/json' };
  const bad: [string, string | object | undefined, number, ErrorCode, Record<string, string>?][] = [
    [
      'a secret key with scopes',
      { name: 'x', type: 'secret', scopes: ['bookings:read'] },
      422,
      'validation_failed',
    ],
    ['a restricted key without scopes', { name: 'x', type: 'restricted' }, 422, 'validation_failed'],
    ['an empty scope list', { name: 'x', type: 'restricted', scopes: [] }, 422, 'validation_failed'],
    ['an expiry in the past', { name: 'x', expiresAt: '2020-01-01T00:00:00Z' }, 422, 'validation_failed'],
    ['an expiry of right now', { name: 'x', expiresAt: '2026-06-01T12:00:00Z' }, 422, 'validation_failed'],
    ['a bad ISO date', { name: 'x', expiresAt: '2027-02-30 25:00' }, 422, 'validation_failed'],
    ['a bad CIDR', { name: 'x', ipAllowlist: ['10.0.0.0/33'] }, 422, 'validation_failed'],
    ['a host name as allowlist entry', { name: 'x', ipAllowlist: ['example.com'] }, 422, 'validation_failed'],
    ['an unknown mode', { name: 'x', mode: 'staging' }, 422, 'validation_failed'],
    ['a 10 kB name', { name: 'n'.repeat(10_240) }, 422, 'validation_failed'],
    ['a name with NUL', { name: 'a\u0000b' }, 422, 'validation_failed'],
    ['a name with U+202E', { name: 'a\u202eb' }, 422, 'validation_failed'],
    ['an unknown field', { name: 'x', secret: 'mine' }, 422, 'validation_failed'],
    ['wrong types', { name: ['x'], scopes: 'bookings:read' }, 422, 'validation_failed'],
    ['bad JSON', '{"name":', 400, 'bad_request', json],
    ['an empty JSON body', '', 400, 'bad_request', json],
    ['no body at all', undefined, 422, 'validation_failed'],
    [
      'a body over 64 KiB',
      { name: 'x', ipAllowlist: Array(9000).fill('10.0.0.1') },
      413,
      'payload_too_large',
    ],
    ['a text/plain body', '{"name":"x"}', 415, 'unsupported_media_type', { 'content-type': 'text/plain' }],
  ];
  for (const [label, payload, status, code, headers] of bad) {
    it(`POST keys with ${label} → ${status} ${code}, nothing written`, async () => {
      const tenantId = await createTenant(t, { plan: 'free' });
      assertProblem(await create(tenantId, payload, headers), status, code);
      assert.equal(await listBody(tenantId), EMPTY_LIST);
    });
  }

  it('names an unknown scope (422) and a scope outside the plan with the plans that entitle it (403)', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const restricted = (scopes: string[]) => create(tenantId, { name: 'x', type: 'restricted', scopes });
    const unknown = assertProblem(await restricted(['bookings:read', 'nope:x']), 422, 'validation_failed');
    assert.deepEqual(unknown.unknownScopes, ['nope:x']);
    assert.match(unknown.detail, /nope:x/);
    const plan = assertProblem(await restricted(['bookings:read', 'bookings:write']), 403, 'plan_required');
    assert.equal(plan.scope, 'bookings:write');
    assert.deepEqual(plan.plans, ['pro', 'scale']);
    assert.match(plan.detail, /bookings:write.*pro, scale/);
    assert.equal(await listBody(tenantId), EMPTY_LIST);
  });

  it('an unknown tenant or key is 404; a bad cursor is 422', async () => {
    assertProblem(await create('ten_missing', { name: 'x' }), 404, 'not_found');
    assertProblem(await asPlatform(t, { method: 'GET', url: keysUrl('ten_missing') }), 404, 'not_found');
    const tenantId = await createTenant(t);
    const url = `${keysUrl(tenantId)}/key_missing`;
    assertProblem(await asPlatform(t, { method: 'GET', url }), 404, 'not_found');
    const badCursor = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}?cursor=WzFd` });
    assertProblem(badCursor, 422, 'validation_failed');
  });
});

describe('keys: security', () => {
  it("tenant B's key read under tenant A's path is 404 and says nothing about it", async () => {
    const a = await createTenant(t);
    const bKey = await createKey(t, await createTenant(t));
    const response = await asPlatform(t, { method: 'GET', url: `${keysUrl(a)}/${bKey.id}` });
    assertProblem(response, 404, 'not_found');
    assert.equal(response.body.includes(bKey.id), false);
    assert.equal(await listBody(a), EMPTY_LIST);
  });

  const app = () => t;
  const tenantKeys = async (s: TestApp) => keysUrl(await createTenant(s));
  const path = '/api/v1/tenants/:tenantId/keys';
  securityCases(app, {
    method: 'POST',
    path,
    url: tenantKeys,
    body: { name: 'x' },
    okStatus: 201,
    tenantPermission: 'manage:keys',
    snapshot: async (s, url) => (await asPlatform(s, { method: 'GET', url })).body,
  });
  securityCases(app, {
    method: 'GET',
    path,
    url: tenantKeys,
    okStatus: 200,
    tenantPermission: 'manage:keys',
  });
  securityCases(app, {
    method: 'GET',
    path: `${path}/:keyId`,
    url: async (s) => {
      const tenantId = await createTenant(s);
      return `${keysUrl(tenantId)}/${(await createKey(s, tenantId)).id}`;
    },
    okStatus: 200,
    tenantPermission: 'manage:keys',
  });
});
