import { compileAllowlist } from '../../core/cidr.ts';
import { parseCredential } from '../../core/credential-format.ts';
import type { GrantedScopes } from '../../core/plans.ts';
import { hashSecret } from '../../core/secret-hash.ts';
import type { KeyForVerification } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { checkRateAndScopes, type VerifyRequest, type VerifyResult } from '../verification/result.ts';

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
  // Only keys that parsed and were found are cached, so a hit skips the checksum as well as the read.
  let row = context.verifiedKeys.get(key);
  if (!row) {
    const parsed = parseCredential(key);
    const { prefixes } = context.model;
    if (!parsed || (parsed.prefix !== prefixes.secret && parsed.prefix !== prefixes.restricted)) {
      return { valid: false, code: 'malformed' };
    }
    row = await lookUp(context, key);
    if (!row) return { valid: false, code: 'not_found' };
    context.verifiedKeys.set(key, row);
  }
  const now = context.clock.now();
  const identified = { credentialType: 'api_key', tenantId: row.tenant_id, keyId: row.key_id } as const;
  const refuse = (code: 'revoked' | 'expired' | 'tenant_suspended' | 'ip_not_allowed'): VerifyResult => ({
    valid: false,
    code,
    ...identified,
  });
  if (row.revoked_at !== null && row.revoked_at <= now) return refuse('revoked');
  // An old secret past its roll's grace period was revoked by the roll.
  if (row.secret_expires_at !== null && row.secret_expires_at <= now) return refuse('revoked');
  if (row.expires_at !== null && row.expires_at <= now) return refuse('expired');
  if (row.tenant_status !== 'active') return refuse('tenant_suspended');
  if (
    row.ip_allowlist !== null &&
    (request.ip === undefined || !allowlistFor(row.ip_allowlist)(request.ip))
  ) {
    return refuse('ip_not_allowed');
  }
  const plan = context.model.plans.get(row.plan_id);
  if (!plan) return refuse('tenant_suspended');
  const stored = row.scopes;
  const scopes = context.model.effectiveScopes.get(
    stored ?? '*',
    (): GrantedScopes =>
      stored === null ? { kind: 'all' } : { kind: 'listed', scopes: JSON.parse(stored) as string[] },
    plan,
    row.mode,
  );
  const limits = checkRateAndScopes(context, identified, plan, scopes, request);
  if (!limits.allowed) return limits.result;
  return { valid: true, ...identified, mode: row.mode, type: row.type, scopes, ratelimit: limits.ratelimit };
}
