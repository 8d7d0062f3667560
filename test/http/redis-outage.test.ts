// Redis going away under a node: verify never fails, it answers from per-node limits (or refuses, if so
// configured), says so once, and goes back to the shared limits once Redis is back.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { SharedLimitsState } from '../../src/services/rate-limit/shared-limits.ts';
import { openRedis, type RedisConnection } from '../../src/store/redis.ts';
import { createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { redisServerAvailable, startRedis, type TestRedis } from '../support/redis.ts';
import { createClient } from './clients-support.ts';
import { postForm } from './oauth-support.ts';
import { unknownKey } from './support.ts';

const skip = !redisServerAvailable() && 'redis-server is not available';

/** A node on its own Redis, with every state change it reported. */
interface Node {
  t: TestApp;
  redis: TestRedis;
  connection: RedisConnection;
  changes: SharedLimitsState[];
  /** Resolves at the next state change. */
  nextChange(): Promise<SharedLimitsState>;
  close(): Promise<void>;
}

async function startNode(config: unknown = {}, commandTimeoutMs = 1_000): Promise<Node> {
  const redis = (await startRedis()) as TestRedis;
  const connection = await openRedis(redis.url, { commandTimeoutMs });
  const changes: SharedLimitsState[] = [];
  let waiting: ((state: SharedLimitsState) => void)[] = [];
  const t = await startTestApp({
    config,
    redis: connection,
    onSharedLimitsChange: (state) => {
      changes.push(state);
      for (const resolve of waiting) resolve(state);
      waiting = [];
    },
  });
  const node: Node = {
    t,
    redis,
    connection,
    changes,
    nextChange: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      await t.close();
      await connection.close();
      await node.redis.stop();
    },
  };
  return node;
}

async function verify(t: TestApp, key: string): Promise<Record<string, unknown>> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}` },
    payload: { key },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** What the node's Redis holds for the key's bucket. */
async function sharedBucket(node: Node, keyId: string): Promise<string | null> {
  const admin = new Redis(node.redis.url);
  try {
    return await admin.get(`portcullis:rate:${keyId}`);
  } finally {
    admin.disconnect();
  }
}

describe('verify while Redis is unreachable', { skip }, () => {
  let node: Node | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  test('local (the default): per-node limits, said once; shared again once Redis is back', async () => {
    node = await startNode();
    const { t } = node;
    const key = await createKey(t, await createTenant(t, { plan: 'free' }));
    assert.equal((await verify(t, key.key)).valid, true);
    assert.notEqual(await sharedBucket(node, key.id), null, 'counted in Redis');
    assert.equal(t.context.sharedLimits?.state(), 'shared');

    await node.redis.stop();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await verify(t, key.key));
    // The node's own memory starts the key afresh: a full burst of 60, spent one by one.
    assert.deepEqual(
      answers.map((answer) => [answer.valid, (answer.ratelimit as { remaining: number }).remaining]),
      [59, 58, 57, 56, 55].map((remaining) => [true, remaining]),
    );
    assert.deepEqual(node.changes, ['local'], 'said once');
    assert.equal(t.context.sharedLimits?.state(), 'local');
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200, 'still ready: the node answers, with limits of its own');
    assert.deepEqual(ready.json().checks, { database: 'ok', redis: 'unreachable: limits counted per node' });

    const back = node.nextChange();
    node.redis = (await startRedis({ port: node.redis.port })) as TestRedis;
    assert.equal(await back, 'shared');
    assert.equal((await verify(t, key.key)).valid, true);
    assert.notEqual(await sharedBucket(node, key.id), null, 'counted in Redis again');
    assert.deepEqual(node.changes, ['local', 'shared']);
  });

  test('a hung Redis costs a request no more than the command timeout', async () => {
    node = await startNode({ rateLimit: { sharedTimeoutMs: 50 } }, 50);
    const { t } = node;
    const key = await createKey(t, await createTenant(t, { plan: 'free' }));
    node.redis.pause();
    const started = performance.now();
    assert.equal((await verify(t, key.key)).valid, true);
    assert.ok(performance.now() - started < 1_000, 'answered after the timeout, not stuck behind Redis');
    assert.deepEqual(node.changes, ['local']);
    // The connection never dropped: Redis is tried again by one request a second (by the service clock).
    node.redis.resume();
    assert.equal((await verify(t, key.key)).valid, true);
    assert.equal(t.context.sharedLimits?.state(), 'local');
    t.clock.advance(1_000);
    assert.equal((await verify(t, key.key)).valid, true);
    assert.deepEqual(node.changes, ['local', 'shared']);
  });

  test('refuse: every verify is rate_limited (200, never 5xx), failing client secrets are throttled', async () => {
    node = await startNode({ rateLimit: { whenSharedUnavailable: 'refuse' } });
    const { t } = node;
    const tenantId = await createTenant(t, { plan: 'pro' });
    const key = await createKey(t, tenantId);
    const client = await createClient(t, tenantId, { scopes: ['bookings:read'] });
    await node.redis.stop();
    const answer = await verify(t, key.key);
    assert.deepEqual(
      [answer.valid, answer.code, answer.retryAfterSeconds, answer.keyId],
      [false, 'rate_limited', 1, key.id],
    );
    assert.equal(t.context.sharedLimits?.state(), 'refusing');
    assert.deepEqual(node.changes, ['refusing']);
    const token = (secret: string) =>
      postForm(
        t,
        'token',
        { grant_type: 'client_credentials' },
        { basic: { client_id: client.client_id, client_secret: secret } },
      );
    assert.equal((await token(unknownKey('cs'))).statusCode, 429);
    assert.equal((await token(client.client_secret)).statusCode, 200, 'the right secret still gets through');
  });
});
