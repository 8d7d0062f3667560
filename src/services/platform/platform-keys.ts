import { displayPrefixOf, generateCredential, parseCredential } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { PlatformPermission } from '../../core/management-permissions.ts';
import { andThen, type MaybePromise } from '../../core/maybe-promise.ts';
import type { Page, PageRequest, PlatformKey } from '../../store/index.ts';
import { authorize, requireGrantable } from '../access/policy.ts';
import { actorOf, localPrincipal, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';

export interface IssuedPlatformKey {
  key: PlatformKey;
  plaintext: string;
}

export async function issuePlatformKey(
  context: ServiceContext,
  principal: Principal,
  name: string,
  permissions: PlatformPermission[],
): Promise<IssuedPlatformKey> {
  authorize(context, principal, { platform: 'manage' });
  // Grants no more than it holds: a `manage` key cannot mint a `verify` or a `*` key.
  requireGrantable(context, principal, null, permissions);
  const plaintext = generateCredential(context.model.prefixes.platform, 'live', context.random);
  const now = context.clock.now();
  const key: PlatformKey = {
    id: newId('platformKey', context.random),
    name,
    permissions: [...new Set(permissions)],
    displayPrefix: displayPrefixOf(plaintext),
    createdAt: now,
    revokedAt: null,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.platformKeys.insert({
      ...key,
      secretHash: context.peppers.hashCurrent(plaintext),
      pepperVersion: context.peppers.current.version,
    });
    await recordActivity(unit, actorOf(principal), now, {
      tenantId: null,
      action: 'platform_key.created',
      targetType: 'platform_key',
      targetId: key.id,
      details: { name, permissions: key.permissions },
    });
  });
  return { key, plaintext };
}

/** Platform keys newest first, a page at a time (never the secret). */
export function listPlatformKeys(
  context: ServiceContext,
  principal: Principal,
  page: PageRequest,
): Promise<Page<PlatformKey>> {
  authorize(context, principal, { platform: 'manage' });
  return context.store.platformKeys.list(page);
}

/** One platform key, revoked or not; 404 for an unknown id. */
export async function getPlatformKey(
  context: ServiceContext,
  principal: Principal,
  keyId: string,
): Promise<PlatformKey> {
  authorize(context, principal, { platform: 'manage' });
  const key = await context.store.platformKeys.get(keyId);
  if (!key) throw new PortcullisError('not_found', 'platform key not found');
  return key;
}

/** Revokes a platform key; it stops on the very next request, in every process. */
export async function revokePlatformKey(
  context: ServiceContext,
  principal: Principal,
  keyId: string,
): Promise<void> {
  authorize(context, principal, { platform: 'manage' });
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    if (!(await unit.platformKeys.revoke(keyId, now))) {
      throw new PortcullisError('not_found', 'platform key not found');
    }
    await recordActivity(unit, actorOf(principal), now, {
      tenantId: null,
      action: 'platform_key.revoked',
      targetType: 'platform_key',
      targetId: keyId,
    });
  });
}

/** Creates the first platform key when there is none; returns undefined when one already exists. */
export async function bootstrapPlatformKey(context: ServiceContext): Promise<IssuedPlatformKey | undefined> {
  if ((await context.store.platformKeys.count()) > 0) return undefined;
  return issuePlatformKey(context, localPrincipal, 'bootstrap', ['*']);
}

/**
 * The principal of an active platform key, or undefined. Checksum first, so junk costs no lookup; a key in
 * use is answered from the cache, without waiting. The principal carries no address (`ip: null`): callers
 * that record an actor add theirs.
 */
export function authenticatePlatformKey(
  context: ServiceContext,
  credential: string,
): MaybePromise<Principal | undefined> {
  return context.authenticatedPlatformKeys.getOrLoad(credential, () => {
    const parsed = parseCredential(credential);
    if (!parsed || parsed.prefix !== context.model.prefixes.platform) return undefined;
    return andThen(
      findByAnyPepper(context.peppers, credential, (hash) =>
        context.store.platformKeys.findBySecretHash(hash),
      ),
      (key) =>
        key && key.revokedAt === null
          ? {
              kind: 'platform_key',
              id: key.id,
              permissions: key.permissions as PlatformPermission[],
              ip: null,
            }
          : undefined,
    );
  });
}
