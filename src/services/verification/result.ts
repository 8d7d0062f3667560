import { z } from 'zod';
import { modes } from '../../core/credential-format.ts';
import { isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import type { PlanDefinition } from '../../core/plans.ts';
import type { RateLimitDecision } from '../../core/rate-limit.ts';
import { roles } from '../../core/roles.ts';
import { missingScopes } from '../../core/scopes.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Why a credential may not make the call. `wrong_issuer`: a token signed here but for another issuer;
 * `rolled`: an API key's old secret, past the grace period of the roll that replaced it; `usage_exceeded`: an API
 * key with fewer usage credits left than the call asked to spend.
 */
export const verifyFailureCodes = [
  'malformed',
  'not_found',
  'revoked',
  'rolled',
  'expired',
  'tenant_suspended',
  'ip_not_allowed',
  'insufficient_scope',
  'rate_limited',
  'usage_exceeded',
  'wrong_issuer',
  'workspace_required',
  'workspace_not_allowed',
] as const;
export type VerifyFailureCode = (typeof verifyFailureCodes)[number];

const modeSchema = z.enum(modes);
const ratelimitSchema = z.object({ limit: z.number(), remaining: z.number(), resetSeconds: z.number() });
const effectiveScopes = z
  .array(z.string())
  .readonly()
  .describe('Effective scopes: granted ∩ plan now ∩ mode, expanded by implies');

/**
 * The verify answer, defined once: the OpenAPI document shows this schema and the code returns its type. A
 * refusal carries the credential's identity once it was identified (refused for scope, rate, IP, …).
 */
export const verifyResultSchema = z.union([
  z.object({
    valid: z.literal(true),
    credentialType: z.literal('api_key'),
    tenantId: z.string(),
    keyId: z.string(),
    mode: modeSchema,
    type: z.enum(['secret', 'restricted']),
    scopes: effectiveScopes,
    meta: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("The key's meta, as set at creation or by an update; null when it has none"),
    externalId: z.string().nullable().describe("The platform's own id of the key's owner; null when unset"),
    remaining: z
      .number()
      .optional()
      .describe(
        'Usage credits left after this call, when the call spent some (`consume`) of a key that counts them',
      ),
    ratelimit: ratelimitSchema,
  }),
  z.object({
    valid: z.literal(true),
    credentialType: z.literal('access_token'),
    tenantId: z.string(),
    clientId: z.string().describe('The client the token was issued to'),
    mode: modeSchema,
    scopes: effectiveScopes,
    ratelimit: ratelimitSchema,
  }),
  z.object({
    valid: z.literal(true),
    credentialType: z.literal('personal_token'),
    tenantId: z.string().describe('The workspace the call acts in'),
    userId: z.string().describe("The token's owner"),
    tokenId: z.string(),
    role: z.enum(roles).describe("The owner's role in the workspace"),
    mode: modeSchema,
    scopes: effectiveScopes.describe(
      "Effective scopes: the token's ∩ what the owner's role allows ∩ the workspace's plan now",
    ),
    ratelimit: ratelimitSchema,
  }),
  z.object({
    valid: z.literal(false),
    code: z.enum(verifyFailureCodes),
    credentialType: z.enum(['api_key', 'access_token', 'personal_token']).optional(),
    tenantId: z.string().optional(),
    keyId: z.string().optional(),
    clientId: z.string().optional(),
    userId: z.string().optional(),
    tokenId: z.string().optional(),
    missingScopes: z.array(z.string()).optional(),
    retryAfterSeconds: z.number().optional(),
    ratelimit: ratelimitSchema.optional(),
  }),
]);

export type VerifyResult = z.output<typeof verifyResultSchema>;
export type VerifyRefusal = Extract<VerifyResult, { valid: false }>;
export type RateLimitState = z.output<typeof ratelimitSchema>;

/** Who a credential is, once identified: an API key or the client an access token was issued to. */
export type Identity =
  | { credentialType: 'api_key'; tenantId: string; keyId: string }
  | { credentialType: 'access_token'; tenantId: string; clientId: string }
  | { credentialType: 'personal_token'; tenantId: string; userId: string; tokenId: string };

/** The request feed's and the rate limiter's id of an identified credential. */
function credentialIdOf(identity: Identity): string {
  switch (identity.credentialType) {
    case 'api_key':
      return identity.keyId;
    case 'access_token':
      return identity.clientId;
    case 'personal_token':
      return identity.tokenId;
  }
}

export interface VerifyRequest {
  /** Scopes the call needs; all must be covered by the credential's effective scopes. */
  scopes?: readonly string[] | undefined;
  ip?: string | undefined;
  /** The workspace a personal access token acts in; the other credentials name their own tenant. */
  workspaceId?: string | undefined;
  /** Usage credits this call spends of an API key that counts them (0 or none: not counted). */
  consume?: number | undefined;
}

/** HTTP status the platform's API would answer for each outcome; the request feed records it, the error reference shows it. */
export const statusOfOutcome: Record<VerifyFailureCode | 'valid', number> = {
  valid: 200,
  malformed: 401,
  not_found: 401,
  revoked: 401,
  rolled: 401,
  expired: 401,
  tenant_suspended: 401,
  wrong_issuer: 401,
  ip_not_allowed: 403,
  insufficient_scope: 403,
  rate_limited: 429,
  usage_exceeded: 429,
  workspace_required: 400,
  workspace_not_allowed: 403,
};

export type LimitOutcome =
  | { allowed: true; ratelimit: RateLimitState }
  | { allowed: false; result: VerifyRefusal };

/**
 * The two checks every identified credential passes last: its rate limit, then the scopes asked for. Waits
 * only when the limiter does (a shared one over the network).
 */
export function checkRateAndScopes(
  context: ServiceContext,
  identity: Identity,
  plan: PlanDefinition,
  effective: readonly string[],
  request: VerifyRequest,
  /** The credential's own rate when it has one (an API key's override), else the plan's. */
  requestsPerMinute: number = plan.requestsPerMinute,
): MaybePromise<LimitOutcome> {
  // A personal token is limited in each workspace by that workspace's plan.
  const bucket =
    identity.credentialType === 'personal_token'
      ? `${identity.tokenId}:${identity.tenantId}`
      : credentialIdOf(identity);
  const decision = context.rateLimiter.consume(bucket, requestsPerMinute, context.clock.now());
  return isPromise(decision)
    ? decision.then((settled) => limitOutcome(context, identity, effective, request, settled))
    : limitOutcome(context, identity, effective, request, decision);
}

function limitOutcome(
  context: ServiceContext,
  identity: Identity,
  effective: readonly string[],
  request: VerifyRequest,
  decision: RateLimitDecision,
): LimitOutcome {
  const ratelimit = {
    limit: decision.limit,
    remaining: decision.remaining,
    resetSeconds: decision.resetSeconds,
  };
  if (!decision.allowed) {
    context.metrics.rateLimited('request');
    if (identity.credentialType === 'api_key') {
      context.webhooks.noteRateLimited(identity.tenantId, identity.keyId, context.clock.now());
    }
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
  if (result.credentialType === undefined || result.tenantId === undefined) return;
  const credentialId =
    result.credentialType === 'api_key'
      ? result.keyId
      : result.credentialType === 'personal_token'
        ? result.tokenId
        : result.clientId;
  if (credentialId === undefined) return;
  const outcome = result.valid ? 'valid' : result.code;
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
    // Last-used stamps: API keys' and personal tokens' (both listed with `lastUsedAt`).
    result.valid && result.credentialType !== 'access_token',
  );
}
