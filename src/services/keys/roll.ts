import { displayPrefixOf, generateCredential } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { authorize, requireMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import type { IssuedKey } from './issue.ts';
import { getKey, manageKeys } from './manage.ts';

/** Longest grace period a roll may give the old secret: 30 days. */
export const MAX_ROLL_GRACE_SECONDS = 30 * 86_400;

/**
 * Issues a new secret for the same key id. The old secret keeps working for `gracePeriodSeconds`
 * (0: it stops now), so a planned rotation needs no downtime.
 */
export async function rollKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  keyId: string,
  gracePeriodSeconds: number,
): Promise<IssuedKey> {
  if (
    !Number.isInteger(gracePeriodSeconds) ||
    gracePeriodSeconds < 0 ||
    gracePeriodSeconds > MAX_ROLL_GRACE_SECONDS
  ) {
    throw new PortcullisError(
      'validation_failed',
      `gracePeriodSeconds must be 0 to ${MAX_ROLL_GRACE_SECONDS}`,
      {
        extensions: { field: 'gracePeriodSeconds' },
      },
    );
  }
  authorize(context, principal, manageKeys(tenantId));
  const key = await getKey(context, principal, tenantId, keyId);
  requireMode(context, principal, key.mode, manageKeys(tenantId));
  const now = context.clock.now();
  if (key.revokedAt !== null) throw new PortcullisError('conflict', 'a revoked key cannot be rolled');
  if (key.expiresAt !== null && key.expiresAt <= now) {
    throw new PortcullisError('conflict', 'an expired key cannot be rolled');
  }
  const prefix = key.type === 'secret' ? context.model.prefixes.secret : context.model.prefixes.restricted;
  const plaintext = generateCredential(prefix, key.mode, context.random);
  const displayPrefix = displayPrefixOf(plaintext);
  await context.store.unitOfWork(async (unit) => {
    await unit.apiKeys.roll(
      tenantId,
      keyId,
      {
        secretHash: context.peppers.hashCurrent(plaintext),
        pepperVersion: context.peppers.current.version,
        createdAt: now,
        expiresAt: null,
      },
      displayPrefix,
      now + gracePeriodSeconds * 1000,
    );
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'key.rolled',
      targetType: 'api_key',
      targetId: keyId,
      mode: key.mode,
      details: { gracePeriodSeconds },
    });
  });
  // Every older secret now stops at the end of the grace period at the latest, the one just replaced exactly then.
  return {
    key: { ...key, displayPrefix, previousSecretExpiresAt: now + gracePeriodSeconds * 1000 },
    plaintext,
  };
}
