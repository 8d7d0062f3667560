import { compileAllowlist } from '../../core/cidr.ts';
import { parseCredential } from '../../core/credential-format.ts';
import { creditPeriods } from '../../core/credits.ts';
import { andThen, isPromise, type MaybePromise } from '../../core/maybe-promise.ts';
import type { GrantedScopes, PlanDefinition } from '../../core/plans.ts';
import { hashSecretDigest } from '../../core/secret-hash.ts';
import type { KeyForVerification } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import {
  checkRateAndScopes,
  type LimitOutcome,
  type VerifyRequest,
  type VerifyResult,
} from '../verification/result.ts';

/**
 * What verifying a key needs beyond the clock, worked out once when its row is read and cached with it: the
 * plan (config, fixed while the process runs), the effective scopes and the IP matcher. The cache is emptied
 * whenever the row could have changed (revoke, roll, tenant plan or status), so these stay exact.
 */
export interface KeyStanding {
  /** The row's times and states, copied out of the driver's row object into one fixed shape. */
  revokedAt: number | null;
  secretExpiresAt: number | null;
  expiresAt: number | null;
  tenantActive: boolean;
  mode: KeyForVerification['mode'];
  type: KeyForVerification['type'];
  identity: { credentialType: 'api_key'; tenantId: string; keyId: string };
  plan: PlanDefinition | undefined;
  scopes: readonly string[];
  allows: ((ip: string) => boolean) | undefined;
  /** Returned on a valid answer, parsed once here. */
  meta: Record<string, unknown> | null;
  externalId: string | null;
  /** The key's own rate, never above its plan's (a plan may have been lowered since it was set). */
  requestsPerMinute: number | undefined;
  /** Whether the key counts usage credits: a call that asks to spend some then writes (decision 033). */
  countsCredits: boolean;
}

function standingOf(
  context: ServiceContext,
  row: KeyForVerification,
  allows: ((ip: string) => boolean) | undefined = row.ip_allowlist === null
    ? undefined
    : compileAllowlist(JSON.parse(row.ip_allowlist) as string[]),
): KeyStanding {
  const plan = context.model.plans.get(row.plan_id);
  const stored = row.scopes;
  const scopes = plan
    ? context.model.effectiveScopes.get(
        stored ?? '*',
        (): GrantedScopes =>
          stored === null ? { kind: 'all' } : { kind: 'listed', scopes: JSON.parse(stored) as string[] },
        plan,
        row.mode,
      )
    : [];
  return {
    revokedAt: row.revoked_at,
    secretExpiresAt: row.secret_expires_at,
    expiresAt: row.expires_at,
    tenantActive: row.tenant_status === 'active',
    mode: row.mode,
    type: row.type,
    identity: { credentialType: 'api_key', tenantId: row.tenant_id, keyId: row.key_id },
    plan,
    scopes,
    allows,
    meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>),
    externalId: row.external_id,
    requestsPerMinute:
      plan === undefined
        ? undefined
        : Math.min(row.rate_limit_per_minute ?? plan.requestsPerMinute, plan.requestsPerMinute),
    countsCredits: row.counts_credits === 1,
  };
}

/** Format and checksum, checked before any lookup: a mistyped key costs nothing. */
function wellFormed(context: ServiceContext, key: string): boolean {
  const parsed = parseCredential(key);
  const { prefixes } = context.model;
  return parsed !== undefined && (parsed.prefix === prefixes.secret || parsed.prefix === prefixes.restricted);
}

/**
 * A key's standing, read from the in-memory key directory when it is current (no database read; on SQLite a
 * key it does not hold does not exist), else from the database. Undefined for a key that is malformed or
 * unknown.
 */
function loadStanding(context: ServiceContext, key: string): MaybePromise<KeyStanding | undefined> {
  if (!wellFormed(context, key)) return undefined;
  const directory = context.keyDirectory;
  if (directory.current()) {
    for (const pepper of context.peppers.all) {
      const record = directory.find(hashSecretDigest(key, pepper));
      if (record >= 0) {
        context.metrics.keyDirectoryLookup('found');
        return standingOf(context, directory.rowAt(record), directory.allowsAt(record));
      }
    }
    if (directory.missesAreFinal) {
      context.metrics.keyDirectoryLookup('absent');
      return undefined;
    }
  }
  context.metrics.keyDirectoryLookup('database');
  return andThen(
    findByAnyPepper(context.peppers, key, (hash) => context.store.apiKeys.findForVerification(hash)),
    (row) => row && standingOf(context, row),
  );
}

type Refusal = 'revoked' | 'rolled' | 'expired' | 'tenant_suspended' | 'ip_not_allowed';

function refuse(standing: KeyStanding, code: Refusal): VerifyResult {
  return { valid: false, code, ...standing.identity };
}

/**
 * Answers whether a presented API key may make this call. Reads only: no database write happens here;
 * usage is recorded through the buffered request feed by the caller. Checks run in order: format and checksum
 * (no lookup), existence, revocation, expiry, tenant status, IP allowlist, rate limit, scopes. A key in steady
 * use is answered from the cache, without waiting; so is one the key directory holds.
 */
export function verifyApiKey(
  context: ServiceContext,
  key: string,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  // Only keys that parsed and were found are cached, so a hit skips the checksum as well as the read.
  const standing = context.verifiedKeys.getOrLoad(key, () => loadStanding(context, key));
  return isPromise(standing)
    ? standing.then((found) => answer(context, key, found, request))
    : answer(context, key, standing, request);
}

function answer(
  context: ServiceContext,
  key: string,
  standing: KeyStanding | undefined,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  if (standing === undefined)
    return { valid: false, code: wellFormed(context, key) ? 'not_found' : 'malformed' };
  return judge(context, standing, request);
}

/** The checks that depend on the clock and the call, run on every request. */
function judge(
  context: ServiceContext,
  standing: KeyStanding,
  request: VerifyRequest,
): MaybePromise<VerifyResult> {
  const { revokedAt, secretExpiresAt, expiresAt, plan, scopes } = standing;
  const now = context.clock.now();
  if (revokedAt !== null && revokedAt <= now) return refuse(standing, 'revoked');
  // An old secret past its roll's grace period was replaced by the roll: the key itself still works.
  if (secretExpiresAt !== null && secretExpiresAt <= now) return refuse(standing, 'rolled');
  if (expiresAt !== null && expiresAt <= now) return refuse(standing, 'expired');
  if (!standing.tenantActive) return refuse(standing, 'tenant_suspended');
  if (standing.allows && (request.ip === undefined || !standing.allows(request.ip))) {
    return refuse(standing, 'ip_not_allowed');
  }
  if (!plan) return refuse(standing, 'tenant_suspended');
  const limits = checkRateAndScopes(
    context,
    standing.identity,
    plan,
    scopes,
    request,
    standing.requestsPerMinute,
  );
  const consume = request.consume ?? 0;
  if (consume > 0 && standing.countsCredits) {
    return andThen(limits, (settled) =>
      settled.allowed ? spendCredits(context, standing, settled, consume, now) : settled.result,
    );
  }
  return isPromise(limits)
    ? limits.then((settled) => resultOf(standing, settled))
    : resultOf(standing, limits);
}

/**
 * The one database write verification makes, and only for a key that counts usage credits and a call that
 * asks to spend some: an atomic decrement (refilled first when due), exact on one database (decision 033).
 */
async function spendCredits(
  context: ServiceContext,
  standing: KeyStanding,
  limits: Extract<LimitOutcome, { allowed: true }>,
  amount: number,
  now: number,
): Promise<VerifyResult> {
  const { tenantId, keyId } = standing.identity;
  const remaining = await context.store.apiKeys.spendCredits(
    tenantId,
    keyId,
    amount,
    now,
    creditPeriods(now),
  );
  if (remaining === undefined) {
    return { valid: false, code: 'usage_exceeded', ...standing.identity, ratelimit: limits.ratelimit };
  }
  const result = resultOf(standing, limits);
  return result.valid && result.credentialType === 'api_key' ? { ...result, remaining } : result;
}

function resultOf(standing: KeyStanding, limits: LimitOutcome): VerifyResult {
  if (!limits.allowed) return limits.result;
  const { tenantId, keyId } = standing.identity;
  return {
    valid: true,
    credentialType: 'api_key',
    tenantId,
    keyId,
    mode: standing.mode,
    type: standing.type,
    scopes: standing.scopes,
    meta: standing.meta,
    externalId: standing.externalId,
    ratelimit: limits.ratelimit,
  };
}
