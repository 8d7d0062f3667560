import type { MaybePromise } from '../../core/maybe-promise.ts';
import { gcra } from '../../core/rate-limit.ts';

const MINUTE_MS = 60_000;
/**
 * Idle buckets are swept once this many exist, so junk ids cannot grow memory without bound; after a sweep the
 * next waits until the map has doubled or a minute has passed (every bucket then refilled), so a flood of
 * distinct ids cannot make each failure walk the map.
 */
const SWEEP_AT = 100_000;

export interface FailureLimits {
  /** Failed authentications per credential id (a `client_id`, an `X-Api-Key`) per minute. */
  perCredentialPerMinute: number;
  /** Failed authentications per source address per minute. */
  perIpPerMinute: number;
}

/**
 * Throttles failed authentication of a client or a management key pair, per credential id and per source
 * address (GCRA, as the request limiter). Only failures count; once either budget is spent, a failing attempt
 * on it is answered 429 until the budget refills, while the right secret still gets through (so no one can
 * lock a credential out by knowing its id).
 */
export interface FailureThrottle {
  /** Seconds to wait before `credentialId` may be tried again from `ip`; 0 when it may be tried now. */
  retryAfter(credentialId: string, ip: string | null, now: number): MaybePromise<number>;
  /** Counts one failed attempt against both budgets. */
  failed(credentialId: string, ip: string | null, now: number): MaybePromise<void>;
}

const credentialBucket = (credentialId: string): string => `c\u0000${credentialId}`;
const addressBucket = (ip: string): string => `i\u0000${ip}`;

/** The failure throttle in memory, per process. */
export class MemoryFailureThrottle implements FailureThrottle {
  readonly #limits: FailureLimits;
  readonly #tats = new Map<string, number>();
  #sweepAtSize = SWEEP_AT;
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(limits: FailureLimits) {
    this.#limits = limits;
  }

  retryAfter(credentialId: string, ip: string | null, now: number): number {
    let wait = this.#wait(credentialBucket(credentialId), this.#limits.perCredentialPerMinute, now);
    if (ip !== null) wait = Math.max(wait, this.#wait(addressBucket(ip), this.#limits.perIpPerMinute, now));
    return wait;
  }

  failed(credentialId: string, ip: string | null, now: number): void {
    this.#spend(credentialBucket(credentialId), this.#limits.perCredentialPerMinute, now);
    if (ip !== null) this.#spend(addressBucket(ip), this.#limits.perIpPerMinute, now);
    if (
      this.#tats.size >= this.#sweepAtSize ||
      (this.#tats.size >= SWEEP_AT && now - this.#sweptAt >= MINUTE_MS)
    ) {
      for (const [bucket, tat] of this.#tats) if (tat <= now) this.#tats.delete(bucket);
      this.#sweptAt = now;
      this.#sweepAtSize = Math.max(SWEEP_AT, this.#tats.size * 2);
    }
  }

  #wait(bucket: string, limit: number, now: number): number {
    const { decision } = gcra(this.#tats.get(bucket), now, limit, MINUTE_MS);
    return decision.allowed ? 0 : decision.retryAfterSeconds;
  }

  #spend(bucket: string, limit: number, now: number): void {
    const { decision, tat } = gcra(this.#tats.get(bucket), now, limit, MINUTE_MS);
    if (decision.allowed) this.#tats.set(bucket, tat);
  }
}
