import { gcra, type RateLimitDecision } from '../../core/rate-limit.ts';

/** Counts requests per bucket. In memory for one process; a shared store plugs in for several nodes. */
export interface RateLimiter {
  consume(bucket: string, limitPerMinute: number, now: number): RateLimitDecision;
}

const MINUTE_MS = 60_000;

/** Exact GCRA per bucket; idle buckets are dropped once their TAT is in the past. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #tats = new Map<string, number>();
  #lastSweep = 0;

  consume(bucket: string, limitPerMinute: number, now: number): RateLimitDecision {
    const { decision, tat } = gcra(this.#tats.get(bucket), now, limitPerMinute, MINUTE_MS);
    if (decision.allowed) this.#tats.set(bucket, tat);
    if (now - this.#lastSweep > MINUTE_MS) this.#sweep(now);
    return decision;
  }

  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [bucket, tat] of this.#tats) if (tat <= now) this.#tats.delete(bucket);
  }
}
