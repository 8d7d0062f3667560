import { compileAllowlist } from '../../core/cidr.ts';
import { parseCredential } from '../../core/credential-format.ts';
import type { GrantedScopes, PlanDefinition } from '../../core/plans.ts';
import { hashSecret, hashSecretDigest } from '../../core/secret-hash.ts';
import type { KeyForVerification } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { checkRateAndScopes, type VerifyRequest, type VerifyResult } from '../verification/result.ts';

async function lookUp(context: ServiceContext, key: string): Promise<KeyForVerification | undefined> {
  for (const pepper of context.peppers.all) {
    const row = await context.store.apiKeys.findForVerification(hashSecret(key, pepper));
    if (row) return row;
  }
  return undefined;
}

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
  };
}

/**
 * The standing of a key from the in-memory directory, synchronously; undefined when the directory cannot
 * answer now (then the database is read). A key not in an up-to-date directory does not exist.
 */
function standingFromDirectory(context: ServiceContext, key: string): KeyStanding | null | undefined {
  const directory = context.keyDirectory;
  // Taken before the directory catches up: a revocation committing after it keeps the key out of the cache.
  const snapshot = context.verifiedKeys.snapshot();
  if (!directory.current()) return undefined;
  for (const pepper of context.peppers.all) {
    const digest = hashSecretDigest(key, pepper);
    const record = directory.find(digest);
    if (record < 0) continue;
    const standing = standingOf(context, directory.rowAt(record), directory.allowsAt(record));
    // Only a key seen before goes in the cache: a million keys used once each would churn it for nothing.
    if (directory.seenBefore(digest)) context.verifiedKeys.set(key, standing, snapshot);
    return standing;
  }
  return null;
}

/** Format and checksum, checked before any lookup: a mistyped key costs nothing. */
function wellFormed(context: ServiceContext, key: string): boolean {
  const parsed = parseCredential(key);
  const { prefixes } = context.model;
  return parsed !== undefined && (parsed.prefix === prefixes.secret || parsed.prefix === prefixes.restricted);
}

type Refusal = 'revoked' | 'expired' | 'tenant_suspended' | 'ip_not_allowed';

function refuse(standing: KeyStanding, code: Refusal): VerifyResult {
  return { valid: false, code, ...standing.identity };
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
  // Only keys that parsed and were found are cached, so a hit skips the checksum as well as the read.
  const answered = verifyCachedApiKey(context, key, request);
  if (answered) return answered;
  const snapshot = context.verifiedKeys.snapshot();
  const row = await lookUp(context, key);
  if (!row) return { valid: false, code: 'not_found' };
  const standing = standingOf(context, row);
  context.verifiedKeys.set(key, standing, snapshot);
  return judge(context, standing, request);
}

/**
 * `verifyApiKey` without waiting: for a key whose standing is cached or in the key directory, and for a
 * malformed key. Undefined when the database has to be read.
 */
export function verifyCachedApiKey(
  context: ServiceContext,
  key: string,
  request: VerifyRequest,
): VerifyResult | undefined {
  let standing = context.verifiedKeys.get(key);
  if (!standing) {
    if (!wellFormed(context, key)) return { valid: false, code: 'malformed' };
    const found = standingFromDirectory(context, key);
    if (found === undefined) return undefined;
    if (found === null) return { valid: false, code: 'not_found' };
    standing = found;
  }
  return judge(context, standing, request);
}

/** The checks that depend on the clock and the call, run on every request. */
function judge(context: ServiceContext, standing: KeyStanding, request: VerifyRequest): VerifyResult {
  const { revokedAt, secretExpiresAt, expiresAt, plan, scopes } = standing;
  const now = context.clock.now();
  if (revokedAt !== null && revokedAt <= now) return refuse(standing, 'revoked');
  // An old secret past its roll's grace period was revoked by the roll.
  if (secretExpiresAt !== null && secretExpiresAt <= now) return refuse(standing, 'revoked');
  if (expiresAt !== null && expiresAt <= now) return refuse(standing, 'expired');
  if (!standing.tenantActive) return refuse(standing, 'tenant_suspended');
  if (standing.allows && (request.ip === undefined || !standing.allows(request.ip))) {
    return refuse(standing, 'ip_not_allowed');
  }
  if (!plan) return refuse(standing, 'tenant_suspended');
  const limits = checkRateAndScopes(context, standing.identity, plan, scopes, request);
  if (!limits.allowed) return limits.result;
  return {
    valid: true,
    ...standing.identity,
    mode: standing.mode,
    type: standing.type,
    scopes,
    ratelimit: limits.ratelimit,
  };
}
