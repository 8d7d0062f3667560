import { SignJWT } from 'jose';
import type { Mode } from '../../core/credential-format.ts';
import type { ServiceContext } from '../context.ts';
import { SIGNING_ALGORITHM } from './signing-key-material.ts';

/** The media type of an access token's `typ` header (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenRequest {
  /** The OAuth client the token is issued to: both `sub` and `client_id` (RFC 9068 §2.2, client grants). */
  clientId: string;
  tenantId: string;
  mode: Mode;
  /** Granted scopes, already checked against the client and narrowed by the plan. */
  scopes: readonly string[];
  /** Resource server(s) the token is for (RFC 8707); default: the first configured one, else the issuer. */
  audience?: string | readonly string[] | undefined;
  /** For the authorization-code flow: the installation and the approving user, who becomes `sub`. */
  installation?: { id: string; userId: string } | undefined;
}

export interface IssuedAccessToken {
  token: string;
  /** Seconds until expiry, for the token response's `expires_in` (RFC 6749 §5.1). */
  expiresIn: number;
  jti: string;
  /** Expiry in ms since the epoch. */
  expiresAt: number;
}

/** The audience a token gets when the request names none. */
export function defaultAudience(context: ServiceContext): string {
  return context.oauth.audiences[0] ?? context.oauth.issuer;
}

/**
 * Signs an RFC 9068 access token with the current signing key: header `{alg: ES256, kid, typ: at+jwt}`;
 * claims `iss`, `sub`, `aud`, `client_id`, `scope` (space-separated, RFC 8693 §4.2), `jti`, `iat`, `exp`,
 * plus Portcullis's `tenant` and `mode`.
 */
export async function issueAccessToken(
  context: ServiceContext,
  request: AccessTokenRequest,
): Promise<IssuedAccessToken> {
  const now = context.clock.now();
  const key = await context.signingKeys.current(now);
  const issuedAt = Math.floor(now / 1000);
  const expiresIn = context.oauth.accessTokenTtlSeconds;
  const expiresAtSeconds = issuedAt + expiresIn;
  // 128 random bits: a revocation list keyed by jti must never confuse two tokens.
  const jti = Buffer.from(context.random.bytes(16)).toString('base64url');
  const audience = request.audience ?? defaultAudience(context);
  const token = await new SignJWT({
    client_id: request.clientId,
    scope: request.scopes.join(' '),
    tenant: request.tenantId,
    mode: request.mode,
    ...(request.installation ? { installation_id: request.installation.id } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(context.oauth.issuer)
    .setSubject(request.installation?.userId ?? request.clientId)
    .setAudience(typeof audience === 'string' ? audience : [...audience])
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .sign(key.privateKey);
  return { token, expiresIn, jti, expiresAt: expiresAtSeconds * 1000 };
}
