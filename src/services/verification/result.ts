import type { Mode } from '../../core/credential-format.ts';
import type { PlanDefinition } from '../../core/plans.ts';
import { missingScopes } from '../../core/scopes.ts';
import type { ServiceContext } from '../context.ts';

export type VerifyFailureCode =
  | 'malformed'
  | 'not_found'
  | 'revoked'
  | 'expired'
  | 'tenant_suspended'
  | 'ip_not_allowed'
  | 'insufficient_scope'
  | 'rate_limited';

export type CredentialType = 'api_key' | 'access_token';

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Who a credential is, once identified: an API key or the client an access token was issued to. */
export type Identity =
  | { credentialType: 'api_key'; tenantId: string; keyId: string }
  | { credentialType: 'access_token'; tenantId: string; clientId: string };

export type VerifyResult =
  | {
      valid: true;
      credentialType: 'api_key';
      tenantId: string;
      keyId: string;
      mode: Mode;
      type: 'secret' | 'restricted';
      scopes: readonly string[];
      ratelimit: RateLimitState;
    }
  | {
      valid: true;
      credentialType: 'access_token';
      tenantId: string;
      clientId: string;
      mode: Mode;
      scopes: readonly string[];
      ratelimit: RateLimitState;
    }
  | ({
      valid: false;
      code: VerifyFailureCode;
      missingScopes?: string[];
      retryAfterSeconds?: number;
      ratelimit?: RateLimitState;
      /** Identity members are present once the credential is identified (refused for scope, rate, IP…). */
    } & (Identity | { credentialType?: undefined; tenantId?: undefined }));

export interface VerifyRequest {
  /** Scopes the call needs; all must be covered by the credential's effective scopes. */
  scopes?: readonly string[] | undefined;
  ip?: string | undefined;
}

/** HTTP status the platform's API would answer for each outcome; the request feed records it. */
const statusOfOutcome: Record<VerifyFailureCode | 'valid', number> = {
  valid: 200,
  malformed: 401,
  not_found: 401,
  revoked: 401,
  expired: 401,
  tenant_suspended: 401,
  ip_not_allowed: 403,
  insufficient_scope: 403,
  rate_limited: 429,
};

export type LimitOutcome =
  | { allowed: true; ratelimit: RateLimitState }
  | { allowed: false; result: VerifyResult & { valid: false } };

/** The two checks every identified credential passes last: its rate limit, then the scopes asked for. */
export function checkRateAndScopes(
  context: ServiceContext,
  identity: Identity,
  plan: PlanDefinition,
  effective: readonly string[],
  request: VerifyRequest,
): LimitOutcome {
  const bucket = identity.credentialType === 'api_key' ? identity.keyId : identity.clientId;
  const decision = context.rateLimiter.consume(bucket, plan.requestsPerMinute, context.clock.now());
  const ratelimit = {
    limit: decision.limit,
    remaining: decision.remaining,
    resetSeconds: decision.resetSeconds,
  };
  if (!decision.allowed) {
    const retryAfterSeconds = decision.retryAfterSeconds;
    return {
      allowed: false,
      result: { valid: false, code: 'rate_limited', ...identity, retryAfterSeconds, ratelimit },
    };
  }
  if (request.scopes && request.scopes.length > 0) {
    const missing = missingScopes(effective, request.scopes);
    if (missing.length > 0) {
      return {
        allowed: false,
        result: { valid: false, code: 'insufficient_scope', ...identity, missingScopes: missing, ratelimit },
      };
    }
  }
  return { allowed: true, ratelimit };
}

export interface UsageDetails {
  method: string | null;
  path: string | null;
  ip: string | null;
  latencyMs: number;
}

/** Puts one request-feed row in the buffer, once the credential was identified. */
export function recordUsage(context: ServiceContext, result: VerifyResult, usage: UsageDetails): void {
  if (result.credentialType === undefined) return;
  const outcome = result.valid ? 'valid' : result.code;
  const credentialId = result.credentialType === 'api_key' ? result.keyId : result.clientId;
  context.requestFeed.record(
    {
      tenantId: result.tenantId,
      credentialId,
      credentialType: result.credentialType,
      at: context.clock.now(),
      method: usage.method,
      path: usage.path,
      status: statusOfOutcome[outcome],
      outcome,
      latencyMs: usage.latencyMs,
      ip: usage.ip,
      rateLimited: outcome === 'rate_limited',
    },
    result.valid && result.credentialType === 'api_key',
  );
}
