import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { PortcullisError } from '../../src/core/errors.ts';

const invalid = (field: string) => (error: unknown) =>
  error instanceof PortcullisError && error.code === 'config_invalid' && error.extensions?.field === field;

describe('config: redisUrl and rateLimit', () => {
  it('takes REDIS_URL over the file; without either, no Redis', () => {
    assert.equal(loadConfig({ env: {} }).redisUrl, undefined);
    const fromFile = loadConfig({ object: { redisUrl: 'redis://cache:6379/2' }, env: {} });
    assert.equal(fromFile.redisUrl, 'redis://cache:6379/2');
    const fromEnv = loadConfig({
      object: { redisUrl: 'redis://cache:6379/2' },
      env: { REDIS_URL: 'rediss://user:secret@cache.internal:6380' },
    });
    assert.equal(fromEnv.redisUrl, 'rediss://user:secret@cache.internal:6380');
  });

  it('refuses a URL that is not redis:// or rediss://, naming the field', () => {
    for (const url of ['http://cache:6379', 'cache:6379', 'valkey://cache', '']) {
      assert.throws(() => loadConfig({ object: { redisUrl: url }, env: {} }), invalid('redisUrl'), url);
    }
  });

  it('falls back to per-node limits after 100 ms by default; refuse and the timeout can be set', () => {
    assert.deepEqual(loadConfig({ env: {} }).rateLimit, {
      whenSharedUnavailable: 'local',
      sharedTimeoutMs: 100,
    });
    const set = { whenSharedUnavailable: 'refuse', sharedTimeoutMs: 50 };
    assert.deepEqual(loadConfig({ object: { rateLimit: set }, env: {} }).rateLimit, set);
    for (const [rateLimit, field] of [
      [{ whenSharedUnavailable: 'open' }, 'rateLimit.whenSharedUnavailable'],
      [{ sharedTimeoutMs: 0 }, 'rateLimit.sharedTimeoutMs'],
      [{ sharedTimeoutMs: 2.5 }, 'rateLimit.sharedTimeoutMs'],
    ] as const) {
      assert.throws(() => loadConfig({ object: { rateLimit }, env: {} }), invalid(field), field);
    }
  });
});
