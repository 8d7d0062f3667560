import type { Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import type { ManagementPermission, PlatformPermission } from '../../core/management-permissions.ts';
import type { Role, RoleGrant } from '../../core/roles.ts';
import type { RequestFeed } from '../audit/request-feed.ts';
import { actorOf, type Principal, type SessionPrincipal } from './principal.ts';

/** What a use case needs of its caller: a platform permission, or a management permission on one tenant. */
export type Need = { platform: Exclude<PlatformPermission, '*'> } | TenantNeed;

/**
 * A management permission on one tenant. `read`: the use case only reads (a list or a get), which a member
 * whose role reads everything (`read:*`) may do whatever permission guards the resource; machine credentials
 * need the permission itself, as always.
 */
export interface TenantNeed {
  tenantId: string;
  permission: ManagementPermission;
  read?: boolean;
}

interface PolicyContext {
  requestFeed: Pick<RequestFeed, 'recordFailure'>;
  clock: { now(): number };
  model: { roles: Readonly<Record<Role, RoleGrant>> };
}

/** The role grant of a session in a tenant, or undefined when the user is not a member there. */
export function sessionGrant(
  context: PolicyContext,
  principal: SessionPrincipal,
  tenantId: string,
): RoleGrant | undefined {
  const role = principal.memberships.get(tenantId);
  return role === undefined ? undefined : context.model.roles[role];
}

/** How far a role grant reaches for a need: objects of both modes, test-mode objects only, or not at all. */
function reachOf(grant: RoleGrant, need: TenantNeed): 'all' | 'test' | undefined {
  if (grant.permissions.has(need.permission) || (need.read === true && grant.readsAll)) return 'all';
  return grant.testModePermissions.has(need.permission) ? 'test' : undefined;
}

function denied(
  context: PolicyContext,
  principal: Principal,
  tenantId: string | null,
  missing: readonly string[],
  detail: string,
): PortcullisError {
  context.requestFeed.recordFailure(
    {
      tenantId,
      action: 'access.denied',
      actor: actorOf(principal),
      targetType: tenantId === null ? 'platform' : 'tenant',
      targetId: tenantId ?? 'platform',
      reason: missing.join(' '),
    },
    context.clock.now(),
  );
  return new PortcullisError('insufficient_scope', detail, { extensions: { missingScopes: missing } });
}

/**
 * The one policy. A platform key reaches every tenant with `manage`, and `POST /api/v1/verify` with `verify`;
 * a tenant principal reaches its own tenant with the permissions it holds, and nothing platform-wide; local
 * access reaches everything. A valid credential that lacks the permission or the reach is 403
 * `insufficient_scope` naming what it needs, written (aggregated) to the activity feed; another tenant's path is
 * 404, as if that tenant did not exist.
 */
export function authorize(context: PolicyContext, principal: Principal, need: Need): void {
  if (principal.kind === 'local') return;
  if ('platform' in need) {
    if (principal.kind !== 'platform_key') {
      throw denied(
        context,
        principal,
        principal.kind === 'session' ? null : principal.tenantId,
        [need.platform],
        `this needs a platform key with the "${need.platform}" permission`,
      );
    }
    if (!holdsPlatform(principal.permissions, need.platform)) {
      throw denied(
        context,
        principal,
        null,
        [need.platform],
        `this credential lacks the "${need.platform}" permission`,
      );
    }
    return;
  }
  if (principal.kind === 'session') {
    const grant = sessionGrant(context, principal, need.tenantId);
    if (!grant) throw new PortcullisError('not_found', 'tenant not found');
    if (reachOf(grant, need) === undefined) {
      throw denied(
        context,
        principal,
        need.tenantId,
        [need.permission],
        `the "${grant.role}" role lacks the "${need.permission}" permission`,
      );
    }
    return;
  }
  if (principal.kind === 'platform_key') {
    if (!holdsPlatform(principal.permissions, 'manage')) {
      // On the platform's feed: the path's tenant may not exist, and a platform key belongs to none.
      throw denied(context, principal, null, ['manage'], 'this credential lacks the "manage" permission');
    }
    return;
  }
  if (principal.tenantId !== need.tenantId) throw new PortcullisError('not_found', 'tenant not found');
  if (!principal.permissions.includes(need.permission)) {
    throw denied(
      context,
      principal,
      need.tenantId,
      [need.permission],
      `this credential lacks the "${need.permission}" permission`,
    );
  }
}

function holdsPlatform(held: readonly PlatformPermission[], permission: PlatformPermission): boolean {
  return held.includes('*') || held.includes(permission);
}

/**
 * The mode a principal is confined to: `test` for a test-mode key pair or the token of a test-mode client,
 * which never sees live data; undefined for the others, which see both modes (a live pair may manage its
 * tenant's sandbox, as it always could).
 */
export function confinedMode(
  principal: Principal,
  need?: TenantNeed,
  context?: PolicyContext,
): Mode | undefined {
  if (principal.kind === 'session') {
    // A member whose role holds the permission on test-mode objects only (a developer and keys).
    const grant = need && context && sessionGrant(context, principal, need.tenantId);
    return grant && need && reachOf(grant, need) === 'test' ? 'test' : undefined;
  }
  return (principal.kind === 'management_key' || principal.kind === 'access_token') &&
    principal.mode === 'test'
    ? 'test'
    : undefined;
}

/**
 * The mode a list is narrowed to when the caller asks for `requested` (or for any): the principal's own mode
 * when it is confined to one, else the one asked for. `null` when the caller asks for a mode it cannot see,
 * which lists nothing rather than refusing: the objects of that mode are, for it, absent.
 */
export function listedMode(principal: Principal, requested: Mode | undefined): Mode | undefined | null {
  const confined = confinedMode(principal);
  if (confined === undefined) return requested;
  return requested === undefined || requested === confined ? confined : null;
}

/** Whether a principal may see an object of `mode`: one it may not see answers 404, as if absent. */
export function seesMode(
  principal: Principal,
  mode: Mode,
  need?: TenantNeed,
  context?: PolicyContext,
): boolean {
  const confined = confinedMode(principal, need, context);
  return confined === undefined || confined === mode;
}

/**
 * Creating or changing an object of `mode` (or, with `null`, one that belongs to both modes, such as an app):
 * a test-mode credential manages only test-mode objects.
 */
export function requireMode(
  context: PolicyContext,
  principal: Principal,
  mode: Mode | null,
  need?: TenantNeed,
): void {
  const confined = confinedMode(principal, need, context);
  if (confined === undefined || confined === mode) return;
  const tenantId =
    principal.kind === 'management_key' || principal.kind === 'access_token'
      ? principal.tenantId
      : (need?.tenantId ?? null);
  context.requestFeed.recordFailure(
    {
      tenantId,
      action: 'access.denied',
      actor: actorOf(principal),
      targetType: 'tenant',
      targetId: tenantId ?? 'platform',
      reason: `${mode ?? 'shared'} objects`,
    },
    context.clock.now(),
  );
  throw new PortcullisError(
    'insufficient_scope',
    principal.kind === 'session'
      ? `this role manages only ${confined}-mode objects here`
      : `a ${confined}-mode credential manages only ${confined}-mode objects`,
    {
      extensions: { mode: confined },
    },
  );
}

/**
 * A principal hands out only permissions it holds itself: a tenant principal its management permissions, so
 * `manage:management-keys` alone cannot mint a pair stronger than its holder; a platform key its platform
 * permissions (`tenantId` null), so `manage` cannot mint a `verify` key. A platform key grants any tenant
 * permission, and local access anything.
 */
export function requireGrantable(
  context: PolicyContext,
  principal: Principal,
  tenantId: string | null,
  permissions: readonly string[],
): void {
  // A platform key grants any tenant permission; platform permissions (tenantId null) only those it holds.
  if (principal.kind === 'local' || (principal.kind === 'platform_key' && tenantId !== null)) return;
  if (principal.kind === 'platform_key' && principal.permissions.includes('*')) return;
  // A member hands out what their role holds on objects of both modes in that tenant.
  const held: readonly string[] =
    principal.kind === 'session'
      ? [...(tenantId === null ? [] : (sessionGrant(context, principal, tenantId)?.permissions ?? []))]
      : principal.permissions;
  const missing = permissions.filter((permission) => !held.includes(permission));
  if (missing.length > 0) {
    throw denied(
      context,
      principal,
      tenantId,
      missing,
      `this credential lacks the "${missing[0]}" permission`,
    );
  }
}
