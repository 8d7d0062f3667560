import type { Mode } from '../../core/credential-format.ts';
import type { PlatformPermission } from '../../core/management-permissions.ts';
import type { Role } from '../../core/roles.ts';
import type { Actor } from '../audit/actor.ts';

/**
 * Who is calling, once authenticated: every use case takes one and decides through the one policy
 * (`policy.ts`) what it may reach. A platform key acts on every tenant in both modes; a management key pair
 * and an M2M access token are confined to one tenant, one mode and their management permissions. Local access
 * (the CLI on the data directory) may do anything. Never holds a secret.
 */
export type Principal =
  | { kind: 'platform_key'; id: string; permissions: readonly PlatformPermission[]; ip: string | null }
  | TenantPrincipal
  | SessionPrincipal
  | { kind: 'local'; ip: null };

/**
 * A signed-in user in the console: reaches the tenants of their memberships, each with its role's permissions
 * (`config.roles`), and nothing platform-wide. Read afresh on every request, so a membership removed or a
 * user disabled holds from the next one.
 */
export interface SessionPrincipal {
  kind: 'session';
  /** The session's public id (`ses_…`), never the cookie. */
  id: string;
  userId: string;
  memberships: ReadonlyMap<string, Role>;
  ip: string | null;
  userAgent: string | null;
}

/** A principal confined to one tenant and one mode. */
export type TenantPrincipal =
  | {
      kind: 'management_key';
      id: string;
      tenantId: string;
      mode: Mode;
      permissions: readonly string[];
      ip: string | null;
    }
  | {
      kind: 'access_token';
      /** The client the token was issued to. */
      id: string;
      tenantId: string;
      mode: Mode;
      permissions: readonly string[];
      jti: string;
      ip: string | null;
    };

/** The CLI, with local access to the data directory: it could edit the database itself. */
export const localPrincipal: Principal = { kind: 'local', ip: null };

/** The activity feed's actor for a principal: an id and the caller's address, never a secret. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'platform_key':
      return { type: 'platform_key', id: principal.id, ip: principal.ip };
    case 'management_key':
      return { type: 'management_key', id: principal.id, ip: principal.ip };
    case 'access_token':
      return { type: 'client', id: principal.id, ip: principal.ip };
    case 'session':
      return { type: 'user', id: principal.userId, ip: principal.ip };
    case 'local':
      return { type: 'cli', id: null, ip: null };
  }
}
