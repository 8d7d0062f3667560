import { andThen, type MaybePromise } from '../../core/maybe-promise.ts';
import type { RateLimitDecision } from '../../core/rate-limit.ts';
import { MemoryRateLimiter, type RateLimiter } from './limiter.ts';
import type { SharedLimits } from './shared-limits.ts';

/** How soon a refused caller may try again while Redis is down and the limits refuse (`refuse`). */
const REFUSING_RETRY_SECONDS = 1;

/**
 * Request limits shared by every node through Redis: a key driven through any number of nodes gets its limit,
 * not a multiple of it. One round trip per call. While Redis is unreachable each node counts in its own memory
 * (`local`: fail open to per-node limits, N nodes letting through up to N times the rate) or every call is
 * refused with a short Retry-After (`refuse`); either way the caller gets a decision, never an error.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #shared: SharedLimits;
  readonly #local = new MemoryRateLimiter();

  constructor(shared: SharedLimits) {
    this.#shared = shared;
  }

  consume(bucket: string, limitPerMinute: number, now: number): MaybePromise<RateLimitDecision> {
    const decided = this.#shared.decide([{ name: `rate:${bucket}`, limitPerMinute }], true, now);
    return andThen(decided, (decisions) => decisions?.[0] ?? this.#fallback(bucket, limitPerMinute, now));
  }

  #fallback(bucket: string, limitPerMinute: number, now: number): RateLimitDecision {
    if (this.#shared.state() !== 'refusing') return this.#local.consume(bucket, limitPerMinute, now);
    return {
      allowed: false,
      limit: limitPerMinute,
      remaining: 0,
      resetSeconds: REFUSING_RETRY_SECONDS,
      retryAfterSeconds: REFUSING_RETRY_SECONDS,
    };
  }
}
