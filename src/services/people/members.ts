import { PortcullisError } from '../../core/errors.ts';
import { type Role, rankOf } from '../../core/roles.ts';
import type { Member, Membership, Page, PageRequest, StoreUnit } from '../../store/index.ts';
import { authorize, requireGrantable, sessionGrant, type TenantNeed } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant, tenantOrNotFound } from '../tenants/manage.ts';
import { type RequestOrigin, userAgentDetail, userNotFound } from './users.ts';

const manageMembers = (tenantId: string): TenantNeed => ({ tenantId, permission: 'manage:members' });

function memberNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'member not found');
}

/**
 * A principal hands out, changes or removes only roles it could hold itself: a member only roles at or below
 * their own (a manager never touches an owner), and any tenant credential only roles whose permissions it holds.
 */
export function requireRoleGrantable(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  role: Role,
): void {
  if (principal.kind === 'session') {
    const own = sessionGrant(context, principal, tenantId);
    if (!own || rankOf(own.role) < rankOf(role)) {
      throw new PortcullisError(
        'insufficient_scope',
        `a ${own?.role ?? 'non'} member cannot manage ${role}s`,
        {
          extensions: { missingScopes: ['manage:members'], role },
        },
      );
    }
  }
  const grant = context.model.roles[role];
  requireGrantable(context, principal, tenantId, [...grant.permissions, ...grant.testModePermissions]);
}

export async function listMembers(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Member>> {
  authorize(context, principal, { ...manageMembers(tenantId), read: true });
  await tenantOrNotFound(context, tenantId);
  return context.store.users.members(tenantId, page);
}

/** Writes a new membership with its activity row, in the caller's unit. */
export async function insertMembership(
  unit: StoreUnit,
  principal: Principal,
  membership: Membership,
  origin: RequestOrigin,
): Promise<void> {
  await unit.users.addMembership(membership);
  await recordActivity(unit, actorOf(principal), membership.createdAt, {
    tenantId: membership.tenantId,
    action: 'member.added',
    targetType: 'membership',
    targetId: membership.userId,
    details: { role: membership.role, ...userAgentDetail(origin) },
  });
}

/** Changes a membership's role with its activity row, in the caller's unit. */
export async function changeMembershipRole(
  unit: StoreUnit,
  principal: Principal,
  before: Membership,
  role: Role,
  now: number,
  origin: RequestOrigin,
): Promise<Membership> {
  const after = await unit.users.setRole(before.tenantId, before.userId, role, now);
  if (!after) throw memberNotFound();
  await recordActivity(unit, actorOf(principal), now, {
    tenantId: before.tenantId,
    action: 'membership.role_changed',
    targetType: 'membership',
    targetId: before.userId,
    details: { from: before.role, to: role, ...userAgentDetail(origin) },
  });
  return after;
}

/** `POST /api/v1/tenants/{tenantId}/members {userId, role}`. */
export async function addMember(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: { userId: string; role: Role },
  origin: RequestOrigin,
): Promise<Member> {
  authorize(context, principal, manageMembers(tenantId));
  requireRoleGrantable(context, principal, tenantId, input.role);
  await activeTenant(context, tenantId);
  const user = await context.store.users.get(input.userId);
  if (!user) throw userNotFound();
  const now = context.clock.now();
  const membership: Membership = {
    tenantId,
    userId: user.id,
    role: input.role,
    createdAt: now,
    updatedAt: now,
  };
  await context.store.unitOfWork(async (unit) => {
    if (await unit.users.membership(tenantId, user.id)) {
      throw new PortcullisError('conflict', 'the user is already a member; change the role instead');
    }
    await insertMembership(unit, principal, membership, origin);
  });
  return { ...membership, email: user.email, name: user.name, userStatus: user.status };
}

/** The tenant's last owner stays: a tenant without one could not be managed by its members. */
async function requireAnotherOwner(unit: StoreUnit, before: Membership): Promise<void> {
  if (before.role === 'owner' && (await unit.users.countOwners(before.tenantId)) <= 1) {
    throw new PortcullisError('conflict', 'the last owner cannot be removed or demoted');
  }
}

/** `PATCH /api/v1/tenants/{tenantId}/members/{userId} {role}`: the user's tokens follow on the next request. */
export async function changeMemberRole(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  userId: string,
  role: Role,
  origin: RequestOrigin,
): Promise<Member> {
  authorize(context, principal, manageMembers(tenantId));
  const current = await context.store.users.membership(tenantId, userId);
  const user = await context.store.users.get(userId);
  if (!current || !user) throw memberNotFound();
  requireRoleGrantable(context, principal, tenantId, current.role);
  requireRoleGrantable(context, principal, tenantId, role);
  const facts = { email: user.email, name: user.name, userStatus: user.status };
  if (current.role === role) return { ...current, ...facts };
  const now = context.clock.now();
  const after = await context.store.unitOfWork(async (unit) => {
    const before = await unit.users.membership(tenantId, userId);
    if (!before) throw memberNotFound();
    if (role !== 'owner') await requireAnotherOwner(unit, before);
    return changeMembershipRole(unit, principal, before, role, now, origin);
  });
  return { ...after, ...facts };
}

/**
 * `DELETE /api/v1/tenants/{tenantId}/members/{userId}`: the user's sessions lose the tenant and their personal
 * tokens are refused there from the next request (the change empties every node's caches).
 */
export async function removeMember(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  userId: string,
  origin: RequestOrigin,
): Promise<void> {
  authorize(context, principal, manageMembers(tenantId));
  const current = await context.store.users.membership(tenantId, userId);
  if (!current) throw memberNotFound();
  requireRoleGrantable(context, principal, tenantId, current.role);
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    const before = await unit.users.membership(tenantId, userId);
    if (!before) throw memberNotFound();
    await requireAnotherOwner(unit, before);
    await unit.users.removeMembership(tenantId, userId);
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'member.removed',
      targetType: 'membership',
      targetId: userId,
      details: { role: before.role, ...userAgentDetail(origin) },
    });
  });
}
