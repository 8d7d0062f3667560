import type { GrantedScopes } from '../../core/plans.ts';
import { getClientForToken } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import {
  checkRateAndScopes,
  type VerifyFailureCode,
  type VerifyRequest,
  type VerifyResult,
} from '../verification/result.ts';
import { type AccessTokenFailure, verifyAccessToken } from './verify-access-token.ts';

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
  const verified = await verifyAccessToken(context, token);
  if (!verified.valid) return { valid: false, code: codeOf[verified.code] };
  const { claims } = verified;
  const identified = {
    credentialType: 'access_token',
    tenantId: claims.tenantId,
    clientId: claims.clientId,
  } as const;
  const tenant = await context.store.tenants.get(claims.tenantId);
  const plan = tenant && context.model.plans.get(tenant.planId);
  if (!tenant || !plan || tenant.status !== 'active')
    return { valid: false, code: 'tenant_suspended', ...identified };
  const client = await getClientForToken(context, claims.clientId, claims.tenantId);
  if (!client || client.status === 'deleted') return { valid: false, code: 'revoked', ...identified };
  const scopeList = claims.scopes.join(' ');
  const scopes = context.model.effectiveScopes.get(
    `token:${scopeList}`,
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
