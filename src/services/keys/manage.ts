import { PortcullisError } from '../../core/errors.ts';
import type { ApiKey, Page, PageRequest } from '../../store/index.ts';
import { authorize, confinedMode, requireMode, seesMode, type TenantNeed } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { tenantOrNotFound } from '../tenants/manage.ts';

/** A key as stored, with a last use this process has recorded and not yet written (see RequestFeed). */
function withPendingUse(context: ServiceContext, key: ApiKey): ApiKey {
  const pending = context.requestFeed.lastUsedOf(key.id);
  if (pending === undefined || (key.lastUsedAt !== null && key.lastUsedAt >= pending)) return key;
  return { ...key, lastUsedAt: pending };
}

function keyNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'key not found');
}

const readKeys = (tenantId: string): TenantNeed => ({ tenantId, permission: 'manage:keys', read: true });
/** Changing keys: a member whose role manages test-mode keys only changes only those. */
export const manageKeys = (tenantId: string): TenantNeed => ({ tenantId, permission: 'manage:keys' });

/** A key the principal may see: of its tenant and, for a mode-confined principal, of its mode. */
async function visibleKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ApiKey> {
  const key = await context.store.apiKeys.get(tenantId, keyId);
  if (!key || !seesMode(principal, key.mode, readKeys(tenantId), context)) throw keyNotFound();
  return key;
}

export async function getKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ApiKey> {
  authorize(context, principal, readKeys(tenantId));
  return withPendingUse(context, await visibleKey(context, principal, tenantId, keyId));
}

export interface KeyListFilter {
  mode?: ApiKey['mode'] | undefined;
  type?: ApiKey['type'] | undefined;
  appId?: string | undefined;
  status?: 'active' | 'expired' | 'revoked' | undefined;
  namePrefix?: string | undefined;
}

/**
 * Newest first, narrowed by `filter`; a mode-confined principal sees its mode's keys only (asking for the
 * other mode lists nothing, as if there were none).
 */
export async function listKeys(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
  filter: KeyListFilter = {},
): Promise<Page<ApiKey>> {
  authorize(context, principal, readKeys(tenantId));
  await tenantOrNotFound(context, tenantId);
  const confined = confinedMode(principal, readKeys(tenantId), context);
  if (confined !== undefined && filter.mode !== undefined && filter.mode !== confined) {
    return { items: [], nextCursor: null };
  }
  const { status, ...rest } = filter;
  const listed = await context.store.apiKeys.list(tenantId, page, {
    ...rest,
    mode: confined ?? filter.mode,
    status: status === undefined ? undefined : { is: status, now: context.clock.now() },
  });
  return { ...listed, items: listed.items.map((key) => withPendingUse(context, key)) };
}

/** Soft delete, effective on the very next verification. Revoking twice is harmless and logged once. */
export async function revokeKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
): Promise<ApiKey> {
  authorize(context, principal, manageKeys(tenantId));
  const visible = await visibleKey(context, principal, tenantId, keyId);
  requireMode(context, principal, visible.mode, manageKeys(tenantId));
  const now = context.clock.now();
  const after = await context.store.unitOfWork(async (unit) => {
    const current = await unit.apiKeys.get(tenantId, keyId);
    if (!current) throw keyNotFound();
    if (current.revokedAt !== null) return current;
    const revoked = await unit.apiKeys.revoke(tenantId, keyId, now);
    if (!revoked) throw keyNotFound();
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'key.revoked',
      targetType: 'api_key',
      targetId: keyId,
      mode: revoked.mode,
      details: { name: revoked.name },
    });
    return revoked;
  });
  return withPendingUse(context, after);
}
