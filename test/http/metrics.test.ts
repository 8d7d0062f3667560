// GET /metrics over real HTTP on loopback: the text format, the counters moving as verifies, token requests and
// throttled authentications happen, the gauges read where they live, and access to the route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openRedis } from '../../src/store/redis.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { redisServerAvailable, startRedis, type TestRedis } from '../support/redis.ts';
import { createClient } from './clients-support.ts';
import { listening, moved, sample, scrape } from './metrics-support.ts';
import { requestToken } from './oauth-support.ts';
import { assertProblem, unknownKey } from './support.ts';

/** `POST /api/v1/verify` over HTTP: the raw listener's entry point, or the framework's with a query string. */
async function verifyOverHttp(
  t: TestApp,
  body: Record<string, unknown>,
  entry: 'raw' | 'framework' = 'raw',
): Promise<{ valid: boolean; code?: string }> {
  const path = entry === 'raw' ? '/api/v1/verify' : '/api/v1/verify?entry=framework';
  const response = await fetch(`${await listening(t)}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { valid: boolean; code?: string };
}

const results = (code: string) => `portcullis_verify_results_total{code="${code}"}`;

describe('GET /metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('answers the Prometheus text format 0.0.4, never cached, with no credential by default', async () => {
    const response = await fetch(`${await listening(t)}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const text = await response.text();
    assert.match(text, /^# HELP portcullis_verify_results_total /m);
    assert.match(text, /^# TYPE portcullis_verify_duration_seconds histogram$/m);
    // Every verify code is exposed from the start, at 0, so a rate over it exists before the first refusal.
    const samples = await scrape(t);
    for (const code of ['valid', 'malformed', 'not_found', 'revoked', 'rate_limited', 'insufficient_scope']) {
      assert.equal(typeof sample(samples, results(code)), 'number', code);
    }
  });

  it('counts verify answers by code through both entry points, and times each', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const key = await createKey(t, tenantId);
    const revoked = await createKey(t, tenantId);
    assert.equal(
      (await asPlatform(t, { method: 'DELETE', url: `/api/v1/tenants/${tenantId}/keys/${revoked.id}` }))
        .statusCode,
      200,
    );
    const before = await scrape(t);

    assert.equal((await verifyOverHttp(t, { key: key.key })).valid, true);
    assert.equal((await verifyOverHttp(t, { key: key.key }, 'framework')).valid, true);
    assert.equal((await verifyOverHttp(t, { key: revoked.key })).code, 'revoked');
    assert.equal((await verifyOverHttp(t, { key: unknownKey('sk') })).code, 'not_found');
    assert.equal((await verifyOverHttp(t, { key: 'sk_live_not-a-key' })).code, 'malformed');
    const scoped = await verifyOverHttp(t, { key: key.key, scopes: ['bookings:write'] });
    assert.equal(scoped.code, 'insufficient_scope');
    // The free plan's 60 a minute, on a frozen clock: three spent above, 57 more, then refused.
    for (let i = 0; i < 57; i++) assert.equal((await verifyOverHttp(t, { key: key.key })).valid, true);
    assert.equal((await verifyOverHttp(t, { key: key.key })).code, 'rate_limited');

    const after = await scrape(t);
    assert.equal(moved(before, after, results('valid')), 59);
    assert.equal(moved(before, after, results('revoked')), 1);
    assert.equal(moved(before, after, results('not_found')), 1);
    assert.equal(moved(before, after, results('malformed')), 1);
    assert.equal(moved(before, after, results('insufficient_scope')), 1);
    assert.equal(moved(before, after, results('rate_limited')), 1);
    assert.equal(moved(before, after, results('expired')), 0);
    assert.equal(moved(before, after, 'portcullis_rate_limited_total{limit="request"}'), 1);
    assert.equal(moved(before, after, 'portcullis_verify_duration_seconds_count'), 64);
    assert.ok(moved(before, after, 'portcullis_verify_duration_seconds_sum') > 0);
    // The verifier's platform key: loaded once at most, then answered from memory.
    assert.ok(
      moved(before, after, 'portcullis_cache_lookups_total{cache="platform_keys",result="hit"}') >= 63,
    );
    // The key: found in the key directory (SQLite) or read from the database, kept, then hit.
    assert.ok(
      moved(before, after, 'portcullis_cache_lookups_total{cache="verified_keys",result="hit"}') >= 55,
    );
    const lookups = t.store.dialect === 'sqlite' ? ['found', 'absent'] : ['database'];
    for (const result of lookups) {
      assert.ok(
        moved(before, after, `portcullis_key_directory_lookups_total{result="${result}"}`) >= 1,
        result,
      );
    }
    assert.ok(sample(after, 'portcullis_cache_entries{cache="verified_keys"}') >= 1);
  });

  it('counts token endpoint answers by status and times issued tokens', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId, { scopes: ['bookings:read'] });
    const before = await scrape(t);
    assert.equal((await requestToken(t, { basic: client })).statusCode, 200);
    assert.equal((await requestToken(t, { basic: client })).statusCode, 200);
    // Another last character, whatever the real one is (a fixed `x` matched it one time in 62).
    const last = client.client_secret.at(-1) === 'x' ? 'y' : 'x';
    const wrong = {
      client_id: client.client_id,
      client_secret: `${client.client_secret.slice(0, -1)}${last}`,
    };
    assert.equal((await requestToken(t, { basic: wrong })).statusCode, 401);
    assert.equal((await requestToken(t, { basic: client }, { scope: 'nope:nope' })).statusCode, 400);
    const after = await scrape(t);
    assert.equal(moved(before, after, 'portcullis_token_requests_total{status="200"}'), 2);
    assert.equal(moved(before, after, 'portcullis_token_requests_total{status="401"}'), 1);
    assert.equal(moved(before, after, 'portcullis_token_requests_total{status="400"}'), 1);
    assert.equal(moved(before, after, 'portcullis_token_issuance_duration_seconds_count'), 2);
    assert.ok(moved(before, after, 'portcullis_token_issuance_duration_seconds_sum') > 0);
    assert.equal(sample(after, 'portcullis_issuance_log_uncommitted_rows'), 0);
  });

  it('reports the request feed’s backlog until it is written', async () => {
    const key = await createKey(t, await createTenant(t, { plan: 'pro' }));
    await t.context.requestFeed.flush();
    assert.equal(sample(await scrape(t), 'portcullis_request_feed_backlog_rows'), 0);
    for (let i = 0; i < 3; i++) await verifyOverHttp(t, { key: key.key });
    assert.equal(sample(await scrape(t), 'portcullis_request_feed_backlog_rows'), 3);
    await t.context.requestFeed.flush();
    const written = await scrape(t);
    assert.equal(sample(written, 'portcullis_request_feed_backlog_rows'), 0);
    assert.equal(sample(written, 'portcullis_request_feed_failed_writes_total'), 0);
  });

  it('reports the invalidation bus, and the pool on PostgreSQL only', async () => {
    const samples = await scrape(t);
    assert.equal(sample(samples, 'portcullis_invalidation_bus_connected'), 1);
    if (t.store.dialect === 'postgres') {
      assert.equal(sample(samples, 'portcullis_db_pool_connections{state="max"}'), 10);
      const total = sample(samples, 'portcullis_db_pool_connections{state="total"}');
      assert.ok(total >= 1 && total <= 10, String(total));
      assert.ok(sample(samples, 'portcullis_db_pool_connections{state="idle"}') <= total);
      assert.equal(sample(samples, 'portcullis_db_pool_waiting_queries'), 0);
      assert.equal(sample(samples, 'portcullis_invalidation_bus_reconnects_total'), 0);
      assert.ok(sample(samples, 'portcullis_invalidation_bus_last_heard_seconds') >= 0);
    } else {
      // The embedded database has one connection and no listener: nothing to report.
      for (const series of [
        'portcullis_db_pool_connections{state="total"}',
        'portcullis_db_pool_waiting_queries',
        'portcullis_invalidation_bus_last_heard_seconds',
      ]) {
        assert.equal(samples.get(series), undefined, series);
      }
    }
    // Without Redis there are no shared limits to report on.
    assert.equal(samples.get('portcullis_shared_limits_state{state="shared"}'), undefined);
  });
});

describe('throttled failed authentications', () => {
  it('count as rate limited, kind failed_authentication', async () => {
    const t = await startTestApp({
      config: { security: { failedAuthentication: { perCredentialPerMinute: 2 } } },
    });
    try {
      const client = await createClient(t, await createTenant(t, { plan: 'pro' }));
      // Another last character, whatever the real one is (a fixed `x` matched it one time in 62).
      const last = client.client_secret.at(-1) === 'x' ? 'y' : 'x';
      const wrong = {
        client_id: client.client_id,
        client_secret: `${client.client_secret.slice(0, -1)}${last}`,
      };
      const before = await scrape(t);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await requestToken(t, { basic: wrong })).statusCode);
      assert.deepEqual(statuses, [401, 401, 429, 429]);
      const after = await scrape(t);
      assert.equal(moved(before, after, 'portcullis_rate_limited_total{limit="failed_authentication"}'), 2);
      assert.equal(moved(before, after, 'portcullis_token_requests_total{status="429"}'), 2);
    } finally {
      await t.close();
    }
  });
});

describe('access to /metrics', () => {
  const token = 'metrics-scrape-token-0123456789abcdef';

  it('metrics.token: a bearer token is required, and the OpenAPI document says so', async () => {
    const t = await startTestApp({ config: { metrics: { token } } });
    try {
      const missing = await t.app.inject({ method: 'GET', url: '/metrics' });
      assertProblem(missing, 401, 'invalid_credential');
      assert.equal(missing.headers['www-authenticate'], 'Bearer realm="portcullis"');
      for (const authorization of [
        `Bearer ${token}x`,
        `Bearer ${token.slice(1)}`,
        `ApiKey ${token}`,
        'Bearer',
      ]) {
        const refused = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
        assertProblem(refused, 401, 'invalid_credential');
        assert.match(String(refused.headers['www-authenticate']), /error="invalid_token"/);
        assert.ok(!refused.body.includes(token));
      }
      const samples = await scrape(t, { authorization: `Bearer ${token}` });
      assert.equal(typeof sample(samples, results('valid')), 'number');
      const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
        paths: Record<string, Record<string, { security?: unknown }>>;
      }>();
      assert.deepEqual(document.paths['/metrics']?.get?.security, [{ MetricsToken: [] }]);
    } finally {
      await t.close();
    }
  });

  it('public without a token, and documented as public', async () => {
    const t = await startTestApp();
    try {
      const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
        paths: Record<string, Record<string, { security?: unknown }>>;
      }>();
      assert.deepEqual(document.paths['/metrics']?.get?.security, []);
    } finally {
      await t.close();
    }
  });

  it('metrics.enabled: false leaves /metrics unrouted', async () => {
    const t = await startTestApp({ config: { metrics: { enabled: false } } });
    try {
      assertProblem(await t.app.inject({ method: 'GET', url: '/metrics' }), 404, 'not_found');
    } finally {
      await t.close();
    }
  });
});

describe('one registry per app', () => {
  it('two apps in one process count apart', async () => {
    const [a, b] = [await startTestApp(), await startTestApp()];
    try {
      const key = await createKey(a, await createTenant(a, { plan: 'pro' }));
      const before = await scrape(b);
      assert.equal((await verifyOverHttp(a, { key: key.key })).valid, true);
      assert.equal(moved(before, await scrape(b), results('valid')), 0);
      assert.ok(sample(await scrape(a), results('valid')) >= 1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('where rate limits are counted', {
  skip: !redisServerAvailable() && 'redis-server is not available',
}, () => {
  const state = (samples: Map<string, number>) =>
    ['shared', 'local', 'refusing'].filter(
      (name) => sample(samples, `portcullis_shared_limits_state{state="${name}"}`) === 1,
    );

  for (const [whenSharedUnavailable, fallback, valid] of [
    ['local', 'local', true],
    ['refuse', 'refusing', false],
  ] as const) {
    it(`shared while Redis answers; ${fallback}, with one outage, once it is gone (${whenSharedUnavailable})`, async () => {
      const redis = (await startRedis()) as TestRedis;
      const connection = await openRedis(redis.url, { commandTimeoutMs: 1_000 });
      const t = await startTestApp({ redis: connection, config: { rateLimit: { whenSharedUnavailable } } });
      try {
        const key = await createKey(t, await createTenant(t, { plan: 'pro' }));
        assert.equal((await verifyOverHttp(t, { key: key.key })).valid, true);
        const shared = await scrape(t);
        assert.deepEqual(state(shared), ['shared']);
        assert.equal(sample(shared, 'portcullis_shared_limits_outages_total'), 0);

        await redis.stop();
        // Verify never fails for it: the node counts on its own or refuses, and the metrics say which.
        assert.equal((await verifyOverHttp(t, { key: key.key })).valid, valid);
        const down = await scrape(t);
        assert.deepEqual(state(down), [fallback]);
        assert.equal(sample(down, 'portcullis_shared_limits_outages_total'), 1);
        assert.equal(moved(shared, down, 'portcullis_rate_limited_total{limit="request"}'), valid ? 0 : 1);
      } finally {
        await t.close();
        await connection.close();
        await redis.stop();
      }
    });
  }
});
