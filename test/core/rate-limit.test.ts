import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type GcraResult, gcra, type RateLimitDecision } from '../../src/core/rate-limit.ts';

/**
 * Reference token bucket in exact integers: one token is `periodMs` units, the bucket holds
 * `limit × periodMs` units and refills `limit` units per millisecond; a request takes one token.
 */
class TokenBucket {
  readonly #limit: bigint;
  readonly #period: bigint;
  readonly #capacity: bigint;
  #units: bigint;
  #last: bigint | undefined;

  constructor(limit: number, periodMs: number) {
    this.#limit = BigInt(limit);
    this.#period = BigInt(periodMs);
    this.#capacity = this.#limit * this.#period;
    this.#units = this.#capacity;
  }

  request(now: number): RateLimitDecision {
    const at = BigInt(now);
    const refill = this.#last === undefined ? 0n : (at - this.#last) * this.#limit;
    this.#units = this.#units + refill < this.#capacity ? this.#units + refill : this.#capacity;
    this.#last = at;
    const allowed = this.#units >= this.#period;
    if (allowed) this.#units -= this.#period;
    const perSecond = 1000n * this.#limit;
    const waitFor = (units: bigint) => Number((units + perSecond - 1n) / perSecond);
    return {
      allowed,
      limit: Number(this.#limit),
      remaining: Number(this.#units / this.#period),
      resetSeconds: waitFor(this.#capacity - this.#units),
      retryAfterSeconds: allowed ? 0 : Math.max(1, waitFor(this.#period - this.#units)),
    };
  }
}

interface Step {
  at: number;
  previousTat: number | undefined;
  result: GcraResult;
}

function run(limit: number, periodMs: number, times: readonly number[]): Step[] {
  let tat: number | undefined;
  return times.map((at) => {
    const step = { at, previousTat: tat, result: gcra(tat, at, limit, periodMs) };
    tat = step.result.tat;
    return step;
  });
}

/** Limits up to 4,095 per period and clocks from 0 up to 2039: the range where a float TAT is exact. */
const scenario = fc
  .record({
    limit: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4095 })),
    periodMs: fc.oneof(fc.constantFrom(1000, 60_000, 3_600_000), fc.integer({ min: 1, max: 120_000 })),
    start: fc.oneof(
      fc.constant(0),
      fc.constant(Date.UTC(2026, 0, 1)),
      fc.integer({ min: 0, max: Date.UTC(2039, 0, 1) }),
    ),
  })
  .chain(({ limit, periodMs, start }) => {
    const interval = Math.ceil(periodMs / limit);
    const gap = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 2 * interval }),
      fc.integer({ min: 0, max: 2 * periodMs }),
    );
    return fc.array(gap, { minLength: 1, maxLength: 150, size: 'max' }).map((gaps) => {
      let at = start;
      return { limit, periodMs, times: gaps.map((step) => (at += step)) };
    });
  });

describe('gcra', () => {
  test('agrees with an exact token-bucket model on every decision, remaining, reset and retry-after', () => {
    fc.assert(
      fc.property(scenario, ({ limit, periodMs, times }) => {
        const bucket = new TokenBucket(limit, periodMs);
        for (const { at, result } of run(limit, periodMs, times)) {
          assert.deepEqual(result.decision, bucket.request(at), `at ${at}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('over any interval [a, b] at most limit + floor((b − a) / (periodMs / limit)) requests are allowed', () => {
    fc.assert(
      fc.property(scenario, ({ limit, periodMs, times }) => {
        const allowedAt = run(limit, periodMs, times)
          .filter((step) => step.result.decision.allowed)
          .map((step) => BigInt(step.at));
        for (let first = 0; first < allowedAt.length; first++) {
          for (let last = first; last < allowedAt.length; last++) {
            const span = (allowedAt[last] as bigint) - (allowedAt[first] as bigint);
            const bound = BigInt(limit) + (span * BigInt(limit)) / BigInt(periodMs);
            assert.ok(BigInt(last - first + 1) <= bound, `${last - first + 1} allowed in ${span} ms`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a burst of exactly `limit` requests at one instant is allowed, remaining counts down to 0, the next is refused', () => {
    const burst = fc.record({
      limit: fc.integer({ min: 1, max: 4095 }),
      periodMs: fc.oneof(fc.constantFrom(1000, 60_000), fc.integer({ min: 1, max: 3_600_000 })),
      at: fc.oneof(fc.constant(Date.UTC(2026, 0, 1)), fc.integer({ min: 0, max: Date.UTC(2039, 0, 1) })),
    });
    fc.assert(
      fc.property(burst, ({ limit, periodMs, at }) => {
        const steps = run(
          limit,
          periodMs,
          Array.from({ length: limit + 1 }, () => at),
        );
        const decisions = steps.map((step) => step.result.decision);
        decisions.slice(0, limit).forEach((decision, index) => {
          assert.equal(decision.allowed, true, `request ${index + 1}`);
          assert.equal(decision.remaining, limit - 1 - index);
          assert.equal(decision.retryAfterSeconds, 0);
        });
        const refused = decisions[limit];
        assert.ok(refused);
        assert.equal(refused.allowed, false);
        assert.equal(refused.remaining, 0);
        assert.ok(refused.retryAfterSeconds >= 1);
        assert.equal(refused.retryAfterSeconds, Math.max(1, Math.ceil(periodMs / (1000 * limit))));
      }),
      { numRuns: 200 },
    );
  });

  test('denied requests return the stored TAT unchanged; allowed ones move it forward', () => {
    fc.assert(
      fc.property(scenario, ({ limit, periodMs, times }) => {
        for (const { at, previousTat, result } of run(limit, periodMs, times)) {
          if (result.decision.allowed) assert.ok(result.tat > Math.max(at, previousTat ?? at));
          else assert.equal(result.tat, previousTat);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('regression: 7 per second starting on 2026-01-01 allows all 7 of a burst (float interval drift)', () => {
    const at = Date.UTC(2026, 0, 1);
    const decisions = run(
      7,
      1000,
      Array.from({ length: 8 }, () => at),
    ).map((step) => step.result.decision);
    assert.deepEqual(
      decisions.map((decision) => decision.remaining),
      [6, 5, 4, 3, 2, 1, 0, 0],
    );
    assert.deepEqual(
      decisions.map((decision) => decision.allowed),
      [true, true, true, true, true, true, true, false],
    );
  });

  test('one request per emission interval is always allowed once the bucket is drained', () => {
    const decisions = run(60, 60_000, [0, ...Array.from({ length: 59 }, () => 0), 999, 1000, 1000, 2000]);
    assert.deepEqual(
      decisions
        .slice(60)
        .map((step) => [step.result.decision.allowed, step.result.decision.retryAfterSeconds]),
      [
        [false, 1],
        [true, 0],
        [false, 1],
        [true, 0],
      ],
    );
  });
});
