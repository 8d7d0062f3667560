import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { gcra } from '../../src/core/rate-limit.ts';
import { MemoryRateLimiter } from '../../src/services/rate-limit/limiter.ts';

const T0 = Date.UTC(2026, 5, 1);

describe('in-memory rate limiter', () => {
  test('decides exactly as GCRA over a plain map, whatever its sweep drops', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bucket: fc.integer({ min: 0, max: 30 }),
            advanceMs: fc.integer({ min: 0, max: 4_000 }),
            limit: fc.constantFrom(1, 3, 60, 600),
          }),
          { maxLength: 400 },
        ),
        (calls) => {
          const limiter = new MemoryRateLimiter();
          const reference = new Map<string, number>();
          let now = T0;
          for (const { bucket, advanceMs, limit } of calls) {
            now += advanceMs;
            const name = `b${bucket}:${limit}`;
            const expected = gcra(reference.get(name), now, limit, 60_000);
            if (expected.decision.allowed) reference.set(name, expected.tat);
            assert.deepEqual(limiter.consume(name, limit, now), expected.decision);
          }
        },
      ),
    );
  });

  test('idle buckets are swept a few per call, and their slots reused', () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 5_000; i++) limiter.consume(`key${i}`, 600, T0);
    assert.equal(limiter.size, 5_000);
    // A minute later every one of those buckets is full again: the calls that follow sweep them out.
    for (let i = 0; i < 5_000; i++) limiter.consume('busy', 1_000_000, T0 + 60_000 + i);
    assert.ok(limiter.size <= 2, `${limiter.size} buckets left`);
    const after = limiter.consume('key1', 600, T0 + 120_000);
    assert.equal(after.remaining, 599, 'a swept bucket starts full');
  });
});
