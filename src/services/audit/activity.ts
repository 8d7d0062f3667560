import type { Store } from '../../store/index.ts';
import type { Actor } from './actor.ts';

export type ActivityAction =
  | 'tenant.created'
  | 'tenant.renamed'
  | 'tenant.plan_changed'
  | 'tenant.suspended'
  | 'tenant.resumed'
  | 'key.created'
  | 'key.rolled'
  | 'key.revoked'
  | 'platform_key.created'
  | 'platform_key.revoked'
  | 'signing_key.rotated'
  | 'app.created'
  | 'app.updated'
  | 'app.deleted'
  | 'client.created'
  | 'client.scopes_changed'
  | 'client.suspended'
  | 'client.resumed'
  | 'client.secret_rotated'
  | 'client.deleted'
  | 'client.authentication_failed'
  | 'token.issued'
  | 'token.revoked'
  | 'management_key.created'
  | 'management_key.revoked'
  | 'management.legacy_query_credentials';

export interface ActivityEvent {
  tenantId: string | null;
  action: ActivityAction;
  targetType: 'tenant' | 'api_key' | 'platform_key' | 'management_key' | 'app' | 'client' | 'signing_key';
  targetId: string;
  details?: Record<string, unknown>;
}

/** Appends one activity row; the feed is append-only. */
export async function recordActivity(
  store: Pick<Store, 'activityLog'>,
  actor: Actor,
  at: number,
  event: ActivityEvent,
): Promise<void> {
  await store.activityLog.append({
    tenantId: event.tenantId,
    at,
    actorType: actor.type,
    actorId: actor.id,
    ip: actor.ip,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details ?? {},
  });
}
