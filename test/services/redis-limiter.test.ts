// The Redis rate limiter against a real redis-server: the Lua GCRA decides exactly as core/rate-limit.ts, in one
// round trip, and idle buckets expire.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { gcra } from '../../src/core/rate-limit.ts';
import { RedisRateLimiter } from '../../src/services/rate-limit/redis-limiter.ts';
import { SharedLimits } from '../../src/services/rate-limit/shared-limits.ts';
import { openRedis, type RedisConnection } from '../../src/store/redis.ts';
import { startRedis } from '../support/redis.ts';

const T0 = Date.UTC(2026, 5, 1);
const MINUTE = 60_000;

const server = await startRedis();
const skip = !server && 'redis-server is not available';

describe('Redis rate limiter', { skip }, () => {
  let connection: RedisConnection;
  let admin: Redis;
  let shared: SharedLimits;
  let limiter: RedisRateLimiter;
  before(async () => {
    const url = (server as NonNullable<typeof server>).url;
    connection = await openRedis(url, { commandTimeoutMs: 1_000 });
    admin = new Redis(url);
    shared = new SharedLimits(connection, { whenUnavailable: 'local' });
    limiter = new RedisRateLimiter(shared);
  });
  after(async () => {
    await connection?.close();
    admin?.disconnect();
    await server?.stop();
  });

  test('the Lua script decides exactly as core gcra(), spending or only looking, for any sequence', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            bucket: fc.integer({ min: 0, max: 5 }),
            advanceMs: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 30_000 })),
            // Within the exact range (≤ 4,095) and beyond it, where both sides round the same doubles alike.
            limit: fc.oneof(
              fc.constantFrom(1, 3, 7, 60, 600, 4095),
              fc.integer({ min: 1, max: 100_000_000 }),
            ),
            spend: fc.boolean(),
          }),
          { maxLength: 120 },
        ),
        async (calls) => {
          run++;
          const reference = new Map<string, number>();
          let now = T0;
          for (const { bucket, advanceMs, limit, spend } of calls) {
            now += advanceMs;
            const name = `property:${run}:${bucket}`;
            const expected = gcra(reference.get(name), now, limit, MINUTE);
            if (spend && expected.decision.allowed) reference.set(name, expected.tat);
            const decided = await shared.decide([{ name, limitPerMinute: limit }], spend, now);
            assert.deepEqual(decided, [expected.decision]);
          }
        },
      ),
      {
        examples: [
          // A half unit rounds up (Math.round): the third call is refused; rounding it down would allow it.
          [
            [
              { bucket: 0, advanceMs: 0, limit: 240_000, spend: true },
              { bucket: 0, advanceMs: 0, limit: 2, spend: true },
              { bucket: 0, advanceMs: 0, limit: 2, spend: true },
            ],
          ],
        ],
      },
    );
  });

  test('a burst of the limit, then one request per interval, as in memory', async () => {
    const decisions = [];
    for (let i = 0; i < 8; i++) decisions.push(await limiter.consume('burst', 7, T0));
    assert.deepEqual(
      decisions.map((decision) => decision.allowed),
      [true, true, true, true, true, true, true, false],
    );
    assert.deepEqual(decisions[7], {
      allowed: false,
      limit: 7,
      remaining: 0,
      resetSeconds: 60,
      retryAfterSeconds: 9,
    });
    assert.equal((await limiter.consume('burst', 7, T0 + MINUTE / 7)).allowed, true);
  });

  test('one script call per decision: EVALSHA, and the source only once after the server lost it', async () => {
    type Counted = { calls: number; failed: number };
    /** Calls of each command the server has run, scripts' own GET and SET included. */
    const commandCalls = async (): Promise<Map<string, Counted>> => {
      const stats = await admin.info('commandstats');
      const counted = [...stats.matchAll(/^cmdstat_(\w+):calls=(\d+),.*failed_calls=(\d+)/gm)];
      return new Map(
        counted.map(([, name, calls, failed]) => [
          name as string,
          { calls: Number(calls), failed: Number(failed) },
        ]),
      );
    };
    await admin.script('FLUSH');
    const start = await commandCalls();
    for (let i = 0; i < 50; i++) await limiter.consume(`trips:${i % 3}`, 600, T0 + i);
    const ran: Record<string, Counted> = {};
    for (const [name, { calls, failed }] of await commandCalls()) {
      const earlier = start.get(name) ?? { calls: 0, failed: 0 };
      if (calls > earlier.calls)
        ran[name] = { calls: calls - earlier.calls, failed: failed - earlier.failed };
    }
    // The first EVALSHA finds no script (NOSCRIPT) and one EVAL loads it; every other decision is one EVALSHA,
    // whose script reads and writes its bucket. Nothing else reached the server but the INFO counting it.
    assert.deepEqual(ran, {
      evalsha: { calls: 50, failed: 1 },
      eval: { calls: 1, failed: 0 },
      get: { calls: 50, failed: 0 },
      set: { calls: 50, failed: 0 },
      info: { calls: 1, failed: 0 },
    });
  });

  test('decisions asked in one turn go as one script call and decide as they would one by one, in order', async () => {
    const evalshaCalls = async () =>
      Number(/^cmdstat_evalsha:calls=(\d+)/m.exec(await admin.info('commandstats'))?.[1] ?? 0);
    // Loaded, so the batch is one EVALSHA and no NOSCRIPT retry.
    await shared.decide([{ name: 'batch:warm', limitPerMinute: 1 }], false, T0);
    const questions = Array.from({ length: 150 }, (_, i) => ({
      // Two buckets interleaved, one over its limit within the batch; some questions only look.
      name: `batch:${i % 2}`,
      limitPerMinute: i % 2 === 0 ? 60 : 1_000,
      spend: i % 7 !== 3,
      now: T0 + Math.floor(i / 10),
    }));
    const reference = new Map<string, number>();
    const expected = questions.map(({ name, limitPerMinute, spend, now }) => {
      const { decision, tat } = gcra(reference.get(name), now, limitPerMinute, MINUTE);
      if (spend && decision.allowed) reference.set(name, tat);
      return [decision];
    });
    const before = await evalshaCalls();
    const decided = await Promise.all(
      questions.map(({ name, limitPerMinute, spend, now }) =>
        shared.decide([{ name, limitPerMinute }], spend, now),
      ),
    );
    assert.equal((await evalshaCalls()) - before, 1, 'one script call for the whole turn');
    assert.deepEqual(decided, expected);
    assert.ok(
      decided.some((decisions) => decisions?.[0]?.allowed === false),
      'the 60/min bucket ran out within the batch',
    );
  });

  test('a bucket expires once it would be full again (plus a grace period); a refusal writes nothing', async () => {
    await limiter.consume('expiry', 60, T0);
    const ttl = await admin.pttl('portcullis:rate:expiry');
    assert.ok(
      ttl > 10_000 && ttl <= 1_000 + 10_000,
      `TTL ${ttl} ms: one interval (1 s) plus the grace (10 s)`,
    );
    for (let i = 0; i < 60; i++) await limiter.consume('expiry-full', 60, T0);
    const full = await admin.pttl('portcullis:rate:expiry-full');
    assert.ok(full > 50_000 && full <= 70_000, `TTL ${full} ms`);
    const stored = await admin.get('portcullis:rate:expiry-full');
    assert.equal((await limiter.consume('expiry-full', 60, T0)).allowed, false);
    assert.equal(await admin.get('portcullis:rate:expiry-full'), stored);
  });
});
