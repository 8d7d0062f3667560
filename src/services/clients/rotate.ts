import { clientStatusAt } from '../../core/client-status.ts';
import { PortcullisError } from '../../core/errors.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import { type ClientWithSecret, newClientSecret } from './create.ts';
import { getClient } from './manage.ts';

/** Longest grace period a rotation may give the old secret: 30 days. */
export const MAX_ROTATION_GRACE_SECONDS = 30 * 86_400;

/**
 * Issues a new `client_secret` for the same `client_id`. The old secret stops at once (seed 002) unless a
 * grace period is asked for a planned rotation. Tokens already issued stay valid until they expire.
 */
export async function rotateClientSecret(
  context: ServiceContext,
  actor: Actor,
  tenantId: string,
  clientId: string,
  gracePeriodSeconds: number,
): Promise<ClientWithSecret> {
  if (
    !Number.isInteger(gracePeriodSeconds) ||
    gracePeriodSeconds < 0 ||
    gracePeriodSeconds > MAX_ROTATION_GRACE_SECONDS
  ) {
    throw new PortcullisError('validation_failed', 'gracePeriodSeconds must be 0 to 2592000', {
      extensions: { field: 'gracePeriodSeconds' },
    });
  }
  const client = await getClient(context, tenantId, clientId);
  const now = context.clock.now();
  if (clientStatusAt(client, now) === 'expired') {
    throw new PortcullisError('conflict', 'an expired client cannot get a new secret; create a new client');
  }
  const secret = newClientSecret(context, client.mode, now);
  const rotated = await context.store.clients.rotateSecret(
    tenantId,
    clientId,
    secret.stored,
    now + gracePeriodSeconds * 1000,
  );
  if (!rotated) throw new PortcullisError('not_found', 'client not found');
  await recordActivity(context.store, actor, now, {
    tenantId,
    action: 'client.secret_rotated',
    targetType: 'client',
    targetId: clientId,
    details: { gracePeriodSeconds },
  });
  return { client: { ...client, updatedAt: now }, clientSecret: secret.plaintext };
}
