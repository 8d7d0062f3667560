import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorCode } from '../../src/core/errors.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import {
  activityOf,
  asKeyPair,
  createKeyPair,
  type ManagementKeyView,
  managementKeysUrl,
} from './management-support.ts';
import { assertNoSecret, assertProblem, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const create = (tenantId: string, payload: unknown) =>
  asPlatform(t, { method: 'POST', url: managementKeysUrl(tenantId), payload: payload as object });
const list = (tenantId: string, query = '') =>
  asPlatform(t, { method: 'GET', url: `${managementKeysUrl(tenantId)}${query}` });

describe('management keys: happy', () => {
  it('issues a pair: 201, mk_ id, ms_live_ secret once, display prefix, no-store, logged without secret', async () => {
    const tenantId = await createTenant(t);
    const response = await create(tenantId, {
      name: 'Deploy bot',
      permissions: ['manage:keys', 'read:audit'],
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const key = response.json<ManagementKeyView>();
    assert.match(key.apiKey, /^mk_[0-9A-Za-z]{20}$/);
    assert.equal(key.id, key.apiKey);
    assert.match(key.apiSecret ?? '', /^ms_live_[0-9A-Za-z]{30}$/);
    assert.equal(key.displayPrefix, key.apiSecret?.slice(0, 12));
    assert.partialDeepStrictEqual(key, {
      tenantId,
      name: 'Deploy bot',
      permissions: ['manage:keys', 'read:audit'],
      status: 'active',
      lastUsedAt: null,
      revokedAt: null,
    });
    const [created] = await activityOf(t, tenantId, 'management_key.created');
    assert.partialDeepStrictEqual(created, {
      actor: { type: 'platform_key' },
      target: { type: 'management_key', id: key.id },
      details: { name: 'Deploy bot', permissions: ['manage:keys', 'read:audit'] },
    });
    assertNoSecret(JSON.stringify(await activityOf(t, tenantId)), key.apiSecret ?? '');
  });

  it('the pair works at once; list and get show it, with its last use, never the secret or its hash', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys'], 'Listed');
    const used = await asKeyPair(t, pair, { method: 'GET', url: keysUrl(tenantId) });
    assert.equal(used.statusCode, 200, used.body);
    const listed = await list(tenantId);
    assert.equal(listed.statusCode, 200);
    const items = listed.json<{ items: ManagementKeyView[] }>().items;
    assert.deepEqual(
      items.map((key) => [key.id, key.name, 'apiSecret' in key]),
      [[pair.id, 'Listed', false]],
    );
    assert.equal(items[0]?.lastUsedAt, new Date(t.clock.now()).toISOString());
    assertNoSecret(listed.body, pair.apiSecret);
    const got = await asPlatform(t, { method: 'GET', url: `${managementKeysUrl(tenantId)}/${pair.id}` });
    assert.partialDeepStrictEqual(got.json(), {
      id: pair.id,
      permissions: ['manage:keys'],
      status: 'active',
    });
    assertNoSecret(got.body, pair.apiSecret);
  });

  it('lists a page at a time; the cursor visits each key once', async () => {
    const tenantId = await createTenant(t);
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createKeyPair(t, tenantId, ['read:tenant'], `k${i}`)).id);
    const seen: string[] = [];
    let query: string | null = '?limit=2';
    while (query !== null) {
      const page: { items: ManagementKeyView[]; nextCursor: string | null } = (
        await list(tenantId, query)
      ).json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((key) => key.id));
      query = page.nextCursor === null ? null : `?limit=2&cursor=${page.nextCursor}`;
    }
    assert.deepEqual(seen.length, 5);
    assert.deepEqual(new Set(seen), ids);
  });

  it('revoking stops the pair at once, keeps the row, and is logged once however often it is asked', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const url = `${managementKeysUrl(tenantId)}/${pair.id}`;
    const first = await asPlatform(t, { method: 'DELETE', url });
    assert.equal(first.statusCode, 200);
    assert.partialDeepStrictEqual(first.json(), {
      status: 'revoked',
      revokedAt: new Date(t.clock.now()).toISOString(),
    });
    t.clock.advance(1000);
    const second = await asPlatform(t, { method: 'DELETE', url });
    assert.equal(second.json<ManagementKeyView>().revokedAt, first.json<ManagementKeyView>().revokedAt);
    assertProblem(
      await asKeyPair(t, pair, { method: 'GET', url: keysUrl(tenantId) }),
      401,
      'invalid_credential',
    );
    const revoked = await activityOf(t, tenantId, 'management_key.revoked');
    assert.deepEqual(
      revoked.map((row) => [row.target.id, row.actor.type]),
      [[pair.id, 'platform_key']],
    );
  });

  it('a pair with manage:management-keys issues and revokes pairs within what it holds, as itself', async () => {
    const tenantId = await createTenant(t);
    const admin = await createKeyPair(t, tenantId, ['manage:management-keys', 'manage:keys']);
    const issued = await asKeyPair(t, admin, {
      method: 'POST',
      url: managementKeysUrl(tenantId),
      payload: { name: 'child', permissions: ['manage:keys'] },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const child = issued.json<ManagementKeyView>();
    const revoked = await asKeyPair(t, admin, {
      method: 'DELETE',
      url: `${managementKeysUrl(tenantId)}/${child.id}`,
    });
    assert.equal(revoked.statusCode, 200);
    const rows = await activityOf(t, tenantId);
    const actors = rows
      .filter((row) => row.target.id === child.id)
      .map((row) => [row.action, row.actor.type, row.actor.id]);
    assert.deepEqual(actors, [
      ['management_key.revoked', 'management_key', admin.id],
      ['management_key.created', 'management_key', admin.id],
    ]);
  });

  it('the secret prefix is configurable', async () => {
    const custom = await startTestApp({
      config: { credentials: { prefixes: { managementSecret: 'acmems' } } },
    });
    try {
      const pair = await createKeyPair(custom, await createTenant(custom), ['read:tenant']);
      assert.match(pair.apiSecret, /^acmems_live_[0-9A-Za-z]{30}$/);
    } finally {
      await custom.close();
    }
  });
});

describe('management keys: error', () => {
  const bad: [string, unknown, number, ErrorCode][] = [
    ['no permissions', { name: 'x', permissions: [] }, 422, 'validation_failed'],
    ['an unknown permission', { name: 'x', permissions: ['manage:everything'] }, 422, 'validation_failed'],
    ['a runtime scope', { name: 'x', permissions: ['bookings:read'] }, 422, 'validation_failed'],
    ['permissions as a string', { name: 'x', permissions: 'manage:keys' }, 422, 'validation_failed'],
    ['no name', { permissions: ['manage:keys'] }, 422, 'validation_failed'],
    ['a name with U+202E', { name: 'a\u202eb', permissions: ['manage:keys'] }, 422, 'validation_failed'],
    [
      'an unknown field',
      { name: 'x', permissions: ['manage:keys'], secret: 'mine' },
      422,
      'validation_failed',
    ],
  ];
  for (const [label, payload, status, code] of bad) {
    it(`POST management-keys with ${label} → ${status} ${code}, nothing written`, async () => {
      const tenantId = await createTenant(t);
      assertProblem(await create(tenantId, payload), status, code);
      assert.equal((await list(tenantId)).body, '{"items":[],"nextCursor":null}');
    });
  }

  it('an unknown tenant or key is 404; a suspended tenant gets no new pair (403); a bad cursor is 422', async () => {
    assertProblem(await create('ten_missing', { name: 'x', permissions: ['manage:keys'] }), 404, 'not_found');
    assertProblem(await list('ten_missing'), 404, 'not_found');
    const tenantId = await createTenant(t);
    const url = `${managementKeysUrl(tenantId)}/mk_missing`;
    assertProblem(await asPlatform(t, { method: 'GET', url }), 404, 'not_found');
    assertProblem(await asPlatform(t, { method: 'DELETE', url }), 404, 'not_found');
    assertProblem(await list(tenantId, '?cursor=WzFd'), 422, 'validation_failed');
    await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/tenants/${tenantId}`,
      payload: { status: 'suspended' },
    });
    assertProblem(
      await create(tenantId, { name: 'x', permissions: ['manage:keys'] }),
      403,
      'tenant_suspended',
    );
  });
});
