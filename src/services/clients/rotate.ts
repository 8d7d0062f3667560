import { clientStatusAt } from '../../core/client-status.ts';
import { PortcullisError } from '../../core/errors.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import { authorize, requireGrantable } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { type ClientWithSecret, newClientSecret } from './create.ts';
import { visibleClient } from './manage.ts';

/** Longest grace period a rotation may give the old secret: 30 days. */
export const MAX_ROTATION_GRACE_SECONDS = 30 * 86_400;

/**
 * Issues a new `client_secret` for the same `client_id`. The old secret stops at once (seed 002) unless a
 * grace period is asked for a planned rotation. Tokens already issued stay valid until they expire. The new
 * secret carries the client's management permissions: only a caller holding them may take it.
 */
export async function rotateClientSecret(
  context: ServiceContext,
  principal: Principal,
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
  authorize(context, principal, { tenantId, permission: 'manage:clients' });
  const client = await visibleClient(context, principal, tenantId, clientId);
  requireGrantable(context, principal, tenantId, client.scopes.filter(isManagementPermission));
  const now = context.clock.now();
  if (clientStatusAt(client, now) === 'expired') {
    throw new PortcullisError('conflict', 'an expired client cannot get a new secret; create a new client');
  }
  const app = client.appId === null ? undefined : await context.store.apps.get(tenantId, client.appId);
  if (app?.type === 'public') {
    throw new PortcullisError('conflict', "a public app's client has no secret to rotate");
  }
  if (app?.jwks || app?.jwksUri) {
    throw new PortcullisError('conflict', "the app's clients authenticate with its keys (private_key_jwt)");
  }
  const secret = newClientSecret(context, client.mode, now);
  await context.store.unitOfWork(async (unit) => {
    const rotated = await unit.clients.rotateSecret(
      tenantId,
      clientId,
      secret.stored,
      now + gracePeriodSeconds * 1000,
    );
    if (!rotated) throw new PortcullisError('not_found', 'client not found');
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'client.secret_rotated',
      targetType: 'client',
      targetId: clientId,
      mode: client.mode,
      details: { gracePeriodSeconds },
    });
  });
  return { client: { ...client, updatedAt: now }, clientSecret: secret.plaintext };
}
