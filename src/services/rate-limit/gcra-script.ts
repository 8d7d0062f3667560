import type { RateLimitDecision } from '../../core/rate-limit.ts';
import { luaScript } from '../../store/redis.ts';

/**
 * `gcra()` of `core/rate-limit.ts` as one Lua script, so that a decision and its write are one atomic round
 * trip whichever node asks. The arithmetic is the same, step by step, on the same IEEE doubles (Lua's numbers),
 * so the decisions are identical (a property test holds the two together):
 *
 * - `Math.round` rounds halves up; `math.floor(x + 0.5)` can round 0.49999999999999994 up, so the fraction is
 *   compared instead (`x - floor(x)` is exact).
 * - The TAT is stored with 17 significant digits, which read back as the very same double. (Lua's own
 *   `tostring` keeps 14 and would lose the fraction of a millisecond the exactness rests on.)
 * - Numbers leave a script as integers (Redis truncates), so only the decision's whole numbers are returned.
 *
 * KEYS: one bucket each. ARGV: the period (ms), the TTL grace (ms), then three per key: now (ms), '1' to spend
 * (store the bucket's new TAT if it allows) or '0' to only look, and the limit. Returns per key: allowed (1 / 0),
 * remaining, resetSeconds, retryAfterSeconds. The keys are taken in order, so a bucket named twice sees the
 * first decision's write: the decisions of several requests batched into one call are those they would get one
 * call each, in that order.
 *
 * `now` is the caller's clock, not Redis `TIME`: decisions then follow the service clock like the in-memory
 * limiter's (a frozen clock in a test stays exact), and every node's clock is NTP-synchronised anyway; a skew
 * of a few milliseconds shifts one request's fate, not the rate. A bucket's key expires a grace period after
 * its TAT, when it would be full (the same as absent), so idle buckets vanish.
 */
export const gcraScript = luaScript(`
local period = tonumber(ARGV[1])
local grace = tonumber(ARGV[2])
local replies = {}
for i, key in ipairs(KEYS) do
  local now = tonumber(ARGV[3 * i])
  local spend = ARGV[3 * i + 1] == '1'
  local limit = tonumber(ARGV[3 * i + 2])
  local ahead = 0
  local stored = redis.call('GET', key)
  if stored then
    local units = (tonumber(stored) - now) * limit
    local rounded = math.floor(units)
    if units - rounded >= 0.5 then rounded = rounded + 1 end
    if rounded > 0 then ahead = rounded end
  end
  local nextAhead = ahead + period
  local capacity = period * limit
  local unitsPerSecond = 1000 * limit
  local at = #replies
  if nextAhead > capacity then
    replies[at + 1] = 0
    replies[at + 2] = 0
    replies[at + 3] = math.ceil(ahead / unitsPerSecond)
    replies[at + 4] = math.max(1, math.ceil((nextAhead - capacity) / unitsPerSecond))
  else
    if spend then
      local aheadMs = nextAhead / limit
      redis.call('SET', key, string.format('%.17g', now + aheadMs), 'PX', math.ceil(aheadMs) + grace)
    end
    replies[at + 1] = 1
    replies[at + 2] = math.floor((capacity - nextAhead) / period)
    replies[at + 3] = math.ceil(nextAhead / unitsPerSecond)
    replies[at + 4] = 0
  end
end
return replies
`);

/** One bucket's question to the script: at `now`, with `limit`, and whether an allowed request is counted. */
export interface GcraQuestion {
  now: number;
  spend: boolean;
  limit: number;
}

/** The script's arguments for `questions` (one per key, in order). */
export function gcraArguments(
  periodMs: number,
  graceMs: number,
  questions: readonly GcraQuestion[],
): string[] {
  const args = [String(periodMs), String(graceMs)];
  for (const { now, spend, limit } of questions) args.push(String(now), spend ? '1' : '0', String(limit));
  return args;
}

/** The script's reply as one decision per key. */
export function gcraDecisions(reply: unknown, questions: readonly GcraQuestion[]): RateLimitDecision[] {
  if (!Array.isArray(reply) || reply.length !== questions.length * 4) {
    throw new Error('unexpected reply from the rate-limit script');
  }
  return questions.map(({ limit }, index) => {
    const [allowed, remaining, resetSeconds, retryAfterSeconds] = reply
      .slice(index * 4, index * 4 + 4)
      .map(Number) as [number, number, number, number];
    return { allowed: allowed === 1, limit, remaining, resetSeconds, retryAfterSeconds };
  });
}
