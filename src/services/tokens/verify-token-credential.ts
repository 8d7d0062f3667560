import { andThen, isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import type { GrantedScopes } from '../../core/plans.ts';
import { getClientForToken } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import {
  checkRateAndScopes,
  type LimitOutcome,
  type VerifyFailureCode,
  type VerifyRefusal,
  type VerifyRequest,
  type VerifyResult,
} from '../verification/result.ts';
import {
  type AccessTokenClaims,
  type AccessTokenFailure,
  CLOCK_TOLERANCE_SECONDS,
  verifyAccessToken,
} from './verify-access-token.ts';

/**
 * A token we did not sign, or not for this audience, is as good as a malformed key. One signed by us for
 * another issuer (a node configured with another public URL) says so.
 */
const codeOf: Record<AccessTokenFailure, VerifyFailureCode> = {
  malformed: 'malformed',
  invalid_signature: 'malformed',
  unknown_key: 'malformed',
  wrong_issuer: 'wrong_issuer',
  wrong_audience: 'malformed',
  wrong_type: 'malformed',
  not_yet_valid: 'malformed',
  expired: 'expired',
  revoked: 'revoked',
};

/** A token in good standing, as the verified-token cache keeps it. */
export interface TokenStanding {
  claims: AccessTokenClaims;
  planId: string;
}

type StandingResult = { ok: true; standing: TokenStanding } | { ok: false; result: VerifyRefusal };

/**
 * Signature, claims, revocation, tenant and client: everything about a token that only a write can change.
 * The verified-token cache keeps the answer until the invalidation bus's version moves (tenant change, client
 * deletion, token revocation).
 */
async function standingOf(context: ServiceContext, token: string): Promise<StandingResult> {
  const verified = await verifyAccessToken(context, token);
  if (!verified.valid) return { ok: false, result: { valid: false, code: codeOf[verified.code] } };
  const { claims } = verified;
  const identified = {
    credentialType: 'access_token',
    tenantId: claims.tenantId,
    clientId: claims.clientId,
  } as const;
  const tenant = await context.store.tenants.get(claims.tenantId);
  if (!tenant || !context.model.plans.has(tenant.planId) || tenant.status !== 'active') {
    return { ok: false, result: { valid: false, code: 'tenant_suspended', ...identified } };
  }
  // An installation's client may belong to another tenant (a public app): it is found by its id alone.
  const client = await getClientForToken(
    context,
    claims.clientId,
    claims.installationId === undefined ? claims.tenantId : undefined,
  );
  if (!client || client.status === 'deleted') {
    return { ok: false, result: { valid: false, code: 'revoked', ...identified } };
  }
  // An uninstalled app's tokens stop at once: uninstalling records a change that empties this cache.
  if (
    claims.installationId !== undefined &&
    !(await context.store.installations.isLive(claims.tenantId, claims.installationId))
  ) {
    return { ok: false, result: { valid: false, code: 'revoked', ...identified } };
  }
  return { ok: true, standing: { claims, planId: tenant.planId } };
}

const MALFORMED: VerifyRefusal = { valid: false, code: 'malformed' };

/**
 * Verifies an access token as a runtime credential, with the same result shape as an API key
 * (`credentialType: 'access_token'`). The token's scopes are narrowed again by the tenant's plan *now*
 * and by its mode; built-in management permissions do not count as runtime scopes. A deleted client's
 * tokens stop at once; a suspended client's run until they expire (seed: up to one hour). A token in steady
 * use is answered from the cache, without waiting.
 */
export function verifyTokenCredential(
  context: ServiceContext,
  token: string,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  let refusal: VerifyRefusal | undefined;
  const standing = context.verifiedTokens.getOrLoad(token, () =>
    standingOf(context, token).then((checked) => {
      if (checked.ok) return checked.standing;
      refusal = checked.result;
      return undefined;
    }),
  );
  return andThen(standing, (found) =>
    found === undefined ? (refusal ?? MALFORMED) : judge(context, found, request),
  );
}

/** The checks that depend on the clock, the plan now and the call, run on every request. */
function judge(
  context: ServiceContext,
  standing: TokenStanding,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  const { claims, planId } = standing;
  const identified = {
    credentialType: 'access_token',
    tenantId: claims.tenantId,
    clientId: claims.clientId,
  } as const;
  // Time moves on while a token sits in the cache: expiry is checked on every request (RFC 7519 §4.1.4).
  // Answered as an uncached expired token is: without identity.
  if (claims.expiresAt + CLOCK_TOLERANCE_SECONDS * 1000 <= context.clock.now())
    return { valid: false, code: 'expired' };
  const plan = context.model.plans.get(planId);
  if (!plan) return { valid: false, code: 'tenant_suspended', ...identified };
  const scopes = context.model.effectiveScopes.get(
    `token:${claims.scopes.join(' ')}`,
    (): GrantedScopes => ({
      kind: 'listed',
      scopes: claims.scopes.filter((scope) => context.model.vocabulary.has(scope)),
    }),
    plan,
    claims.mode,
  );
  const limits = checkRateAndScopes(context, identified, plan, scopes, request);
  return isPromise(limits)
    ? limits.then((settled) => resultOf(claims, scopes, settled))
    : resultOf(claims, scopes, limits);
}

function resultOf(claims: AccessTokenClaims, scopes: readonly string[], limits: LimitOutcome): VerifyResult {
  if (!limits.allowed) return limits.result;
  return {
    valid: true,
    credentialType: 'access_token',
    tenantId: claims.tenantId,
    clientId: claims.clientId,
    mode: claims.mode,
    scopes,
    ratelimit: limits.ratelimit,
  };
}
