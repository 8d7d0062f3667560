import type { Store } from '../../store/index.ts';
import type { PlatformModel } from '../model.ts';

/** A plan that tenants are on and the configuration no longer defines. */
export interface UndefinedPlan {
  plan: string;
  tenants: number;
}

/**
 * The plans tenants are on that the configuration lacks (a plan renamed or removed from the file). Such a
 * tenant reads as `active`, but nothing of it can be granted: its credentials answer `tenant_suspended` until
 * the plan is back or the tenant moves to another (`PATCH …/tenants/{id}` with `plan`). The server names them
 * as it starts.
 */
export async function undefinedPlansInUse(
  store: Pick<Store, 'tenants'>,
  model: PlatformModel,
): Promise<UndefinedPlan[]> {
  const found: UndefinedPlan[] = [];
  for (const [plan, tenantIds] of await store.tenants.idsByPlan())
    if (!model.plans.has(plan)) found.push({ plan, tenants: tenantIds.length });
  return found.sort((a, b) => a.plan.localeCompare(b.plan));
}
