import { andThen, type MaybePromise } from '../../core/maybe-promise.ts';
import type { Bucket, SharedLimits } from '../rate-limit/shared-limits.ts';
import { type FailureLimits, type FailureThrottle, MemoryFailureThrottle } from './failure-throttle.ts';

/** How long a failing attempt waits while Redis is down and the limits refuse (`refuse`). */
const REFUSING_RETRY_SECONDS = 1;

/**
 * The failure throttle with its budgets in Redis, shared by every node, so guessing secrets through many
 * nodes spends the same budget. Looking is one script call over both buckets, counting a failure another.
 * While Redis is unreachable each node counts in its own memory (`local`), or every failing attempt is
 * throttled (`refuse`; the right secret still gets through, as always).
 */
export class SharedFailureThrottle implements FailureThrottle {
  readonly #shared: SharedLimits;
  readonly #limits: FailureLimits;
  readonly #local: MemoryFailureThrottle;
  readonly #namespace: string;

  /** `namespace` keeps each throttle's buckets apart in Redis (`fail`, `signin`). */
  constructor(shared: SharedLimits, limits: FailureLimits, namespace = 'fail') {
    this.#shared = shared;
    this.#limits = limits;
    this.#local = new MemoryFailureThrottle(limits);
    this.#namespace = namespace;
  }

  retryAfter(credentialId: string, ip: string | null, now: number): MaybePromise<number> {
    const decided = this.#shared.decide(this.#buckets(credentialId, ip), false, now);
    return andThen(decided, (decisions) => {
      if (decisions) return Math.max(0, ...decisions.map((decision) => decision.retryAfterSeconds));
      if (this.#shared.state() === 'refusing') return REFUSING_RETRY_SECONDS;
      return this.#local.retryAfter(credentialId, ip, now);
    });
  }

  failed(credentialId: string, ip: string | null, now: number): MaybePromise<void> {
    const decided = this.#shared.decide(this.#buckets(credentialId, ip), true, now);
    return andThen(decided, (decisions) => {
      if (!decisions && this.#shared.state() === 'local') this.#local.failed(credentialId, ip, now);
    });
  }

  #buckets(credentialId: string, ip: string | null): Bucket[] {
    const prefix = this.#namespace;
    const buckets = [
      { name: `${prefix}:c:${credentialId}`, limitPerMinute: this.#limits.perCredentialPerMinute },
    ];
    if (ip !== null) buckets.push({ name: `${prefix}:i:${ip}`, limitPerMinute: this.#limits.perIpPerMinute });
    return buckets;
  }
}
