import type { Store } from '../../store/index.ts';
import type { PlatformModel } from '../model.ts';

const DAY_MS = 86_400_000;

/** Deletes request-feed rows older than each tenant's plan keeps them. Returns rows removed. */
export async function sweepRequestFeed(
  store: Pick<Store, 'tenants' | 'requestLog'>,
  model: PlatformModel,
  now: number,
): Promise<number> {
  let removed = 0;
  for (const [planId, tenantIds] of await store.tenants.idsByPlan()) {
    const days = model.plans.get(planId)?.requestRetentionDays ?? 90;
    removed += await store.requestLog.deleteOlderThan(tenantIds, now - days * DAY_MS);
  }
  return removed;
}
