import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { createKeyPair } from './management-support.ts';
import { securityCases } from './security-cases.ts';
import { assertNoSecret, assertProblem, type KeyView, keysUrl } from './support.ts';

interface RequestRow {
  id: number;
  at: string;
  credentialId: string;
  method: string | null;
  path: string | null;
  status: number;
  outcome: string;
  ip: string | null;
  rateLimited: boolean;
}
interface ActivityRow {
  action: string;
  actor: { type: string; id: string | null; ip: string | null };
  target: { type: string; id: string };
  details: Record<string, unknown>;
}
type Page<T> = { items: T[]; nextCursor: string | null };

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const feed = (tenantId: string, kind: 'requests' | 'activity', query = '') =>
  asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${tenantId}/audit/${kind}${query}` });
const requests = async (tenantId: string, query = '') =>
  (await feed(tenantId, 'requests', query)).json<Page<RequestRow>>();
const whoami = (key: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `ApiKey ${key}` } });

describe('audit: happy', () => {
  it('the request feed records verify and whoami calls, rate-limited ones marked, never a secret', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const first = await createKey(t, tenantId);
    const busy = await createKey(t, tenantId);
    await verify(t, { key: first.key, method: 'post', path: '/bookings', ip: '10.0.0.1' });
    await verify(t, { key: 'sk_live_garbage' });
    await whoami(first.key);
    for (let i = 0; i < 61; i++) await whoami(busy.key);

    const response = await feed(tenantId, 'requests', `?keyId=${first.id}`);
    assertNoSecret(response.body, first.key);
    const rows = response
      .json<Page<RequestRow>>()
      .items.map(({ method, path, status, outcome, ip, rateLimited }) => ({
        method,
        path,
        status,
        outcome,
        ip,
        rateLimited,
      }));
    assert.deepEqual(rows, [
      {
        method: 'GET',
        path: '/api/v1/whoami',
        status: 200,
        outcome: 'valid',
        ip: '127.0.0.1',
        rateLimited: false,
      },
      {
        method: 'POST',
        path: '/bookings',
        status: 200,
        outcome: 'valid',
        ip: '10.0.0.1',
        rateLimited: false,
      },
    ]);
    const limited = await requests(tenantId, `?keyId=${busy.id}&limit=200`);
    assert.equal(limited.items.length, 61);
    assert.partialDeepStrictEqual(limited.items[0], {
      status: 429,
      outcome: 'rate_limited',
      rateLimited: true,
    });
    assert.equal(limited.items.filter((row) => row.rateLimited).length, 1);
    const key = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${first.id}` });
    assert.equal(
      key.json<KeyView>().lastUsedAt,
      new Date(t.clock.now()).toISOString(),
      'last use is stamped',
    );
  });

  it('filters by since (inclusive) and until (exclusive); the cursor pages through once, newest first', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const { id, key } = await createKey(t, tenantId);
    const start = t.clock.now();
    for (let i = 0; i < 5; i++) {
      await verify(t, { key, path: `/call/${i}` });
      t.clock.advance(60_000);
    }
    const iso = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const paths = (page: Page<RequestRow>) => page.items.map((row) => row.path);
    assert.deepEqual(paths(await requests(tenantId, `?since=${iso(3)}`)), ['/call/4', '/call/3']);
    assert.deepEqual(paths(await requests(tenantId, `?until=${iso(1)}`)), ['/call/0']);
    assert.deepEqual(paths(await requests(tenantId, `?since=${iso(1)}&until=${iso(3)}&keyId=${id}`)), [
      '/call/2',
      '/call/1',
    ]);
    assert.deepEqual((await requests(tenantId, '?keyId=key_other')).items, []);

    const seen: (string | null)[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page<RequestRow> = await requests(tenantId, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 2);
      seen.push(...paths(page));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, ['/call/4', '/call/3', '/call/2', '/call/1', '/call/0']);
  });

  it('the activity feed says who created, changed, suspended, resumed, rolled and revoked what', async () => {
    const platformKeyId = (await t.store.platformKeys.list({ limit: 200 })).items.find(
      (key) => key.name === 'test',
    )?.id;
    const tenantId = await createTenant(t, { plan: 'free' });
    const patch = (payload: object) =>
      asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload });
    await patch({ plan: 'pro' });
    await patch({ status: 'suspended' });
    await patch({ status: 'active' });
    const { id, key } = await createKey(t, tenantId);
    const rolled = await asPlatform(t, {
      method: 'POST',
      url: `${keysUrl(tenantId)}/${id}/roll`,
      payload: {},
    });
    await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${id}` });

    const response = await feed(tenantId, 'activity');
    assertNoSecret(response.body, key);
    assertNoSecret(response.body, rolled.json<KeyView>().key ?? '');
    const rows = response.json<Page<ActivityRow>>().items.reverse();
    assert.deepEqual(
      rows.map((row) => [row.action, row.target.id]),
      [
        ['tenant.created', tenantId],
        ['tenant.plan_changed', tenantId],
        ['tenant.suspended', tenantId],
        ['tenant.resumed', tenantId],
        ['key.created', id],
        ['key.rolled', id],
        ['key.revoked', id],
      ],
    );
    for (const row of rows)
      assert.deepEqual(row.actor, { type: 'platform_key', id: platformKeyId, ip: '127.0.0.1' });
    assert.deepEqual(rows[1]?.details, { from: 'free', to: 'pro' });
    const created = (await feed(tenantId, 'activity', '?action=key.created')).json<Page<ActivityRow>>();
    assert.deepEqual(
      created.items.map((row) => row.action),
      ['key.created'],
    );
  });

  it('the activity feed filters by actor: one actor (type:id) or one kind of actor (type)', async () => {
    const platformKeyId = (await t.store.platformKeys.list({ limit: 200 })).items.find(
      (key) => key.name === 'test',
    )?.id;
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const created = await t.app.inject({
      method: 'POST',
      url: keysUrl(tenantId),
      headers: pair.headers,
      payload: { name: 'by the pair' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const actions = async (query: string) =>
      (await feed(tenantId, 'activity', query)).json<Page<ActivityRow>>().items.map((row) => row.action);
    assert.deepEqual(await actions(`?actor=management_key:${pair.id}`), ['key.created']);
    assert.deepEqual(await actions('?actor=management_key'), ['key.created']);
    assert.deepEqual(await actions(`?actor=platform_key:${platformKeyId}`), [
      'management_key.created',
      'tenant.created',
    ]);
    assert.deepEqual(await actions(`?actor=platform_key:${platformKeyId}&action=tenant.created`), [
      'tenant.created',
    ]);
    assert.deepEqual(await actions('?actor=management_key:mk_someone_else'), []);
    assert.deepEqual(await actions('?actor=system'), []);
  });
});

describe('audit: the activity feed by mode', () => {
  it('?mode= lists rows about objects of that mode and rows about neither; a test-mode pair never sees live ones', async () => {
    const tenantId = await createTenant(t);
    const live = await createKey(t, tenantId, { name: 'live one', mode: 'live' });
    const test = await createKey(t, tenantId, { name: 'test one', mode: 'test' });
    const pair = await createKeyPair(t, tenantId, ['read:audit'], 'test reader', 'test');
    const rows = async (query: string, headers?: Record<string, string>) => {
      const url = `/api/v1/tenants/${tenantId}/audit/activity${query}`;
      const response = headers
        ? await t.app.inject({ method: 'GET', url, headers })
        : await feed(tenantId, 'activity', query);
      assert.equal(response.statusCode, 200, response.body);
      return response
        .json<Page<ActivityRow>>()
        .items.map((row) => `${row.action} ${row.target.id}`)
        .reverse();
    };
    assert.deepEqual(await rows('?mode=live'), [`tenant.created ${tenantId}`, `key.created ${live.id}`]);
    assert.deepEqual(await rows('?mode=test'), [
      `tenant.created ${tenantId}`,
      `key.created ${test.id}`,
      `management_key.created ${pair.id}`,
    ]);
    assert.equal((await rows('')).length, 4);
    assert.deepEqual(await rows('?mode=live', pair.headers), []);
    assert.deepEqual(await rows('?mode=test', pair.headers), await rows('', pair.headers));
    assert.deepEqual(await rows('', pair.headers), await rows('?mode=test'));
    const platform = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/platform/audit/activity?tenantId=${tenantId}&mode=live`,
    });
    assert.deepEqual(
      platform
        .json<Page<ActivityRow>>()
        .items.map((row) => row.target.id)
        .reverse(),
      [tenantId, live.id],
    );
    assertProblem(await feed(tenantId, 'activity', '?mode=sandbox'), 422, 'validation_failed');
  });
});

describe('audit: error', () => {
  it('bad filters are 422, an unknown tenant 404', async () => {
    const tenantId = await createTenant(t);
    for (const query of [
      '?since=yesterday',
      '?until=2026-13-01T00:00:00Z',
      '?limit=500',
      '?cursor=bm9wZQ',
      '?tenantId=x',
    ]) {
      assertProblem(await feed(tenantId, 'requests', query), 422, 'validation_failed');
      assertProblem(await feed(tenantId, 'activity', query), 422, 'validation_failed');
    }
    for (const query of ['?actor=', '?actor=User%20Name', '?actor=user:', '?actor=user:a:b', '?actor=USER']) {
      assertProblem(await feed(tenantId, 'activity', query), 422, 'validation_failed');
    }
    assertProblem(await feed(tenantId, 'requests', '?actor=system'), 422, 'validation_failed');
    // An empty filter is a mistake, not "no filter": a strict client copying `?keyId=` learns so.
    assertProblem(await feed(tenantId, 'requests', '?keyId='), 422, 'validation_failed');
    assertProblem(await feed(tenantId, 'activity', '?action='), 422, 'validation_failed');
    assertProblem(await feed('ten_missing', 'requests'), 404, 'not_found');
    assertProblem(await feed('ten_missing', 'activity'), 404, 'not_found');
  });
});

describe('audit: security', () => {
  it('no route edits or deletes a feed or a row', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId);
    await verify(t, { key });
    const before = [(await feed(tenantId, 'requests')).body, (await feed(tenantId, 'activity')).body];
    const rowId = (await requests(tenantId)).items[0]?.id;
    for (const kind of ['requests', 'activity']) {
      for (const url of [
        `/api/v1/tenants/${tenantId}/audit/${kind}`,
        `/api/v1/tenants/${tenantId}/audit/${kind}/${rowId}`,
      ]) {
        for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
          const response = await asPlatform(t, { method, url, payload: {} });
          assert.ok([404, 405].includes(response.statusCode), `${method} ${url} → ${response.statusCode}`);
        }
      }
    }
    assert.deepEqual(
      [(await feed(tenantId, 'requests')).body, (await feed(tenantId, 'activity')).body],
      before,
    );
  });

  it("tenant A's feeds never show tenant B's rows, not even when asked for B's key", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const bKey = await createKey(t, b);
    await verify(t, { key: bKey.key });
    await whoami(bKey.key);
    assert.equal((await requests(b)).items.length, 2);
    assert.deepEqual((await requests(a)).items, []);
    assert.deepEqual((await requests(a, `?keyId=${bKey.id}`)).items, []);
    const activity = (await feed(a, 'activity')).json<Page<ActivityRow>>();
    assert.deepEqual(
      activity.items.map((row) => row.target.id),
      [a],
    );
  });

  for (const kind of ['requests', 'activity'] as const) {
    securityCases(() => t, {
      method: 'GET',
      path: `/api/v1/tenants/:tenantId/audit/${kind}`,
      url: async (s) => `/api/v1/tenants/${await createTenant(s)}/audit/${kind}`,
      okStatus: 200,
      tenantPermission: 'read:audit',
    });
  }
});
