import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Page, PageRequest, Tenant, TenantStatus } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';

export interface CreateTenantInput {
  name: string;
  plan?: string | undefined;
}

export interface UpdateTenantInput {
  name?: string | undefined;
  plan?: string | undefined;
  status?: TenantStatus | undefined;
}

function unknownPlan(context: ServiceContext, plan: string): PortcullisError {
  return new PortcullisError('validation_failed', `plan "${plan}" does not exist`, {
    extensions: { field: 'plan', plans: context.model.planList.map((entry) => entry.id) },
  });
}

export async function createTenant(
  context: ServiceContext,
  actor: Actor,
  input: CreateTenantInput,
): Promise<Tenant> {
  const planId = input.plan ?? context.model.defaultPlan;
  if (!context.model.plans.has(planId)) throw unknownPlan(context, planId);
  const now = context.clock.now();
  const tenant: Tenant = {
    id: newId('tenant', context.random),
    name: input.name,
    planId,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await context.store.tenants.insert(tenant);
  await recordActivity(context.store, actor, now, {
    tenantId: tenant.id,
    action: 'tenant.created',
    targetType: 'tenant',
    targetId: tenant.id,
    details: { name: tenant.name, plan: planId },
  });
  return tenant;
}

/** The tenant, or 404: callers reach this only after their credential was checked against the tenant. */
export async function getTenant(context: ServiceContext, tenantId: string): Promise<Tenant> {
  const tenant = await context.store.tenants.get(tenantId);
  if (!tenant) throw new PortcullisError('not_found', 'tenant not found');
  return tenant;
}

export function listTenants(context: ServiceContext, page: PageRequest): Promise<Page<Tenant>> {
  return context.store.tenants.list(page);
}

export async function updateTenant(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  input: UpdateTenantInput,
): Promise<Tenant> {
  const before = await getTenant(context, tenantId);
  if (input.plan !== undefined && !context.model.plans.has(input.plan))
    throw unknownPlan(context, input.plan);
  const now = context.clock.now();
  const after = await context.store.tenants.update(
    tenantId,
    {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.plan === undefined ? {} : { planId: input.plan }),
      ...(input.status === undefined ? {} : { status: input.status }),
    },
    now,
  );
  if (!after) throw new PortcullisError('not_found', 'tenant not found');
  const target = { tenantId, targetType: 'tenant', targetId: tenantId } as const;
  if (input.name !== undefined && input.name !== before.name) {
    await recordActivity(context.store, actor, now, {
      ...target,
      action: 'tenant.renamed',
      details: { from: before.name, to: after.name },
    });
  }
  if (input.plan !== undefined && input.plan !== before.planId) {
    await recordActivity(context.store, actor, now, {
      ...target,
      action: 'tenant.plan_changed',
      details: { from: before.planId, to: after.planId },
    });
  }
  if (input.status !== undefined && input.status !== before.status) {
    const action = input.status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed';
    await recordActivity(context.store, actor, now, { ...target, action });
  }
  return after;
}
