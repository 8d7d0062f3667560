import { z } from 'zod';
import { type UsageReport, usageOutcomes } from '../../services/usage/report.ts';
import { usageGranularities } from '../../store/index.ts';
import { timestamp, toIso } from '../schemas.ts';

const count = z.number().int().nonnegative();

const usageBucketSchema = z.object({
  start: timestamp.describe("The bucket's first instant (UTC)"),
  total: count.describe('Every verified call in the bucket'),
  outcomes: z
    .object(
      Object.fromEntries(usageOutcomes.map((outcome) => [outcome, count])) as Record<
        (typeof usageOutcomes)[number],
        typeof count
      >,
    )
    .describe('Calls per outcome: valid, or the code of the refusal'),
  rateLimited: count.describe('Calls refused for the rate limit (the same as outcomes.rate_limited)'),
});

export const usageReportSchema = z.object({
  interval: z.enum(usageGranularities),
  since: timestamp.describe("The first bucket's start"),
  until: timestamp.describe("The last bucket's end (exclusive)"),
  buckets: z
    .array(usageBucketSchema)
    .describe('Every bucket of the window, oldest first; those without calls are zeros'),
});

/** A usage report as the API and `portcullis usage --json` show it. */
export function presentUsage(report: UsageReport): z.input<typeof usageReportSchema> {
  return {
    interval: report.interval,
    since: toIso(report.since),
    until: toIso(report.until),
    buckets: report.buckets.map((bucket) => ({ ...bucket, start: toIso(bucket.start) })),
  };
}
