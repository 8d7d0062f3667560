import { displayPrefixOf, generateCredential, parseCredential } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { hashSecret } from '../../core/secret-hash.ts';
import type { PlatformKey } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { Actor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';

/** Permissions a platform key can hold. `*` is everything; `verify` only answers `POST /api/v1/verify`. */
export const platformPermissions = ['*', 'manage', 'verify'] as const;
export type PlatformPermission = (typeof platformPermissions)[number];

export interface IssuedPlatformKey {
  key: PlatformKey;
  plaintext: string;
}

export async function issuePlatformKey(
  context: ServiceContext,
  actor: Actor,
  name: string,
  permissions: PlatformPermission[],
): Promise<IssuedPlatformKey> {
  const plaintext = generateCredential(context.model.prefixes.platform, 'live', context.random);
  const now = context.clock.now();
  const key: PlatformKey = {
    id: newId('platformKey', context.random),
    name,
    permissions,
    displayPrefix: displayPrefixOf(plaintext),
    createdAt: now,
    revokedAt: null,
  };
  await context.store.platformKeys.insert({
    ...key,
    secretHash: context.peppers.hashCurrent(plaintext),
    pepperVersion: context.peppers.current.version,
  });
  await recordActivity(context.store, actor, now, {
    tenantId: null,
    action: 'platform_key.created',
    targetType: 'platform_key',
    targetId: key.id,
    details: { name, permissions },
  });
  return { key, plaintext };
}

export function listPlatformKeys(context: ServiceContext): Promise<PlatformKey[]> {
  return context.store.platformKeys.list();
}

/** Revokes a platform key; it stops on the very next request, in every process (the change counter moves). */
export async function revokePlatformKey(context: ServiceContext, actor: Actor, keyId: string): Promise<void> {
  const now = context.clock.now();
  if (!(await context.store.platformKeys.revoke(keyId, now))) {
    throw new PortcullisError('not_found', 'platform key not found');
  }
  await recordActivity(context.store, actor, now, {
    tenantId: null,
    action: 'platform_key.revoked',
    targetType: 'platform_key',
    targetId: keyId,
  });
}

/** Creates the first platform key when there is none; returns undefined when one already exists. */
export async function bootstrapPlatformKey(
  context: ServiceContext,
  actor: Actor,
): Promise<IssuedPlatformKey | undefined> {
  if ((await context.store.platformKeys.count()) > 0) return undefined;
  return issuePlatformKey(context, actor, 'bootstrap', ['*']);
}

/**
 * `authenticatePlatformKey` without waiting, for a credential already authenticated and cached; undefined
 * otherwise. Only keys that parsed and authenticated are cached, so a hit skips the checksum too.
 */
export function authenticateCachedPlatformKey(
  context: ServiceContext,
  credential: string,
): PlatformKey | undefined {
  return context.authenticatedPlatformKeys.get(credential);
}

/** The active platform key this credential is, or undefined. Checksum first, so junk costs no lookup. */
export async function authenticatePlatformKey(
  context: ServiceContext,
  credential: string,
): Promise<PlatformKey | undefined> {
  const cached = authenticateCachedPlatformKey(context, credential);
  if (cached) return cached;
  const parsed = parseCredential(credential);
  if (!parsed || parsed.prefix !== context.model.prefixes.platform) return undefined;
  const snapshot = context.authenticatedPlatformKeys.snapshot();
  for (const pepper of context.peppers.all) {
    const key = await context.store.platformKeys.findBySecretHash(hashSecret(credential, pepper));
    if (!key) continue;
    if (key.revokedAt !== null) return undefined;
    context.authenticatedPlatformKeys.set(credential, key, snapshot);
    return key;
  }
  return undefined;
}

export function platformKeyAllows(key: PlatformKey, permission: Exclude<PlatformPermission, '*'>): boolean {
  return key.permissions.includes('*') || key.permissions.includes(permission);
}
