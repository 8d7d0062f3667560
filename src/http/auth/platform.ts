import type { FastifyRequest } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  authenticateCachedPlatformKey,
  authenticatePlatformKey,
  type PlatformPermission,
  platformKeyAllows,
} from '../../services/platform/platform-keys.ts';
import {
  type AuthorizationScheme,
  challenge,
  readAuthorization,
  refuseLegacyQueryCredentials,
  unauthorized,
} from './credentials.ts';
import type { PlatformPrincipal } from './principal.ts';

export { actorOf, type PlatformPrincipal, type Principal } from './principal.ts';

const SCHEMES: readonly AuthorizationScheme[] = ['Bearer', 'ApiKey'];

/** Authenticates a management call and checks the permission its route needs. */
export async function requirePlatform(
  context: ServiceContext,
  request: FastifyRequest,
  permission: Exclude<PlatformPermission, '*'>,
): Promise<PlatformPrincipal> {
  refuseLegacyQueryCredentials(request);
  return authorizePlatformKey(context, request, permission);
}

/**
 * `authorizePlatformKey` without waiting, for a credential already authenticated and cached that holds the
 * permission; undefined otherwise (the caller then takes `authorizePlatformKey`, which explains the refusal).
 */
export function authorizeCachedPlatformKey(
  context: ServiceContext,
  request: Pick<FastifyRequest, 'headers'>,
  permission: Exclude<PlatformPermission, '*'>,
): PlatformPrincipal | undefined {
  const credential = readAuthorization(request, SCHEMES);
  const key = credential === undefined ? undefined : authenticateCachedPlatformKey(context, credential);
  return key && platformKeyAllows(key, permission) ? { kind: 'platform_key', key } : undefined;
}

/** The header half of `requirePlatform`, for callers that have checked the URL themselves. */
export async function authorizePlatformKey(
  context: ServiceContext,
  request: Pick<FastifyRequest, 'headers'>,
  permission: Exclude<PlatformPermission, '*'>,
): Promise<PlatformPrincipal> {
  const credential = readAuthorization(request, SCHEMES);
  if (!credential) throw unauthorized(SCHEMES, 'a platform credential is required');
  const key = await authenticatePlatformKey(context, credential);
  if (!key) throw unauthorized(SCHEMES, 'the credential is not valid');
  if (!platformKeyAllows(key, permission)) {
    throw new PortcullisError('insufficient_scope', `this credential lacks the "${permission}" permission`, {
      extensions: { missingScopes: [permission] },
      headers: { 'www-authenticate': challenge(SCHEMES, 'insufficient_scope', permission) },
    });
  }
  return { kind: 'platform_key', key };
}
