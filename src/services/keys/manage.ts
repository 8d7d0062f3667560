import { PortcullisError } from '../../core/errors.ts';
import type { ApiKey, Page, PageRequest } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';

/** A key as stored, with a last use this process has recorded and not yet written (see RequestFeed). */
function withPendingUse(context: ServiceContext, key: ApiKey): ApiKey {
  const pending = context.requestFeed.lastUsedOf(key.id);
  if (pending === undefined || (key.lastUsedAt !== null && key.lastUsedAt >= pending)) return key;
  return { ...key, lastUsedAt: pending };
}

export async function getKey(context: ServiceContext, tenantId: string, keyId: string): Promise<ApiKey> {
  const key = await context.store.apiKeys.get(tenantId, keyId);
  if (!key) throw new PortcullisError('not_found', 'key not found');
  return withPendingUse(context, key);
}

export async function listKeys(
  context: ServiceContext,
  tenantId: string,
  page: PageRequest,
): Promise<Page<ApiKey>> {
  const listed = await context.store.apiKeys.list(tenantId, page);
  return { ...listed, items: listed.items.map((key) => withPendingUse(context, key)) };
}

/** Soft delete, effective on the very next verification. Revoking twice is harmless and logged once. */
export async function revokeKey(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  keyId: string,
): Promise<ApiKey> {
  const before = await getKey(context, tenantId, keyId);
  if (before.revokedAt !== null) return before;
  const now = context.clock.now();
  const after = await context.store.apiKeys.revoke(tenantId, keyId, now);
  if (!after) throw new PortcullisError('not_found', 'key not found');
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'key.revoked',
    targetType: 'api_key',
    targetId: keyId,
    details: { name: after.name },
  });
  return withPendingUse(context, after);
}
