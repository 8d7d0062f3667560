import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  importJWK,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
} from 'jose';
import {
  CLIENT_ASSERTION_ALGS,
  type ClientJwks,
  checkClientJwks,
  type JwksCheck,
} from '../../core/client-jwks.ts';
import type { ServiceContext } from '../context.ts';
import { remoteClientJwks } from './remote-jwks.ts';

/** Where a client's keys are: inline (an app's or a registration's `jwks`), or published at a `jwks_uri`. */
export type ClientKeySource = { jwks: ClientJwks } | { jwksUri: string };

/** `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2). */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An assertion may live at most this long from now: it is made for one request (decision 035). */
const MAX_LIFETIME_SECONDS = 300;
/** Clock skew forgiven on `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ASSERTION_LENGTH = 8192;
const MAX_JTI_LENGTH = 256;

/**
 * The `client_id` an assertion names (`sub`, which must equal `iss`, RFC 7523 §3), read before its signature
 * is checked and used only to find the keys that check it. Undefined for anything that is not such a JWT.
 */
export function assertedClientId(assertion: string): string | undefined {
  if (assertion.length > MAX_ASSERTION_LENGTH) return undefined;
  try {
    const claims = decodeJwt(assertion);
    return typeof claims.sub === 'string' && claims.sub.length > 0 && claims.iss === claims.sub
      ? claims.sub
      : undefined;
  } catch {
    return undefined;
  }
}

export type AssertionCheck = { ok: true } | { ok: false; reason: 'invalid_assertion' | 'replayed_assertion' };

/**
 * Checks a `private_key_jwt` client assertion (RFC 7523 §3, OpenID Connect Core §9): signed with one of the
 * client's keys (by `kid`, or each key that fits the `alg`) under an allowed algorithm; `iss` = `sub` = the
 * client; `aud` names the issuer or the token endpoint (draft-ietf-oauth-rfc7523bis accepts the issuer; older
 * clients send the endpoint); `exp` required and at most five minutes ahead; `nbf` and `iat` not in the
 * future; `jti` required and used once until `exp`, across nodes (the store's primary key decides). Never
 * throws for a normal "no"; the assertion itself is never logged.
 */
export async function checkClientAssertion(
  context: ServiceContext,
  clientId: string,
  assertion: string,
  keys: ClientKeySource,
): Promise<AssertionCheck> {
  const invalid = { ok: false, reason: 'invalid_assertion' } as const;
  if (assertion.length > MAX_ASSERTION_LENGTH) return invalid;
  const now = context.clock.now();
  const { issuer } = context.oauth;
  const options: JWTVerifyOptions = {
    algorithms: [...CLIENT_ASSERTION_ALGS],
    issuer: clientId,
    subject: clientId,
    audience: [issuer, `${issuer}/api/v1/platform/oauth/token`],
    requiredClaims: ['exp', 'jti'],
    currentDate: new Date(now),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  let claims: JWTPayload;
  try {
    // An `alg` outside the list (none, HS256, …) fails here, before any key is looked at.
    const header = decodeProtectedHeader(assertion);
    if (!CLIENT_ASSERTION_ALGS.includes(header.alg as (typeof CLIENT_ASSERTION_ALGS)[number])) return invalid;
    claims = await verifyWithKeys(assertion, keys, options, context);
  } catch {
    return invalid;
  }
  const nowSeconds = now / 1000;
  const { exp, iat, jti } = claims;
  if (exp === undefined || exp > nowSeconds + MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return invalid;
  if (iat !== undefined && iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) return invalid;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) return invalid;
  // Kept until the assertion could no longer be accepted anyway (its `exp` plus the tolerance).
  const fresh = await context.store.clientAssertions.claim(
    clientId,
    jti,
    Math.ceil((exp + CLOCK_TOLERANCE_SECONDS) * 1000),
  );
  return fresh ? { ok: true } : { ok: false, reason: 'replayed_assertion' };
}

/**
 * A key set a client registers, checked whole: the shape rules of `core/client-jwks.ts`, then an import of each
 * key, which alone finds a point off the curve or a malformed modulus.
 */
export async function checkUsableClientJwks(value: unknown): Promise<JwksCheck> {
  const checked = checkClientJwks(value);
  if (!checked.ok) return checked;
  const problem = await unusableKeyProblem(checked.jwks);
  return problem === undefined ? checked : { ok: false, message: problem };
}

/** Why a key set of the right shape cannot be used, or undefined when every key imports. */
async function unusableKeyProblem(jwks: ClientJwks): Promise<string | undefined> {
  for (const [index, key] of jwks.keys.entries()) {
    const alg = key.alg ?? (key.kty === 'EC' ? 'ES256' : key.kty === 'RSA' ? 'RS256' : 'EdDSA');
    try {
      await importJWK(key as Parameters<typeof importJWK>[0], alg);
    } catch {
      return `jwks.keys[${index}] is not a usable public key`;
    }
  }
  return undefined;
}

/**
 * Verifies with the inline keys, or with the set at the `jwks_uri`: fetched again once when the assertion names
 * a `kid` the cached set lacks (the client rotated its keys).
 */
async function verifyWithKeys(
  assertion: string,
  keys: ClientKeySource,
  options: JWTVerifyOptions,
  context: ServiceContext,
): Promise<JWTPayload> {
  if ('jwks' in keys) return verifyWithAnyKey(assertion, keys.jwks, options);
  const cached = await remoteClientJwks(context, keys.jwksUri);
  if (!cached.ok) throw new Error('the client keys cannot be fetched');
  try {
    return await verifyWithAnyKey(assertion, cached.jwks, options);
  } catch (error) {
    if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
    const fresh = await remoteClientJwks(context, keys.jwksUri, true);
    if (!fresh.ok || fresh.jwks === cached.jwks) throw error;
    return verifyWithAnyKey(assertion, fresh.jwks, options);
  }
}

/** Verifies against the key the header's `kid` names, or, without one, each key that fits the `alg` in turn. */
async function verifyWithAnyKey(
  assertion: string,
  jwks: ClientJwks,
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  const keySet = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
  try {
    return (await jwtVerify(assertion, keySet, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error as unknown as AsyncIterable<Awaited<ReturnType<typeof importJWK>>>) {
      try {
        return (await jwtVerify(assertion, key, options)).payload;
      } catch (failure) {
        if (!(failure instanceof errors.JWSSignatureVerificationFailed)) throw failure;
      }
    }
    throw error;
  }
}
