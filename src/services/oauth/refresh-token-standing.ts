import { actorOf } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findRefreshToken } from './grant-tokens.ts';
import type { Introspection } from './introspect.ts';
import { tokenClientIdOf } from './metadata-document-client.ts';
import type { ResourceCaller } from './resource-caller.ts';

/**
 * Introspects a refresh token (RFC 7662): active while unconsumed, unrevoked, unexpired and its installation
 * stands. A client learns only of its own tokens; anything else is simply inactive (§4).
 */
export async function introspectRefreshToken(
  context: ServiceContext,
  token: string,
  caller: ResourceCaller,
): Promise<Introspection> {
  const found = await findRefreshToken(context, token);
  const now = context.clock.now();
  if (!found || found.consumedAt !== null || found.revokedAt !== null) return { active: false };
  if (now >= found.expiresAt || now >= found.familyExpiresAt) return { active: false };
  if (caller.kind === 'client' && caller.client.id !== found.clientId) return { active: false };
  if (!(await context.store.installations.isLive(found.tenantId, found.installationId)))
    return { active: false };
  const tenant = await context.store.tenants.get(found.tenantId);
  if (tenant?.status !== 'active') return { active: false };
  return {
    active: true,
    token_type: 'refresh_token',
    scope: found.scopes.join(' '),
    client_id: await tokenClientIdOf(context, found.clientId),
    sub: found.userId,
    iss: context.oauth.issuer,
    iat: Math.floor(found.createdAt / 1000),
    exp: Math.floor(Math.min(found.expiresAt, found.familyExpiresAt) / 1000),
    tenant: found.tenantId,
    installation_id: found.installationId,
    ...(found.resource === null ? {} : { aud: [found.resource] }),
  };
}

export type RefreshRevocation = 'revoked' | 'ignored' | 'not_owner';

/**
 * Revokes a refresh token (RFC 7009 §2.1): its whole family, and the access tokens issued with it, as the
 * RFC allows ("the authorization server … SHOULD also invalidate the access token"). A client may revoke only
 * its own; a platform key any.
 */
export async function revokeRefreshToken(
  context: ServiceContext,
  token: string,
  caller: ResourceCaller,
): Promise<RefreshRevocation> {
  const found = await findRefreshToken(context, token);
  if (!found) return 'ignored';
  if (caller.kind === 'client' && caller.client.id !== found.clientId) return 'not_owner';
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    const revoked = await unit.oauthGrants.revokeFamily(found.tenantId, found.familyId, now);
    const actor =
      caller.kind === 'client'
        ? { type: 'client' as const, id: caller.client.id, ip: caller.ip }
        : actorOf(caller.principal);
    await recordActivity(unit, actor, now, {
      tenantId: found.tenantId,
      action: 'token.revoked',
      targetType: 'installation',
      targetId: found.installationId,
      details: { familyId: found.familyId, refreshTokensRevoked: revoked },
    });
  });
  return 'revoked';
}
