import { authorize } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import type { RotatedSigningKey } from './signing-keys.ts';

/**
 * Operator-triggered rotation (`portcullis signing-keys rotate`, `POST /api/v1/platform/signing-keys/rotate`):
 * a new key signs from now on; the previous key stays in the JWKS until its last token has expired. The new
 * key, the retirements and the activity row (outside every tenant) commit in one unit of work.
 */
export async function rotateSigningKey(
  context: ServiceContext,
  principal: Principal,
): Promise<RotatedSigningKey> {
  authorize(context, principal, { platform: 'manage' });
  const now = context.clock.now();
  return context.signingKeys.rotateNow(now, (unit, rotated) =>
    recordActivity(unit, actorOf(principal), now, {
      tenantId: null,
      action: 'signing_key.rotated',
      targetType: 'signing_key',
      targetId: rotated.kid,
      details: { retired: rotated.retired.map((key) => key.kid) },
    }),
  );
}
