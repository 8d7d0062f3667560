import type { Mode } from '../../core/credential-format.ts';
import type { StoreUnit } from '../../store/index.ts';
import type { Actor } from './actor.ts';

export type ActivityAction =
  | 'tenant.created'
  | 'tenant.renamed'
  | 'tenant.plan_changed'
  | 'tenant.suspended'
  | 'tenant.resumed'
  | 'key.created'
  | 'key.rolled'
  | 'key.updated'
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
  | 'token.issued'
  | 'token.revoked'
  | 'management_key.created'
  | 'management_key.revoked'
  | 'management.legacy_query_credentials'
  | 'user.created'
  | 'user.updated'
  | 'user.disabled'
  | 'user.enabled'
  | 'member.added'
  | 'membership.role_changed'
  | 'member.removed'
  | 'invitation.created'
  | 'invitation.accepted'
  | 'invitation.revoked'
  | 'session.signed_in'
  | 'session.signed_out'
  | 'session.ended_everywhere'
  | 'session.ended_by_admin'
  | 'console_session.created'
  | 'console_session.used'
  | 'personal_token.created'
  | 'personal_token.revoked'
  | 'endpoint.created'
  | 'endpoint.updated'
  | 'endpoint.deleted'
  | 'endpoint.secret_rotated'
  | 'endpoint.disabled'
  | 'client.registered'
  | 'installation.approved'
  | 'installation.removed'
  | 'grant.replay_detected';

export interface ActivityEvent {
  tenantId: string | null;
  action: ActivityAction;
  targetType:
    | 'tenant'
    | 'api_key'
    | 'platform_key'
    | 'management_key'
    | 'app'
    | 'client'
    | 'signing_key'
    | 'user'
    | 'membership'
    | 'invitation'
    | 'session'
    | 'personal_token'
    | 'webhook_endpoint'
    | 'installation';
  targetId: string;
  /** The mode of the object, for those that have one: an event of one mode is delivered to that mode only. */
  mode?: Mode | undefined;
  details?: Record<string, unknown>;
}

/**
 * Writes one activity row and its outbox event in the caller's unit of work, so the change, its audit row and
 * its event commit together or not at all. The feed is append-only; the event's payload repeats the row's
 * facts, never a secret.
 */
export async function recordActivity(
  unit: StoreUnit,
  actor: Actor,
  at: number,
  event: ActivityEvent,
): Promise<void> {
  const details = event.details ?? {};
  await unit.activityLog.append({
    tenantId: event.tenantId,
    at,
    actorType: actor.type,
    actorId: actor.id,
    ip: actor.ip,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details,
    mode: event.mode ?? null,
  });
  await unit.outbox.append({
    type: event.action,
    tenantId: event.tenantId,
    mode: event.mode ?? null,
    payload: { object: event.targetType, id: event.targetId, ...details },
    createdAt: at,
  });
}
