import type { ManagementPermission } from '../../core/management-permissions.ts';

/** OpenAPI `security` of a management route: a platform key, a key pair, or an M2M token with the permission. */
export function managementSecurity(permission: ManagementPermission): Record<string, string[]>[] {
  return [
    { PlatformKey: [] },
    { ApiKey: [], ApiSecret: [] },
    { M2MBearerToken: [permission] },
    { ConsoleSession: [permission] },
  ];
}

/** OpenAPI `security` of a route only a signed-in user calls (`/api/v1/session`, `/api/v1/me/…`). */
export const sessionSecurity: Record<string, string[]>[] = [{ ConsoleSession: [] }];

/** OpenAPI `security` of a platform-only route. */
export const platformSecurity: Record<string, string[]>[] = [{ PlatformKey: [] }];

/** OpenAPI `security` of a route that needs no credential. */
export const publicSecurity: Record<string, string[]>[] = [];
