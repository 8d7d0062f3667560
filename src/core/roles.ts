import { type ManagementPermission, managementPermissionNames } from './management-permissions.ts';

/** A member's role in a tenant, highest first. */
export const roles = ['owner', 'manager', 'developer', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Higher is more: a member may hand out or change only roles at or below their own. */
export function rankOf(role: Role): number {
  return roles.length - roles.indexOf(role);
}

/**
 * What a role holds in a tenant, resolved once from the config table: management permissions on objects of both
 * modes, permissions on test-mode objects only, whether it reads everything (`read:*`: every read route of the
 * management API, whichever permission guards the resource), and the runtime scope patterns its members'
 * personal tokens may use there.
 */
export interface RoleGrant {
  role: Role;
  permissions: ReadonlySet<ManagementPermission>;
  testModePermissions: ReadonlySet<ManagementPermission>;
  readsAll: boolean;
  runtimeScopes: readonly string[];
}

/** What a role's `permissions` entry may name beside a permission: `*` (everything) or `read:*`. */
export const ROLE_PERMISSION_WILDCARDS = ['*', 'read:*'] as const;

const READ_PERMISSIONS: readonly ManagementPermission[] = managementPermissionNames.filter((name) =>
  name.startsWith('read:'),
);

export function roleGrantOf(
  role: Role,
  entry: {
    permissions: readonly string[];
    testModePermissions: readonly string[];
    runtimeScopes: readonly string[];
  },
): RoleGrant {
  const permissions = new Set<ManagementPermission>();
  let readsAll = false;
  for (const name of entry.permissions) {
    if (name === '*') {
      for (const permission of managementPermissionNames) permissions.add(permission);
      readsAll = true;
    } else if (name === 'read:*') {
      for (const permission of READ_PERMISSIONS) permissions.add(permission);
      readsAll = true;
    } else permissions.add(name as ManagementPermission);
  }
  const testModePermissions = new Set(
    entry.testModePermissions.filter((name) => !permissions.has(name as ManagementPermission)),
  ) as Set<ManagementPermission>;
  return { role, permissions, testModePermissions, readsAll, runtimeScopes: entry.runtimeScopes };
}

/**
 * A role's runtime scope pattern against a scope: `*` stands for any run of characters anywhere in the pattern,
 * so `read:*`, `*:read` and `*.read` all work (a vocabulary scope that is itself a pattern, such as `read:*`,
 * matches as its literal text).
 */
export function matchesRolePattern(pattern: string, scope: string): boolean {
  if (!pattern.includes('*')) return pattern === scope;
  const parts = pattern.split('*');
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!scope.startsWith(first) || scope.length < first.length + last.length || !scope.endsWith(last)) {
    return false;
  }
  let at = first.length;
  const end = scope.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const found = scope.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

export function matchesAnyRolePattern(patterns: readonly string[], scope: string): boolean {
  for (const pattern of patterns) if (matchesRolePattern(pattern, scope)) return true;
  return false;
}
