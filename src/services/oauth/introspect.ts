import { storedClientId } from '../../core/client-metadata-document.ts';
import { getClientForToken } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import { type AccessTokenClaims, checkAccessToken } from '../tokens/verify-access-token.ts';
import type { ResourceCaller } from './resource-caller.ts';

/** RFC 7662 §2.2 response members for an active token; inactive tokens say only `active: false`. */
export type Introspection =
  | { active: false }
  /** A refresh token of an installation (decision 031). */
  | {
      active: true;
      token_type: 'refresh_token';
      scope: string;
      client_id: string;
      sub: string;
      iss: string;
      iat: number;
      exp: number;
      tenant: string;
      installation_id: string;
      aud?: string[];
    }
  | {
      active: true;
      scope: string;
      client_id: string;
      token_type: 'Bearer';
      exp: number;
      iat: number;
      sub: string;
      aud: string[];
      iss: string;
      jti: string;
      tenant: string;
      mode: string;
      installation_id?: string;
    };

const inactive: Introspection = { active: false };

/**
 * Claims of a token that is live right now: signed by us, unexpired, not revoked, its tenant active and its
 * client not deleted. Suspension and secret rotation do not end tokens already issued (they expire within
 * the hour); deletion and a suspended tenant do.
 */
async function liveTokenClaims(
  context: ServiceContext,
  token: string,
): Promise<AccessTokenClaims | undefined> {
  const checked = await checkAccessToken(context, token, undefined);
  if (!checked.valid) return undefined;
  const { claims } = checked;
  if (await context.store.revokedTokens.isRevoked(claims.jti)) return undefined;
  const tenant = await context.store.tenants.get(claims.tenantId);
  if (tenant?.status !== 'active') return undefined;
  const client = await getClientForToken(
    context,
    claims.clientId,
    claims.installationId === undefined ? claims.tenantId : undefined,
  );
  if (!client || client.status === 'deleted') return undefined;
  if (
    claims.installationId !== undefined &&
    !(await context.store.installations.isLive(claims.tenantId, claims.installationId))
  ) {
    return undefined;
  }
  return claims;
}

/**
 * Introspects an access token (RFC 7662). `tenantId` confines a tenant's own client to its tenant's tokens, and
 * a test-mode client to test-mode tokens: anything else is simply inactive, so nothing leaks (§4).
 */
export async function introspectToken(
  context: ServiceContext,
  token: string,
  caller: ResourceCaller,
): Promise<Introspection> {
  const claims = await liveTokenClaims(context, token);
  if (!claims) return inactive;
  if (caller.kind === 'client') {
    // An installation's token is its client's, whichever tenant installed it; otherwise, its tenant's clients'.
    if (
      claims.installationId !== undefined
        ? caller.client.id !== storedClientId(claims.clientId)
        : caller.client.tenantId !== claims.tenantId
    )
      return inactive;
    // A test-mode client learns nothing of live tokens, as a test-mode credential sees nothing live.
    if (caller.client.mode === 'test' && claims.mode !== 'test') return inactive;
  }
  return {
    active: true,
    scope: claims.scopes.join(' '),
    client_id: claims.clientId,
    token_type: 'Bearer',
    exp: Math.floor(claims.expiresAt / 1000),
    iat: Math.floor(claims.issuedAt / 1000),
    sub: claims.subject,
    aud: claims.audience,
    iss: context.oauth.issuer,
    jti: claims.jti,
    tenant: claims.tenantId,
    mode: claims.mode,
    ...(claims.installationId === undefined ? {} : { installation_id: claims.installationId }),
  };
}
