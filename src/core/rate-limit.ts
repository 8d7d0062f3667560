/**
 * Generic cell rate algorithm (GCRA): exact token-bucket behaviour with one number of state per key, the
 * theoretical arrival time (TAT). A limit of `limit` requests per `periodMs` lets a burst of `limit` through
 * at once, then one request per emission interval (`periodMs / limit`).
 */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Requests that would still be allowed right now after this one. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds to wait before the next request can pass; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface GcraResult {
  decision: RateLimitDecision;
  /** The TAT to store; unchanged when the request is refused. */
  tat: number;
}

/**
 * The arithmetic runs on how far the TAT is ahead of `now`, in units of 1/limit ms: the emission interval is
 * then the integer `periodMs` and sums are exact. (Adding the fractional interval 1000/7 ms in floating point
 * drifted, and a burst of 7 per second lost its 7th request.) With whole-millisecond clocks the result is
 * exact while the stored float TAT resolves a unit, limit × ulp(TAT) < 1: up to 4,095 per period until 2039
 * (TAT < 2^41 ms). Above that a float cannot hold the state exactly, and each request may land up to half
 * an ulp (about 0.1 µs) off.
 */
export function gcra(
  previousTat: number | undefined,
  now: number,
  limit: number,
  periodMs: number,
): GcraResult {
  const ahead = previousTat === undefined ? 0 : Math.max(0, Math.round((previousTat - now) * limit));
  const nextAhead = ahead + periodMs;
  const capacity = periodMs * limit;
  const unitsPerSecond = 1000 * limit;
  if (nextAhead > capacity) {
    return {
      tat: previousTat ?? now,
      decision: {
        allowed: false,
        limit,
        remaining: 0,
        resetSeconds: Math.ceil(ahead / unitsPerSecond),
        retryAfterSeconds: Math.max(1, Math.ceil((nextAhead - capacity) / unitsPerSecond)),
      },
    };
  }
  return {
    tat: now + nextAhead / limit,
    decision: {
      allowed: true,
      limit,
      remaining: Math.floor((capacity - nextAhead) / periodMs),
      resetSeconds: Math.ceil(nextAhead / unitsPerSecond),
      retryAfterSeconds: 0,
    },
  };
}
