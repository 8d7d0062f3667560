import type { Store, UsageGranularity } from '../../store/index.ts';
import type { PlatformModel } from '../model.ts';

const DAY_MS = 86_400_000;

/**
 * How long usage buckets are kept, in days, at most; never longer than the tenant's plan keeps its request
 * feed (`requestRetentionDays`). Minute buckets serve "the last hour" and windows of up to 1,000 minutes;
 * hour buckets the last month by hour; day buckets as long as the feed itself. See decision 030.
 */
export const USAGE_RETENTION_DAYS: Readonly<Record<UsageGranularity, number>> = {
  minute: 2,
  hour: 40,
  day: Number.POSITIVE_INFINITY,
};

/** Deletes usage buckets older than each granularity and each tenant's plan keeps them. Returns rows removed. */
export async function sweepUsageRollups(
  store: Pick<Store, 'tenants' | 'usageRollups'>,
  model: PlatformModel,
  now: number,
): Promise<number> {
  let removed = 0;
  for (const [planId, tenantIds] of await store.tenants.idsByPlan()) {
    const planDays = model.plans.get(planId)?.requestRetentionDays ?? 90;
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const days = Math.min(planDays, USAGE_RETENTION_DAYS[granularity]);
      removed += await store.usageRollups.deleteOlderThan(tenantIds, granularity, now - days * DAY_MS);
    }
  }
  return removed;
}
