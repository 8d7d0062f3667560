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

export function gcra(previousTat: number | undefined, now: number, limit: number, periodMs: number): GcraResult {
  const interval = periodMs / limit;
  const tat = previousTat === undefined || previousTat < now ? now : previousTat;
  const nextTat = tat + interval;
  const allowAt = nextTat - periodMs;
  if (allowAt > now) {
    return {
      tat,
      decision: {
        allowed: false,
        limit,
        remaining: 0,
        resetSeconds: Math.ceil((tat - now) / 1000),
        retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)),
      },
    };
  }
  return {
    tat: nextTat,
    decision: {
      allowed: true,
      limit,
      remaining: Math.floor((periodMs - (nextTat - now)) / interval + 1e-9),
      resetSeconds: Math.ceil((nextTat - now) / 1000),
      retryAfterSeconds: 0,
    },
  };
}
