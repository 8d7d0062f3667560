import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../services/audit/actor.ts';
import type { AccessTokenClaims } from '../../services/tokens/verify-access-token.ts';
import type { ManagementKey, PlatformKey } from '../../store/index.ts';

/**
 * Who is calling the management API. A platform key acts on every tenant; the other kinds are confined to
 * one tenant and hold a list of management permissions.
 */
export type Principal =
  | { kind: 'platform_key'; key: PlatformKey }
  | { kind: 'management_key'; key: ManagementKey; tenantId: string; permissions: readonly string[] }
  | { kind: 'access_token'; claims: AccessTokenClaims; tenantId: string; permissions: readonly string[] };

export type PlatformPrincipal = Extract<Principal, { kind: 'platform_key' }>;

/** The tenant a principal is confined to; null for a platform key. */
export function tenantOf(principal: Principal): string | null {
  return principal.kind === 'platform_key' ? null : principal.tenantId;
}

/** The management permissions a principal holds; null for a platform key, which holds them all. */
export function permissionsOf(principal: Principal): readonly string[] | null {
  return principal.kind === 'platform_key' ? null : principal.permissions;
}

/** The activity feed's actor for a principal: an id and the caller's address, never a secret. */
export function actorOf(principal: Principal, request: FastifyRequest): Actor {
  switch (principal.kind) {
    case 'platform_key':
      return { type: 'platform_key', id: principal.key.id, ip: request.ip };
    case 'management_key':
      return { type: 'management_key', id: principal.key.id, ip: request.ip };
    case 'access_token':
      return { type: 'client', id: principal.claims.clientId, ip: request.ip };
  }
}
