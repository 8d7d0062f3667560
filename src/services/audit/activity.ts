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
  | 'platform_key.revoked';

export interface ActivityEvent {
  tenantId: string | null;
  action: ActivityAction;
  targetType: 'tenant' | 'api_key' | 'platform_key';
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
