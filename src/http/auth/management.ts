import type { FastifyRequest } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';
import type { ManagementPermission } from '../../core/management-permissions.ts';
import { recordActivity } from '../../services/audit/activity.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  authenticateManagementKey,
  authenticateManagementToken,
} from '../../services/management/authenticate.ts';
import { authenticatePlatformKey, platformKeyAllows } from '../../services/platform/platform-keys.ts';
import { looksLikeJwt } from '../../services/tokens/verify-access-token.ts';
import {
  type AuthorizationScheme,
  challenge,
  legacyQueryCredentialsOf,
  readAuthorization,
  unauthorized,
} from './credentials.ts';
import { actorOf, type Principal, permissionsOf, tenantOf } from './principal.ts';

export { actorOf, type Principal } from './principal.ts';

const SCHEMES: readonly AuthorizationScheme[] = ['Bearer', 'ApiKey'];
const INVALID =
  'the credential is missing, malformed, unknown, revoked or expired, or its tenant is suspended';

/** 403 with the permissions the credential lacks and an RFC 6750 §3.1 `insufficient_scope` challenge. */
function insufficientScope(missing: readonly string[]): PortcullisError {
  return new PortcullisError('insufficient_scope', `this credential lacks the "${missing[0]}" permission`, {
    extensions: { missingScopes: missing },
    headers: { 'www-authenticate': challenge(SCHEMES, 'insufficient_scope', missing.join(' ')) },
  });
}

/** A tenant management key pair from `X-Api-Key` / `X-Api-Secret`, or from the legacy query form. */
async function authenticateKeyPair(
  context: ServiceContext,
  request: FastifyRequest,
  apiKey: unknown,
  apiSecret: unknown,
  fromQuery: boolean,
): Promise<Principal> {
  if (typeof apiKey !== 'string' || typeof apiSecret !== 'string' || apiSecret.length > 256) {
    throw unauthorized(SCHEMES, INVALID);
  }
  const result = await authenticateManagementKey(context, apiKey, apiSecret);
  if (!result.valid) throw unauthorized(SCHEMES, INVALID);
  const { key } = result;
  const principal: Principal = {
    kind: 'management_key',
    key,
    tenantId: key.tenantId,
    permissions: key.permissions,
  };
  if (fromQuery) {
    // Every use of the legacy form is marked, whatever the route then answers: the secret sat in a URL.
    await recordActivity(context.store, actorOf(principal, request), context.clock.now(), {
      tenantId: key.tenantId,
      action: 'management.legacy_query_credentials',
      targetType: 'management_key',
      targetId: key.id,
      details: { method: request.method, route: request.routeOptions.url ?? null },
    });
  }
  return principal;
}

/** Finds the one credential a request carries and authenticates it; more than one is refused. */
async function authenticate(context: ServiceContext, request: FastifyRequest): Promise<Principal> {
  const { authorization, 'x-api-key': apiKey, 'x-api-secret': apiSecret } = request.headers;
  const query = legacyQueryCredentialsOf(request);
  const pairInHeaders = apiKey !== undefined || apiSecret !== undefined;
  const carried = [authorization !== undefined, pairInHeaders, query !== undefined].filter(Boolean).length;
  if (carried > 1) {
    // RFC 6750 §3.1 invalid_request: more than one method of sending a credential.
    throw new PortcullisError('bad_request', 'send exactly one credential');
  }
  if (query) return authenticateKeyPair(context, request, query.apiKey, query.apiSecret, true);
  if (pairInHeaders) return authenticateKeyPair(context, request, apiKey, apiSecret, false);
  const credential = readAuthorization(request, SCHEMES);
  if (!credential) throw unauthorized(SCHEMES, 'a management credential is required');
  const bearer = readAuthorization(request, ['Bearer']);
  if (bearer !== undefined && looksLikeJwt(bearer)) {
    const result = await authenticateManagementToken(context, bearer);
    if (!result.valid) throw unauthorized(SCHEMES, INVALID);
    const { claims } = result;
    return { kind: 'access_token', claims, tenantId: claims.tenantId, permissions: claims.scopes };
  }
  const key = await authenticatePlatformKey(context, credential);
  if (!key) throw unauthorized(SCHEMES, INVALID);
  return { kind: 'platform_key', key };
}

/**
 * Authenticates a management API call on `tenantId` and checks the permission its route needs. Accepted: a
 * platform key with `manage` (every tenant, every permission); a tenant management key pair in `X-Api-Key` +
 * `X-Api-Secret` (or the legacy query form, when enabled); an M2M access token (`Authorization: Bearer`,
 * RFC 6750 §2.1) whose scopes include the permission. A tenant-scoped credential on another tenant's path
 * gets 404, as if the tenant did not exist; without the permission, 403 `insufficient_scope`.
 */
export async function requireManagement(
  context: ServiceContext,
  request: FastifyRequest,
  tenantId: string,
  permission: ManagementPermission,
): Promise<Principal> {
  const principal = await authenticate(context, request);
  if (principal.kind === 'platform_key') {
    if (!platformKeyAllows(principal.key, 'manage')) throw insufficientScope(['manage']);
    return principal;
  }
  if (tenantOf(principal) !== tenantId) throw new PortcullisError('not_found', 'tenant not found');
  if (!principal.permissions.includes(permission)) throw insufficientScope([permission]);
  return principal;
}

/**
 * A tenant-scoped credential may hand out only permissions it holds itself, so `manage:management-keys`
 * alone cannot mint a key stronger than its holder. A platform key may grant any.
 */
export function requireGrantable(principal: Principal, permissions: readonly string[]): void {
  const held = permissionsOf(principal);
  if (held === null) return;
  const missing = permissions.filter((permission) => !held.includes(permission));
  if (missing.length > 0) throw insufficientScope(missing);
}

/** The OpenAPI `security` of a management route: platform key, key pair, or M2M token with the permission. */
export function managementSecurity(permission: ManagementPermission): Record<string, string[]>[] {
  return [{ PlatformKey: [] }, { ApiKey: [], ApiSecret: [] }, { M2MBearerToken: [permission] }];
}
