import { creditsRemainingAt, type StoredCredits } from '../../core/credits.ts';
import { PortcullisError } from '../../core/errors.ts';
import type { ApiKey, KeyChanges, KeyCredits } from '../../store/index.ts';
import { authorize, requireMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant } from '../tenants/manage.ts';
import {
  type CreditsInput,
  checkCredits,
  checkExternalId,
  checkKeyScopes,
  checkMeta,
  checkRateOverride,
} from './key-settings.ts';
import { getKey, manageKeys } from './manage.ts';

/** What `PATCH …/keys/{keyId}` may change; a field left out stays, null clears where allowed. */
export interface UpdateKeyInput {
  name?: string | undefined;
  /** A restricted key's listed scopes, checked exactly as at creation. */
  scopes?: string[] | undefined;
  expiresAt?: number | null | undefined;
  ipAllowlist?: string[] | null | undefined;
  meta?: Record<string, unknown> | null | undefined;
  externalId?: string | null | undefined;
  rateLimit?: { requestsPerMinute: number } | null | undefined;
  /** New credits (counting starts again from `remaining`), or null to stop counting. */
  credits?: CreditsInput | null | undefined;
}

/** The fields an update records in the activity feed as old → new (every one; none is a secret). */
const RECORDED = [
  'name',
  'scopes',
  'expiresAt',
  'ipAllowlist',
  'meta',
  'externalId',
  'rateLimitPerMinute',
  'credits',
] as const satisfies readonly (keyof KeyChanges & keyof ApiKey)[];

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === new Set(b).size && a.every((item) => b.includes(item));

function invalid(field: string, detail: string): PortcullisError {
  return new PortcullisError('validation_failed', detail, { extensions: { field } });
}

/**
 * Changes a key's settings, authorized as revoking it is (manage:keys, its mode, its tenant). A revoked or
 * expired key is a 409 conflict. The activity row names each changed field with its old and new value; the
 * next verification on every node sees the change (the write moves the key's directory sequence and empties
 * the caches, as a revocation does).
 */
export async function updateKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
  input: UpdateKeyInput,
): Promise<ApiKey> {
  const need = manageKeys(tenantId);
  authorize(context, principal, need);
  const key = await getKey(context, principal, tenantId, keyId);
  requireMode(context, principal, key.mode, need);
  const now = context.clock.now();
  if (key.revokedAt !== null) throw new PortcullisError('conflict', 'a revoked key cannot be changed');
  if (key.expiresAt !== null && key.expiresAt <= now) {
    throw new PortcullisError('conflict', 'an expired key cannot be changed');
  }
  const tenant = await activeTenant(context, tenantId);
  const changes: KeyChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.scopes !== undefined) {
    if (key.type !== 'restricted') {
      throw invalid('scopes', 'a secret key holds every entitled scope; only a restricted key lists scopes');
    }
    const scopes = [...new Set(input.scopes)];
    // Only a change is checked: scopes sent back as they are pass even after a downgrade, which narrows what
    // they grant at verify anyway.
    if (!sameSet(scopes, key.scopes ?? [])) checkKeyScopes(context, tenant.planId, scopes);
    changes.scopes = scopes;
  }
  if (input.expiresAt !== undefined) {
    if (input.expiresAt !== null && input.expiresAt <= now) {
      throw invalid('expiresAt', 'expiresAt must be in the future');
    }
    changes.expiresAt = input.expiresAt;
  }
  if (input.ipAllowlist !== undefined) {
    changes.ipAllowlist =
      input.ipAllowlist === null || input.ipAllowlist.length === 0 ? null : input.ipAllowlist;
  }
  if (input.meta !== undefined) {
    if (input.meta !== null) checkMeta(input.meta);
    changes.meta = input.meta;
  }
  if (input.externalId !== undefined) {
    if (input.externalId !== null) checkExternalId(input.externalId);
    changes.externalId = input.externalId;
  }
  if (input.rateLimit !== undefined) {
    const rate = input.rateLimit?.requestsPerMinute ?? null;
    // As with scopes, a rate sent back unchanged passes; verify caps it at a lowered plan's rate.
    if (rate !== null && rate !== key.rateLimitPerMinute)
      checkRateOverride(context, context.model.plans.get(tenant.planId), rate);
    changes.rateLimitPerMinute = rate;
  }
  if (input.credits !== undefined) {
    if (input.credits !== null) checkCredits(input.credits);
    changes.credits =
      input.credits === null
        ? null
        : { remaining: input.credits.remaining, refill: input.credits.refill ?? null };
  }
  const changed = changedFields(key, changes, now);
  if (Object.keys(changed).length === 0) return key;
  const after = await context.store.unitOfWork(async (unit) => {
    const updated = await unit.apiKeys.update(tenantId, keyId, changes, now);
    // Revoked or expired between the read above and this write.
    if (!updated) throw new PortcullisError('conflict', 'a revoked or expired key cannot be changed');
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'key.updated',
      targetType: 'api_key',
      targetId: keyId,
      mode: key.mode,
      details: { name: updated.name, changes: changed },
    });
    return updated;
  });
  return { ...after, lastUsedAt: key.lastUsedAt };
}

/**
 * A recorded field under its API name, with its value as the API shows it (times in ISO 8601; stored credits as
 * left at `now`, a due refill included).
 */
function asShown(field: (typeof RECORDED)[number], value: unknown, now: number): [string, unknown] {
  if (field === 'credits' && value !== null && typeof value === 'object') {
    const credits = value as KeyCredits | StoredCredits;
    const remaining = 'refilledAt' in credits ? creditsRemainingAt(credits, now) : credits.remaining;
    return [field, { remaining, refill: credits.refill }];
  }
  if (field === 'expiresAt') return [field, typeof value === 'number' ? new Date(value).toISOString() : null];
  if (field === 'rateLimitPerMinute') {
    return ['rateLimit', typeof value === 'number' ? { requestsPerMinute: value } : null];
  }
  return [field, value];
}

/** Each field whose value changes, as `{ from, to }` under the key's API field names. */
function changedFields(
  key: ApiKey,
  changes: KeyChanges,
  now: number,
): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of RECORDED) {
    if (changes[field] === undefined) continue;
    const [name, from] = asShown(field, key[field], now);
    const to = asShown(field, changes[field], now)[1];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changed[name] = { from, to };
  }
  return changed;
}
