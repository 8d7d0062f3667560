import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import type { RotatedSigningKey } from './signing-keys.ts';

/**
 * Operator-triggered rotation (`portcullis signing-keys rotate`, `POST /api/v1/platform/signing-keys/rotate`):
 * a new key signs from now on; the previous key stays in the JWKS until its last token has expired. Goes
 * to the activity feed outside every tenant.
 */
export async function rotateSigningKey(context: ServiceContext, actor: Actor): Promise<RotatedSigningKey> {
  const now = context.clock.now();
  const rotated = await context.signingKeys.rotateNow(now);
  await recordActivity(context.store, actor, now, {
    tenantId: null,
    action: 'signing_key.rotated',
    targetType: 'signing_key',
    targetId: rotated.kid,
    details: { retired: rotated.retired.map((key) => key.kid) },
  });
  return rotated;
}
