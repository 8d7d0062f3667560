import { PortcullisError } from '../../core/errors.ts';
import { BUCKET_MS, bucketStartOf, type UsageGranularity } from '../../store/index.ts';
import { authorize, confinedMode } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { tenantOrNotFound } from '../tenants/manage.ts';
import { type VerifyFailureCode, verifyFailureCodes } from '../verification/result.ts';

/** What a verified call can come to: valid, or the code of its refusal. Every one is counted. */
export const usageOutcomes = ['valid', ...verifyFailureCodes] as const;
export type UsageOutcome = 'valid' | VerifyFailureCode;

/** 9999-12-31T23:59:59.999Z: the last instant RFC 3339 can write. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A report spans this many buckets at most. */
export const MAX_USAGE_BUCKETS = 1000;

/** Buckets in a report that names no `since`: the last hour by minute, the last day by hour, 30 days by day. */
const DEFAULT_BUCKETS: Readonly<Record<UsageGranularity, number>> = { minute: 60, hour: 24, day: 30 };

export interface UsageReportRequest {
  interval: UsageGranularity;
  /** One credential's calls (an API key's, a client's or a personal token's id); the whole tenant's without. */
  keyId?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
}

export interface UsageBucket {
  start: number;
  total: number;
  outcomes: Record<UsageOutcome, number>;
  rateLimited: number;
}

export interface UsageReport {
  interval: UsageGranularity;
  /** The first bucket's start. */
  since: number;
  /** The end of the last bucket (exclusive). */
  until: number;
  /** Every bucket of the window, oldest first, those without calls as zeros. */
  buckets: UsageBucket[];
}

/**
 * A tenant's verified calls (or one credential's) counted per bucket and outcome, from the usage rollups the
 * request feed's flushes keep (decision 030); never a scan of the feed. Read as the request feed is read:
 * `read:audit`, a test-mode principal seeing test-mode credentials' calls only.
 */
export async function reportUsage(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  request: UsageReportRequest,
): Promise<UsageReport> {
  authorize(context, principal, { tenantId, permission: 'read:audit', read: true });
  const { interval } = request;
  const { since, until } = usageWindow(interval, request, context.clock.now());
  await tenantOrNotFound(context, tenantId);
  // Calls still in the write buffer, and counts the writer holds for the open minute, are counted too.
  await context.requestFeed.flush(false, true);
  const counts = await context.store.usageRollups.counts(tenantId, {
    granularity: interval,
    since,
    until,
    credentialId: request.keyId,
    mode: confinedMode(principal),
  });
  const width = BUCKET_MS[interval];
  const buckets: UsageBucket[] = [];
  for (let start = since; start < until; start += width) buckets.push(emptyBucket(start));
  for (const { bucketStart, outcome, count } of counts) {
    const bucket = buckets[Math.floor((bucketStart - since) / width)];
    if (!bucket) continue;
    bucket.total += count;
    if (outcome in bucket.outcomes) bucket.outcomes[outcome as UsageOutcome] += count;
    if (outcome === 'rate_limited') bucket.rateLimited += count;
  }
  return { interval, since, until, buckets };
}

/**
 * The window a report covers, on bucket boundaries: `since` down to its bucket's start, `until` up to a
 * bucket's end (the current bucket's end when absent), `since` by default the interval's usual span back.
 */
export function usageWindow(
  interval: UsageGranularity,
  request: Pick<UsageReportRequest, 'since' | 'until'>,
  now: number,
): { since: number; until: number } {
  const width = BUCKET_MS[interval];
  const until = bucketStartOf((request.until ?? now + 1) - 1, interval) + width;
  const since =
    request.since === undefined
      ? until - DEFAULT_BUCKETS[interval] * width
      : bucketStartOf(request.since, interval);
  const reversed =
    request.since !== undefined && request.until !== undefined && request.since >= request.until;
  if (reversed || since >= until) {
    throw new PortcullisError('validation_failed', 'since must be before until', {
      extensions: { field: 'since' },
    });
  }
  // Every instant of an answer must be one a client can send back in RFC 3339 (a year of four digits).
  if (until > LAST_INSTANT || since < 0) {
    throw new PortcullisError(
      'validation_failed',
      'since and until must fall within the years 1970 to 9999',
      {
        extensions: { field: until > LAST_INSTANT ? 'until' : 'since' },
      },
    );
  }
  const buckets = (until - since) / width;
  if (buckets > MAX_USAGE_BUCKETS) {
    throw new PortcullisError(
      'validation_failed',
      `the window spans ${buckets} ${interval} buckets; at most ${MAX_USAGE_BUCKETS} are allowed: narrow since and until, or choose a longer interval`,
      { extensions: { field: 'since', maxBuckets: MAX_USAGE_BUCKETS } },
    );
  }
  return { since, until };
}

function emptyBucket(start: number): UsageBucket {
  const outcomes = Object.fromEntries(usageOutcomes.map((outcome) => [outcome, 0])) as Record<
    UsageOutcome,
    number
  >;
  return { start, total: 0, outcomes, rateLimited: 0 };
}
