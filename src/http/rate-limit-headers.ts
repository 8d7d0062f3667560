import type { RateLimitState } from '../services/verification/result.ts';

/** The one policy every credential's requests count against: its plan's requests per minute. */
const POLICY = '"default"';
const WINDOW_SECONDS = 60;

/**
 * The `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers, structured fields):
 * the quota `q` per window `w` seconds, and what is left now, `r`, with `t` seconds until it is restored. A
 * refused request has `r=0` and `t` equal to its `Retry-After`, so the fields never disagree.
 */
export function rateLimitHeaders(state: RateLimitState, retryAfterSeconds?: number): Record<string, string> {
  const refused = retryAfterSeconds !== undefined;
  const remaining = refused ? 0 : state.remaining;
  const reset = refused ? retryAfterSeconds : state.resetSeconds;
  const headers: Record<string, string> = {
    'ratelimit-policy': `${POLICY};q=${state.limit};w=${WINDOW_SECONDS}`,
    ratelimit: `${POLICY};r=${remaining};t=${reset}`,
  };
  if (refused) headers['retry-after'] = String(retryAfterSeconds);
  return headers;
}
