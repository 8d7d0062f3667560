import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Page, PageRequest, Tenant, TenantStatus } from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
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
  principal: Principal,
  input: CreateTenantInput,
): Promise<Tenant> {
  authorize(context, principal, { platform: 'manage' });
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
  await context.store.unitOfWork(async (unit) => {
    await unit.tenants.insert(tenant);
    await recordActivity(unit, actorOf(principal), now, {
      tenantId: tenant.id,
      action: 'tenant.created',
      targetType: 'tenant',
      targetId: tenant.id,
      details: { name: tenant.name, plan: planId },
    });
  });
  return tenant;
}

/** The tenant, or 404. Only for use cases that have authorized their caller on this tenant. */
export async function tenantOrNotFound(context: ServiceContext, tenantId: string): Promise<Tenant> {
  const tenant = await context.store.tenants.get(tenantId);
  if (!tenant) throw new PortcullisError('not_found', 'tenant not found');
  return tenant;
}

/** A tenant that may take new objects: it exists and is not suspended. */
export async function activeTenant(context: ServiceContext, tenantId: string): Promise<Tenant> {
  const tenant = await tenantOrNotFound(context, tenantId);
  if (tenant.status === 'suspended') throw new PortcullisError('tenant_suspended', 'the tenant is suspended');
  return tenant;
}

export async function getTenant(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
): Promise<Tenant> {
  authorize(context, principal, { tenantId, permission: 'read:tenant', read: true });
  return tenantOrNotFound(context, tenantId);
}

export function listTenants(
  context: ServiceContext,
  principal: Principal,
  page: PageRequest,
): Promise<Page<Tenant>> {
  authorize(context, principal, { platform: 'manage' });
  return context.store.tenants.list(page);
}

export async function updateTenant(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: UpdateTenantInput,
): Promise<Tenant> {
  authorize(context, principal, { platform: 'manage' });
  if (input.plan !== undefined && !context.model.plans.has(input.plan))
    throw unknownPlan(context, input.plan);
  const now = context.clock.now();
  const actor = actorOf(principal);
  return context.store.unitOfWork(async (unit) => {
    const before = await unit.tenants.get(tenantId);
    if (!before) throw new PortcullisError('not_found', 'tenant not found');
    // Only what differs is written: an unchanged plan or status would empty every cache for nothing.
    const changes = {
      ...(input.name === undefined || input.name === before.name ? {} : { name: input.name }),
      ...(input.plan === undefined || input.plan === before.planId ? {} : { planId: input.plan }),
      ...(input.status === undefined || input.status === before.status ? {} : { status: input.status }),
    };
    if (Object.keys(changes).length === 0) return before;
    const after = await unit.tenants.update(tenantId, changes, now);
    if (!after) throw new PortcullisError('not_found', 'tenant not found');
    const target = { tenantId, targetType: 'tenant', targetId: tenantId } as const;
    if (input.name !== undefined && input.name !== before.name) {
      await recordActivity(unit, actor, now, {
        ...target,
        action: 'tenant.renamed',
        details: { from: before.name, to: after.name },
      });
    }
    if (input.plan !== undefined && input.plan !== before.planId) {
      await recordActivity(unit, actor, now, {
        ...target,
        action: 'tenant.plan_changed',
        details: { from: before.planId, to: after.planId },
      });
    }
    if (input.status !== undefined && input.status !== before.status) {
      const action = input.status === 'suspended' ? 'tenant.suspended' : 'tenant.resumed';
      await recordActivity(unit, actor, now, { ...target, action });
    }
    return after;
  });
}
