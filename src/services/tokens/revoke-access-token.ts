import type { ServiceContext } from '../context.ts';
import { type AccessTokenClaims, CLOCK_TOLERANCE_SECONDS, checkAccessToken } from './verify-access-token.ts';

export type RevokeAccessTokenResult =
  /** The token's `jti` is on the revocation list until the token expires. */
  | { outcome: 'revoked'; claims: AccessTokenClaims }
  /** Not a live token of ours (bad, expired, unknown key): nothing to do, still 200 (RFC 7009 §2.2). */
  | { outcome: 'ignored' }
  /** Valid, but issued to another client than `options.clientId`: refused (RFC 7009 §2.1). */
  | { outcome: 'not_owner'; claims: AccessTokenClaims };

/**
 * Revokes an access token (RFC 7009): its `jti` is stored until the token's `exp`, and verification answers
 * `revoked` from then on. A token that does not verify is ignored. With `options.clientId` the token must
 * have been issued to that client. Tokens for any configured audience are accepted.
 */
export async function revokeAccessToken(
  context: ServiceContext,
  token: string,
  options: { clientId?: string } = {},
): Promise<RevokeAccessTokenResult> {
  const result = await checkAccessToken(context, token, undefined);
  if (!result.valid) return { outcome: 'ignored' };
  const { claims } = result;
  if (options.clientId !== undefined && claims.clientId !== options.clientId) {
    return { outcome: 'not_owner', claims };
  }
  await context.store.revokedTokens.insert({
    jti: claims.jti,
    tenantId: claims.tenantId,
    // Kept past `exp` by the verification tolerance, so a token inside it is still refused.
    expiresAt: claims.expiresAt + CLOCK_TOLERANCE_SECONDS * 1000,
  });
  return { outcome: 'revoked', claims };
}
