import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Mode } from '../../core/credential-format.ts';
import type { ServiceContext } from '../context.ts';
import { ACCESS_TOKEN_TYPE } from './issue-access-token.ts';
import { SIGNING_ALGORITHM } from './signing-key-material.ts';

/** What a valid access token says. Times are ms since the epoch. */
export interface AccessTokenClaims {
  jti: string;
  clientId: string;
  tenantId: string;
  mode: Mode;
  scopes: string[];
  audience: string[];
  issuedAt: number;
  expiresAt: number;
  /** `sub`: the client itself, or for an installation's token the user who approved it. */
  subject: string;
  /** The installation a token of the authorization-code flow was issued under (decision 031). */
  installationId?: string | undefined;
}

export type AccessTokenFailure =
  | 'malformed'
  | 'invalid_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_type'
  | 'revoked';

export type AccessTokenResult =
  | { valid: true; claims: AccessTokenClaims }
  | { valid: false; code: AccessTokenFailure };

/** `exp` and `nbf` are checked with this much leeway for clock skew between nodes (RFC 7519 §4.1.4). */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longer than any token we issue; anything above is refused before parsing. */
const MAX_TOKEN_LENGTH = 4096;
const JWT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Three base64url segments: a JWS in compact form (RFC 7515 §7.1), never an API key. */
export function looksLikeJwt(text: string): boolean {
  // The dot test first: every API key on the verify path fails it without running the pattern.
  return text.length <= MAX_TOKEN_LENGTH && text.includes('.') && JWT_PATTERN.test(text);
}

const fail = (code: AccessTokenFailure): AccessTokenResult => ({ valid: false, code });

/** Maps jose's claim failures onto ours; anything unexpected is `malformed`. */
function failureOf(error: unknown): AccessTokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid_signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'invalid_signature';
  if (error instanceof errors.JWTClaimValidationFailed) {
    // `missing` and `invalid` (a claim of the wrong JSON type) are shape problems, not policy ones.
    if (error.reason !== 'check_failed') return 'malformed';
    const byClaim: Record<string, AccessTokenFailure> = {
      iss: 'wrong_issuer',
      aud: 'wrong_audience',
      nbf: 'not_yet_valid',
      iat: 'not_yet_valid',
      typ: 'wrong_type',
    };
    return byClaim[error.claim] ?? 'malformed';
  }
  return 'malformed';
}

/** Our claims from a verified payload, or undefined when one has the wrong shape. */
function claimsOf(payload: JWTPayload): AccessTokenClaims | undefined {
  const { jti, client_id: clientId, tenant, mode, scope, aud, iat, exp } = payload;
  if (typeof jti !== 'string' || typeof clientId !== 'string' || typeof tenant !== 'string') return undefined;
  if (mode !== 'live' && mode !== 'test') return undefined;
  if (typeof scope !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return undefined;
  const installationId = payload.installation_id;
  if (installationId !== undefined && typeof installationId !== 'string') return undefined;
  // A client's own token names the client; an installation's names the approving user (RFC 9068 §2.2).
  const subject = payload.sub;
  if (typeof subject !== 'string') return undefined;
  if (installationId === undefined && subject !== clientId) return undefined;
  return {
    jti,
    clientId,
    tenantId: tenant,
    mode,
    scopes: scope.split(' ').filter(Boolean),
    audience: typeof aud === 'string' ? [aud] : (aud ?? []),
    issuedAt: iat * 1000,
    expiresAt: exp * 1000,
    subject,
    ...(installationId === undefined ? {} : { installationId }),
  };
}

/**
 * Checks signature, type, issuer, audience and time, without the revocation list. `audiences` undefined
 * skips the audience check (revocation accepts our token for any resource server).
 */
export async function checkAccessToken(
  context: ServiceContext,
  token: string,
  audiences: readonly string[] | undefined,
): Promise<AccessTokenResult> {
  if (typeof token !== 'string' || !looksLikeJwt(token)) return fail('malformed');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return fail('malformed');
  }
  // Only ES256, decided by us and not by the token: `none` and HS256-with-the-public-key are refused
  // before any key is looked at (RFC 8725 §2.1, §3.1).
  if (header.alg !== SIGNING_ALGORITHM) return fail('invalid_signature');
  if (typeof header.kid !== 'string' || header.kid.length === 0) return fail('unknown_key');
  const now = context.clock.now();
  const key = await context.signingKeys.verificationKey(header.kid, now);
  if (!key) return fail('unknown_key');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [SIGNING_ALGORITHM],
      typ: ACCESS_TOKEN_TYPE, // RFC 9068 §4: `at+jwt`, or `application/at+jwt`
      issuer: context.oauth.issuer,
      ...(audiences ? { audience: [...audiences] } : {}),
      currentDate: new Date(now),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti', 'client_id'],
    }));
  } catch (error) {
    return fail(failureOf(error));
  }
  // jose checks `iat` only against a maximum age: a token from the future is not yet valid either.
  if (typeof payload.iat === 'number' && payload.iat > now / 1000 + CLOCK_TOLERANCE_SECONDS) {
    return fail('not_yet_valid');
  }
  const claims = claimsOf(payload);
  return claims ? { valid: true, claims } : fail('malformed');
}

/**
 * Verifies an access token issued by this server (RFC 9068 §4): ES256 only, keys from the local ring only
 * (never fetched), `typ` `at+jwt`, `iss` this issuer, `aud` including `options.audience` (else one of the
 * configured resource servers, else the issuer), `exp`/`nbf` with a 30 s tolerance, and a `jti` not on the
 * revocation list. Never throws for a bad token; a failing store does throw.
 */
export async function verifyAccessToken(
  context: ServiceContext,
  token: string,
  options?: { audience?: string },
): Promise<AccessTokenResult> {
  const { audiences, issuer } = context.oauth;
  const expected = options?.audience ? [options.audience] : audiences.length > 0 ? audiences : [issuer];
  const result = await checkAccessToken(context, token, expected);
  if (!result.valid) return result;
  if (await context.store.revokedTokens.isRevoked(result.claims.jti)) return fail('revoked');
  return result;
}
