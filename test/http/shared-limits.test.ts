// Two nodes of one deployment sharing Redis: a key's rate limit and a client's failure budget are each spent
// once, whichever node a request reaches.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../support/app.ts';
import { createKey, createTenant } from '../support/app.ts';
import { startTestNodes, type TestNodes } from '../support/nodes.ts';
import { startRedis } from '../support/redis.ts';
import { createClient } from './clients-support.ts';
import { postForm } from './oauth-support.ts';
import { unknownKey } from './support.ts';

const redis = await startRedis();
after(() => redis?.stop());
const skip = !redis && 'redis-server is not available';

const MINUTE = 60_000;
const STEP_MS = 200;

async function verifyThrough(node: TestApp, key: string): Promise<{ valid: boolean; code?: string }> {
  const response = await node.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${node.verifierKey}` },
    payload: { key },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/**
 * Drives a 60-a-minute key through the nodes in turn, one request every 200 ms for two minutes, and counts
 * the requests allowed in the second minute (the first spends the burst GCRA allows a fresh key).
 */
async function allowedInSecondMinute(cluster: TestNodes): Promise<number> {
  const [first] = cluster.nodes as [TestApp];
  const key = (await createKey(first, await createTenant(first, { plan: 'free' }))).key;
  let allowed = 0;
  for (let at = 0; at < 2 * MINUTE; at += STEP_MS) {
    const node = cluster.nodes[(at / STEP_MS) % cluster.nodes.length] as TestApp;
    const answer = await verifyThrough(node, key);
    if (!answer.valid) assert.equal(answer.code, 'rate_limited');
    if (at >= MINUTE && answer.valid) allowed++;
    cluster.clock.advance(STEP_MS);
  }
  return allowed;
}

describe('a 60/min key driven alternately through two nodes', { skip }, () => {
  test('with Redis: exactly 60 allowed a minute, as on one node', async () => {
    const cluster = await startTestNodes(2, { redisUrl: redis?.url as string });
    try {
      assert.equal(await allowedInSecondMinute(cluster), 60);
    } finally {
      await cluster.close();
    }
  });

  test('without it (each node counting its own): twice that', async () => {
    const cluster = await startTestNodes(2);
    try {
      assert.equal(await allowedInSecondMinute(cluster), 120);
    } finally {
      await cluster.close();
    }
  });
});

describe('the failure throttle through two nodes sharing Redis', { skip }, () => {
  let cluster: TestNodes;
  before(async () => {
    cluster = await startTestNodes(2, { redisUrl: redis?.url as string });
  });
  after(() => cluster?.close());

  test('30 wrong secrets in all, whichever node each takes, then 429 from both; the right one passes', async () => {
    const [a, b] = cluster.nodes as [TestApp, TestApp];
    const client = await createClient(a, await createTenant(a, { plan: 'pro' }), {
      scopes: ['bookings:read'],
    });
    const wrong = { client_id: client.client_id, client_secret: unknownKey('cs') };
    const token = (node: TestApp, credentials: typeof wrong) =>
      postForm(node, 'token', { grant_type: 'client_credentials' }, { basic: credentials });
    for (let i = 0; i < 30; i++) {
      const response = await token(i % 2 === 0 ? a : b, wrong);
      assert.equal(response.statusCode, 401, `attempt ${i + 1}: ${response.body}`);
    }
    for (const node of [a, b]) {
      const response = await token(node, wrong);
      assert.equal(response.statusCode, 429, response.body);
      assert.equal(response.headers['retry-after'], '2');
    }
    const right = await token(b, { client_id: client.client_id, client_secret: client.client_secret });
    assert.equal(right.statusCode, 200, right.body);
    // The budget refills one failure per two seconds on both nodes alike.
    cluster.clock.advance(2_000);
    assert.equal((await token(b, wrong)).statusCode, 401);
    assert.equal((await token(a, wrong)).statusCode, 429);
  });
});
