/**
 * Built-in management permissions. They are not part of the platform's scope vocabulary: they gate the
 * management API, and a tenant grants them to its machine credentials (M2M clients, management key pairs).
 * A tenant-scoped credential holding one is confined to its own tenant.
 */
export const managementPermissions = {
  'manage:keys': 'Issue, roll and revoke API keys',
  'manage:clients': 'Create, update, rotate and delete API clients',
  'manage:apps': 'Register and change apps',
  'manage:management-keys': 'Issue and revoke management key pairs',
  'manage:members': "Add, change and remove the tenant's members, and invite people",
  'read:tenant': "Read the tenant's own record",
  'read:audit': 'Read the request and activity feeds',
  'manage:webhooks': 'Register webhook endpoints, read their deliveries and publish events',
} as const;

export type ManagementPermission = keyof typeof managementPermissions;

export const managementPermissionNames = Object.keys(managementPermissions) as ManagementPermission[];

export function isManagementPermission(value: string): value is ManagementPermission {
  return Object.hasOwn(managementPermissions, value);
}

/** Permissions a platform key can hold. `*` is everything; `verify` only answers `POST /api/v1/verify`. */
export const platformPermissions = ['*', 'manage', 'verify'] as const;
export type PlatformPermission = (typeof platformPermissions)[number];
