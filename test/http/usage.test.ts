import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem, keysUrl } from './support.ts';

interface UsageBucket {
  start: string;
  total: number;
  outcomes: Record<string, number>;
  rateLimited: number;
}
interface UsageReport {
  interval: string;
  since: string;
  until: string;
  buckets: UsageBucket[];
}

const MINUTE = 60_000;

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const usage = (tenantId: string, query = '') =>
  asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${tenantId}/usage${query}` });
const report = async (tenantId: string, query = '') => {
  const response = await usage(tenantId, query);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<UsageReport>();
};
const iso = (ms: number) => new Date(ms).toISOString();
/** The non-zero outcomes of a bucket. */
const counted = (bucket: UsageBucket | undefined) =>
  Object.fromEntries(Object.entries(bucket?.outcomes ?? {}).filter(([, count]) => count > 0));

describe('usage: happy', () => {
  it('counts verified calls per minute by outcome: valid, revoked, rate-limited, insufficient scope', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const start = t.clock.now();
    const good = await createKey(t, tenantId);
    const revoked = await createKey(t, tenantId);
    const busy = await createKey(t, tenantId);
    await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${revoked.id}` });

    await verify(t, { key: good.key });
    await verify(t, { key: good.key, scopes: ['no:such-scope'] });
    await verify(t, { key: revoked.key });
    // The free plan allows 60 calls a minute: the 61st is refused.
    for (let i = 0; i < 61; i++) await verify(t, { key: busy.key });
    await verify(t, { key: 'sk_live_garbage' }); // never identified: no tenant to count it for
    t.clock.advance(MINUTE);
    await verify(t, { key: good.key });
    await verify(t, { key: busy.key });

    // The feed is flushed by the read: calls still in its buffer are counted.
    const minutes = await report(
      tenantId,
      `?interval=minute&since=${iso(start)}&until=${iso(start + 3 * MINUTE)}`,
    );
    assert.equal(minutes.interval, 'minute');
    assert.equal(minutes.since, iso(start));
    assert.equal(minutes.until, iso(start + 3 * MINUTE));
    assert.deepEqual(
      minutes.buckets.map((bucket) => [bucket.start, bucket.total, counted(bucket), bucket.rateLimited]),
      [
        [iso(start), 64, { valid: 61, insufficient_scope: 1, revoked: 1, rate_limited: 1 }, 1],
        [iso(start + MINUTE), 2, { valid: 2 }, 0],
        [iso(start + 2 * MINUTE), 0, {}, 0],
      ],
    );
    assert.equal(Object.keys(minutes.buckets[2]?.outcomes ?? {}).length > 5, true, 'every outcome, as zeros');

    const busyOnly = await report(tenantId, `?interval=hour&keyId=${busy.id}&since=${iso(start)}`);
    assert.deepEqual(
      busyOnly.buckets.map((bucket) => [bucket.total, counted(bucket)]),
      [[62, { valid: 61, rate_limited: 1 }]],
    );
    const days = await report(tenantId, '?interval=day');
    assert.equal(days.buckets.length, 30, 'the last 30 days by default');
    assert.equal(days.buckets.at(-1)?.total, 66, "today's bucket, the last one, holds every call");
    assert.equal(days.until, iso(Date.UTC(2026, 5, 2)));
  });

  it('rounds since down and until up to bucket boundaries; the default window is the last hour by minute', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId);
    await verify(t, { key });
    const now = t.clock.now();
    const hour = 60 * MINUTE;
    const floorHour = (ms: number) => Math.floor(ms / hour) * hour;
    const hours = await report(
      tenantId,
      `?interval=hour&since=${iso(now - 90 * MINUTE)}&until=${iso(now + 1)}`,
    );
    assert.equal(hours.since, iso(floorHour(now - 90 * MINUTE)));
    assert.equal(hours.until, iso(floorHour(now) + hour));
    const totals = hours.buckets.map((bucket) => bucket.total);
    assert.equal(totals.length, (floorHour(now) + hour - floorHour(now - 90 * MINUTE)) / hour);
    assert.deepEqual(totals.slice(-1), [1]);
    assert.equal(
      totals.reduce((sum, total) => sum + total, 0),
      1,
    );
    const minutes = await report(tenantId, '?interval=minute');
    assert.equal(minutes.buckets.length, 60);
    assert.equal(minutes.buckets.at(-1)?.total, 1);
    assert.equal(minutes.until, iso(Math.floor(now / MINUTE) * MINUTE + MINUTE));
  });
});

describe('usage: error', () => {
  it('a bad interval, a reversed window, more than 1,000 buckets or an unknown parameter is 422', async () => {
    const tenantId = await createTenant(t);
    const now = t.clock.now();
    for (const query of [
      '?interval=week',
      `?since=${iso(now)}&until=${iso(now)}`,
      `?since=${iso(now)}&until=${iso(now - MINUTE)}`,
      `?interval=minute&since=${iso(now - 2 * 86_400_000)}`,
      '?since=yesterday',
      '?limit=10',
      '?keyId=',
      // The answer's until would be +010000-01-01, which no client can send back.
      '?interval=day&until=9999-12-31T23:59:59Z',
      '?interval=day&since=1969-12-01T00:00:00Z&until=1970-01-02T00:00:00Z',
    ]) {
      assertProblem(await usage(tenantId, query), 422, 'validation_failed');
    }
    const tooMany = assertProblem(
      await usage(tenantId, `?interval=minute&since=${iso(now - 1001 * MINUTE)}&until=${iso(now)}`),
      422,
      'validation_failed',
    );
    assert.match(tooMany.detail, /at most 1000/);
    assertProblem(await usage('ten_missing'), 404, 'not_found');
  });
});

describe('usage: security', () => {
  it("tenant A never counts tenant B's calls, not even when asked for B's key", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const bKey = await createKey(t, b);
    await verify(t, { key: bKey.key });
    assert.equal((await report(b, '?interval=day')).buckets.at(-1)?.total, 1);
    for (const query of ['?interval=day', `?interval=day&keyId=${bKey.id}`]) {
      const buckets = (await report(a, query)).buckets;
      assert.equal(
        buckets.reduce((sum, bucket) => sum + bucket.total, 0),
        0,
      );
    }
  });

  securityCases(() => t, {
    method: 'GET',
    path: '/api/v1/tenants/:tenantId/usage',
    url: async (s) => `/api/v1/tenants/${await createTenant(s)}/usage`,
    okStatus: 200,
    tenantPermission: 'read:audit',
  });
});
