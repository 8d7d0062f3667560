import type { MaybePromise } from '../../core/maybe-promise.ts';
import { gcra, type RateLimitDecision } from '../../core/rate-limit.ts';

/**
 * Counts requests per bucket. In memory for one process, answering at once; a shared store for several nodes
 * answers later, and the verify pipeline waits only then.
 */
export interface RateLimiter {
  consume(bucket: string, limitPerMinute: number, now: number): MaybePromise<RateLimitDecision>;
}

const MINUTE_MS = 60_000;
/** Buckets checked for expiry per call: more than one, so the sweep outpaces new buckets. */
const SWEEP_PER_CALL = 2;

/**
 * Exact GCRA per bucket. Each bucket's TAT lives in a slot of a typed array (the map holds slot numbers), so
 * a request stores no new heap object. Idle buckets (TAT in the past, the same as a full bucket) are dropped
 * by a sweep that checks a couple of buckets per call, round the map, instead of walking the whole map at once.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #slots = new Map<string, number>();
  #tats = new Float64Array(1024);
  readonly #free: number[] = [];
  #used = 0;
  #cursor: MapIterator<[string, number]> | undefined;

  get size(): number {
    return this.#slots.size;
  }

  consume(bucket: string, limitPerMinute: number, now: number): RateLimitDecision {
    let slot = this.#slots.get(bucket);
    const { decision, tat } = gcra(
      slot === undefined ? undefined : this.#tats[slot],
      now,
      limitPerMinute,
      MINUTE_MS,
    );
    if (decision.allowed) {
      if (slot === undefined) {
        slot = this.#allocate();
        this.#slots.set(bucket, slot);
      }
      this.#tats[slot] = tat;
    }
    this.#sweep(now);
    return decision;
  }

  #allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    if (this.#used === this.#tats.length) {
      const grown = new Float64Array(this.#tats.length * 2);
      grown.set(this.#tats);
      this.#tats = grown;
    }
    return this.#used++;
  }

  #sweep(now: number): void {
    for (let checked = 0; checked < SWEEP_PER_CALL; checked++) {
      this.#cursor ??= this.#slots.entries();
      const next = this.#cursor.next();
      if (next.done) {
        this.#cursor = undefined;
        return;
      }
      const [bucket, slot] = next.value;
      if ((this.#tats[slot] as number) <= now) {
        this.#slots.delete(bucket);
        this.#free.push(slot);
      }
    }
  }
}
