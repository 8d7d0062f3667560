import { storedClientId } from '../../core/client-metadata-document.ts';
import { actorOf } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { type AccessTokenClaims, CLOCK_TOLERANCE_SECONDS, checkAccessToken } from './verify-access-token.ts';

export type RevokeAccessTokenResult =
  /** The token's `jti` is on the revocation list until the token expires. */
  | { outcome: 'revoked'; claims: AccessTokenClaims }
  /** Not a live token of ours (bad, expired, unknown key): nothing to do, still 200 (RFC 7009 §2.2). */
  | { outcome: 'ignored' }
  /** Valid, but issued to another client than the revoking one: refused (RFC 7009 §2.1). */
  | { outcome: 'not_owner'; claims: AccessTokenClaims };

import type { ResourceCaller } from '../oauth/resource-caller.ts';

/**
 * Revokes an access token (RFC 7009): its `jti` is stored until the token's `exp`, with its activity row in
 * the same unit of work, and verification answers `revoked` from then on. A token that does not verify is
 * ignored. Tokens for any configured audience are accepted; a client may revoke only its own (RFC 7009 §2.1).
 */
export async function revokeAccessToken(
  context: ServiceContext,
  token: string,
  caller: ResourceCaller,
): Promise<RevokeAccessTokenResult> {
  const result = await checkAccessToken(context, token, undefined);
  if (!result.valid) return { outcome: 'ignored' };
  const { claims } = result;
  if (caller.kind === 'client' && storedClientId(claims.clientId) !== caller.client.id) {
    return { outcome: 'not_owner', claims };
  }
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    await unit.revokedTokens.insert({
      jti: claims.jti,
      tenantId: claims.tenantId,
      // Kept past `exp` by the verification tolerance, so a token inside it is still refused.
      expiresAt: claims.expiresAt + CLOCK_TOLERANCE_SECONDS * 1000,
    });
    const actor =
      caller.kind === 'client'
        ? { type: 'client' as const, id: caller.client.id, ip: caller.ip }
        : actorOf(caller.principal);
    await recordActivity(unit, actor, now, {
      tenantId: claims.tenantId,
      action: 'token.revoked',
      targetType: 'client',
      targetId: storedClientId(claims.clientId),
      mode: claims.mode,
      details: { jti: claims.jti },
    });
  });
  return { outcome: 'revoked', claims };
}
