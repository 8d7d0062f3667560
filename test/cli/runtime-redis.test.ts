// The runtime with REDIS_URL: shared limits in Redis, one log line when Redis goes and one when it is back, the
// connection closed with the runtime, and a start without Redis.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/cli/logger.ts';
import { openRuntime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config/load.ts';
import { redisServerAvailable, startRedis, type TestRedis } from '../support/redis.ts';

const T0 = Date.UTC(2026, 5, 1);

interface LogLine {
  level: number;
  msg: string;
  err?: { message: string };
}

/** A runtime whose log lines land in `lines`; `nextLine()` resolves at the next one. */
async function start(dataDir: string, redisUrl: string) {
  const config = loadConfig({ object: { dataDir, logLevel: 'info' }, env: { REDIS_URL: redisUrl } });
  const lines: LogLine[] = [];
  let waiting: (() => void)[] = [];
  const logger = createLogger(config, {
    write(line: string) {
      lines.push(JSON.parse(line));
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  });
  const runtime = await openRuntime(config, logger);
  return { runtime, lines, nextLine: () => new Promise<void>((resolve) => waiting.push(resolve)) };
}

async function clientCount(redis: TestRedis): Promise<number> {
  const admin = new Redis(redis.url);
  try {
    const list = String(await admin.call('CLIENT', 'LIST'));
    return list.trim().split('\n').length - 1;
  } finally {
    admin.disconnect();
  }
}

describe('runtime with REDIS_URL', {
  skip: !redisServerAvailable() && 'redis-server is not available',
}, () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portcullis-runtime-redis-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('logs once when Redis goes, once when it is back; closing the runtime closes the connection', async () => {
    let redis = (await startRedis()) as TestRedis;
    const { runtime, lines, nextLine } = await start(dataDir, redis.url);
    let closed = false;
    try {
      const { rateLimiter, sharedLimits } = runtime.context;
      assert.equal((await rateLimiter.consume('b', 60, T0)).remaining, 59);
      assert.equal((await rateLimiter.consume('b', 60, T0)).remaining, 58, 'counted in Redis');
      assert.equal(await clientCount(redis), 1, 'the runtime holds one connection');

      await redis.stop();
      for (let i = 0; i < 10; i++) assert.equal((await rateLimiter.consume('b', 60, T0)).allowed, true);
      assert.equal(sharedLimits?.state(), 'local');
      assert.deepEqual(
        lines.map((line) => [line.level, line.msg]),
        [[40, 'Redis unreachable: rate limits counted per node until it is back']],
      );
      assert.equal(typeof lines[0]?.err?.message, 'string', 'with the error that showed it');

      const back = nextLine();
      redis = (await startRedis({ port: redis.port })) as TestRedis;
      await back;
      assert.deepEqual(lines.at(-1)?.msg, 'Redis reachable again: rate limits shared by every node');
      assert.equal(lines.length, 2);
      assert.equal(
        (await rateLimiter.consume('b', 60, T0)).remaining,
        59,
        'the new server counts from empty',
      );

      await runtime.close();
      closed = true;
      assert.equal(await clientCount(redis), 0, 'closed with the runtime');
    } finally {
      if (!closed) await runtime.close();
      await redis.stop();
    }
  });

  test('starts while Redis is down, on per-node limits, and says so at the first request', async () => {
    const redis = (await startRedis()) as TestRedis;
    await redis.stop();
    const { runtime, lines } = await start(dataDir, redis.url);
    try {
      assert.equal((await runtime.context.rateLimiter.consume('b', 60, T0)).remaining, 59);
      assert.equal(runtime.context.sharedLimits?.state(), 'local');
      assert.deepEqual(
        lines.map((line) => line.level),
        [40],
      );
    } finally {
      await runtime.close();
    }
  });
});
