import type { GrantedScopes } from '../../core/plans.ts';
import { getClientForToken } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import {
  checkRateAndScopes,
  type VerifyFailureCode,
  type VerifyRequest,
  type VerifyResult,
} from '../verification/result.ts';
import {
  type AccessTokenClaims,
  type AccessTokenFailure,
  CLOCK_TOLERANCE_SECONDS,
  verifyAccessToken,
} from './verify-access-token.ts';

/** A token we did not sign, or not for this audience, is as good as a malformed key. */
const codeOf: Record<AccessTokenFailure, VerifyFailureCode> = {
  malformed: 'malformed',
  invalid_signature: 'malformed',
  unknown_key: 'malformed',
  wrong_issuer: 'malformed',
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

type StandingResult = { ok: true; standing: TokenStanding } | { ok: false; result: VerifyResult };

/**
 * Signature, claims, revocation, tenant and client: everything about a token that only a write can change.
 * The verified-token cache keeps the answer until the change counter moves (tenant change, client deletion,
 * token revocation — see store/change-counter.ts).
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
  const client = await getClientForToken(context, claims.clientId, claims.tenantId);
  if (!client || client.status === 'deleted') {
    return { ok: false, result: { valid: false, code: 'revoked', ...identified } };
  }
  return { ok: true, standing: { claims, planId: tenant.planId } };
}

/**
 * Verifies an access token as a runtime credential, with the same result shape as an API key
 * (`credentialType: 'access_token'`). The token's scopes are narrowed again by the tenant's plan *now*
 * and by its mode; built-in management permissions do not count as runtime scopes. A deleted client's
 * tokens stop at once; a suspended client's run until they expire (seed: up to one hour).
 */
export async function verifyTokenCredential(
  context: ServiceContext,
  token: string,
  request: VerifyRequest,
): Promise<VerifyResult> {
  let standing = context.verifiedTokens.get(token);
  if (!standing) {
    const snapshot = context.verifiedTokens.snapshot();
    const checked = await standingOf(context, token);
    if (!checked.ok) return checked.result;
    standing = checked.standing;
    context.verifiedTokens.set(token, standing, snapshot);
  }
  return judge(context, standing, request);
}

/** `verifyTokenCredential` without waiting, for a token whose standing is cached; undefined otherwise. */
export function verifyCachedTokenCredential(
  context: ServiceContext,
  token: string,
  request: VerifyRequest,
): VerifyResult | undefined {
  const standing = context.verifiedTokens.get(token);
  return standing && judge(context, standing, request);
}

/** The checks that depend on the clock, the plan now and the call, run on every request. */
function judge(context: ServiceContext, standing: TokenStanding, request: VerifyRequest): VerifyResult {
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
  if (!limits.allowed) return limits.result;
  return { valid: true, ...identified, mode: claims.mode, scopes, ratelimit: limits.ratelimit };
}
