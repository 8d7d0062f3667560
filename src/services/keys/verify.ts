import { compileAllowlist } from '../../core/cidr.ts';
import { type Mode, parseCredential } from '../../core/credential-format.ts';
import type { GrantedScopes } from '../../core/plans.ts';
import { missingScopes } from '../../core/scopes.ts';
import { hashSecret } from '../../core/secret-hash.ts';
import type { KeyForVerification } from '../../store/index.ts';
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

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

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
      valid: false;
      code: VerifyFailureCode;
      /** Present once the key is identified and valid but refused (scope, rate, IP). */
      tenantId?: string;
      keyId?: string;
      missingScopes?: string[];
      retryAfterSeconds?: number;
      ratelimit?: RateLimitState;
    };

export interface VerifyRequest {
  /** Scopes the call needs; all must be covered by the key's effective scopes. */
  scopes?: readonly string[] | undefined;
  ip?: string | undefined;
}

/** HTTP status the platform's API would answer for each outcome; the request feed records it. */
export const statusOfOutcome: Record<VerifyFailureCode | 'valid', number> = {
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

const allowlists = new Map<string, (ip: string) => boolean>();

function allowlistFor(json: string): (ip: string) => boolean {
  let matcher = allowlists.get(json);
  if (!matcher) {
    matcher = compileAllowlist(JSON.parse(json) as string[]);
    if (allowlists.size > 10_000) allowlists.clear();
    allowlists.set(json, matcher);
  }
  return matcher;
}

async function lookUp(context: ServiceContext, key: string): Promise<KeyForVerification | undefined> {
  for (const pepper of context.peppers.all) {
    const row = await context.store.apiKeys.findForVerification(hashSecret(key, pepper));
    if (row) return row;
  }
  return undefined;
}

/**
 * Answers whether a presented API key may make this call. Reads only: no database write happens here;
 * usage is recorded through the buffered request feed by the caller.
 * Checks run in order: format and checksum (no lookup), existence, revocation, expiry, tenant status,
 * IP allowlist, rate limit, scopes.
 */
export async function verifyApiKey(
  context: ServiceContext,
  key: string,
  request: VerifyRequest,
): Promise<VerifyResult> {
  const parsed = parseCredential(key);
  const { prefixes } = context.model;
  if (!parsed || (parsed.prefix !== prefixes.secret && parsed.prefix !== prefixes.restricted)) {
    return { valid: false, code: 'malformed' };
  }
  const row = await lookUp(context, key);
  if (!row) return { valid: false, code: 'not_found' };
  const now = context.clock.now();
  const identified = { tenantId: row.tenant_id, keyId: row.key_id };
  if (row.revoked_at !== null && row.revoked_at <= now)
    return { valid: false, code: 'revoked', ...identified };
  if (row.secret_expires_at !== null && row.secret_expires_at <= now) {
    return { valid: false, code: 'revoked', ...identified };
  }
  if (row.expires_at !== null && row.expires_at <= now)
    return { valid: false, code: 'expired', ...identified };
  if (row.tenant_status !== 'active') return { valid: false, code: 'tenant_suspended', ...identified };
  if (
    row.ip_allowlist !== null &&
    (request.ip === undefined || !allowlistFor(row.ip_allowlist)(request.ip))
  ) {
    return { valid: false, code: 'ip_not_allowed', ...identified };
  }
  const plan = context.model.plans.get(row.plan_id);
  if (!plan) return { valid: false, code: 'tenant_suspended', ...identified };
  const decision = context.rateLimiter.consume(row.key_id, plan.requestsPerMinute, now);
  const ratelimit = {
    limit: decision.limit,
    remaining: decision.remaining,
    resetSeconds: decision.resetSeconds,
  };
  if (!decision.allowed) {
    return {
      valid: false,
      code: 'rate_limited',
      ...identified,
      retryAfterSeconds: decision.retryAfterSeconds,
      ratelimit,
    };
  }
  const stored = row.scopes;
  const scopes = context.model.effectiveScopes.get(
    stored ?? '*',
    (): GrantedScopes =>
      stored === null ? { kind: 'all' } : { kind: 'listed', scopes: JSON.parse(stored) as string[] },
    plan,
    row.mode,
  );
  if (request.scopes && request.scopes.length > 0) {
    const missing = missingScopes(scopes, request.scopes);
    if (missing.length > 0) {
      return { valid: false, code: 'insufficient_scope', ...identified, missingScopes: missing, ratelimit };
    }
  }
  return {
    valid: true,
    credentialType: 'api_key',
    ...identified,
    mode: row.mode,
    type: row.type,
    scopes,
    ratelimit,
  };
}

export interface UsageDetails {
  method: string | null;
  path: string | null;
  ip: string | null;
  latencyMs: number;
}

/** Puts one request-feed row in the buffer, when the key was identified. */
export function recordKeyUsage(context: ServiceContext, result: VerifyResult, usage: UsageDetails): void {
  if (result.tenantId === undefined || result.keyId === undefined) return;
  const outcome = result.valid ? 'valid' : result.code;
  context.requestFeed.record(
    {
      tenantId: result.tenantId,
      credentialId: result.keyId,
      credentialType: 'api_key',
      at: context.clock.now(),
      method: usage.method,
      path: usage.path,
      status: statusOfOutcome[outcome],
      outcome,
      latencyMs: usage.latencyMs,
      ip: usage.ip,
      rateLimited: outcome === 'rate_limited',
    },
    result.valid,
  );
}
