import { isManagementPermission } from '../../core/management-permissions.ts';
import type { MaybePromise } from '../../core/maybe-promise.ts';
import { matchesAny } from '../../core/scopes.ts';
import type { Client, Tenant } from '../../store/index.ts';
import type { ActivityAction } from '../audit/activity.ts';
import { authenticateClientCredential, type PresentedClientCredential } from '../clients/authenticate.ts';
import type { ServiceContext } from '../context.ts';
import { type IssuedAccessToken, issueAccessToken } from '../tokens/issue-access-token.ts';

/** RFC 6749 §5.2 error codes this grant can answer with (RFC 8707 §2 adds `invalid_target`). */
export type GrantError = 'invalid_client' | 'invalid_scope' | 'invalid_target' | 'invalid_request';

export type GrantResult =
  | { ok: true; token: IssuedAccessToken; scopes: string[]; client: Client }
  | { ok: false; error: GrantError; description: string }
  /** Too many failed authentications of this client or from this address. */
  | { ok: false; error: 'throttled'; retryAfterSeconds: number };

export interface ClientCredentialsRequest {
  /** The client's secret or its `private_key_jwt` assertion. */
  credential: PresentedClientCredential;
  /** The `scope` parameter, space-separated (RFC 6749 §3.3); absent: every scope the client holds. */
  scope?: string | undefined;
  /** `resource` parameters (RFC 8707 §2): the audiences asked for. */
  resources: readonly string[];
  ip: string | null;
}

const refuse = (error: GrantError, description: string): GrantResult => ({ ok: false, error, description });

/**
 * The audiences a token may be issued for: the configured resource servers, and the issuer itself (for the
 * management API).
 */
function checkResources(context: ServiceContext, resources: readonly string[]): string[] | undefined {
  const known = new Set([...context.oauth.audiences, context.oauth.issuer]);
  return resources.every((resource) => known.has(resource)) ? [...new Set(resources)] : undefined;
}

/** The tenant, from the cache of tenants in good standing when it is there. */
function tenantById(context: ServiceContext, tenantId: string): MaybePromise<Tenant | undefined> {
  return context.tenantsById.getOrLoad(tenantId, () => context.store.tenants.get(tenantId));
}

/**
 * `grant_type=client_credentials` (RFC 6749 §4.4): authenticates the client (only `active` clients of an
 * active tenant), checks the requested scopes against the client's own, narrows vocabulary scopes by the
 * tenant's plan as it is now, and signs an access token. No refresh token (RFC 6749 §4.4.3).
 */
export async function grantClientCredentials(
  context: ServiceContext,
  request: ClientCredentialsRequest,
): Promise<GrantResult> {
  const authenticated = await authenticateClientCredential(context, request.credential, request.ip);
  const now = context.clock.now();
  if (!authenticated.ok) {
    if (authenticated.reason === 'throttled') {
      return { ok: false, error: 'throttled', retryAfterSeconds: authenticated.retryAfterSeconds };
    }
    return refuse('invalid_client', 'client authentication failed');
  }
  const { client } = authenticated;
  // A metadata document's client installs through the authorization code flow only (decision 031).
  if (authenticated.tokenClientId !== client.id)
    return refuse('invalid_client', 'client authentication failed');
  const tenant = await tenantById(context, client.tenantId);
  const plan = tenant && context.model.plans.get(tenant.planId);
  if (!tenant || !plan || tenant.status !== 'active')
    return refuse('invalid_client', 'client authentication failed');

  // RFC 6749 §3.3: the scope is a set; a scope named twice is granted once.
  const requested =
    request.scope === undefined ? client.scopes : [...new Set(request.scope.split(' ').filter(Boolean))];
  const notHeld = requested.filter((scope) => !client.scopes.includes(scope));
  if (notHeld.length > 0) return refuse('invalid_scope', `the client does not hold "${notHeld[0]}"`);
  // Vocabulary scopes are narrowed by the plan at issuance; management permissions are not plan-gated.
  const granted = requested.filter(
    (scope) => isManagementPermission(scope) || matchesAny(plan.scopes, scope),
  );
  if (granted.length === 0)
    return refuse('invalid_scope', "the tenant's plan entitles none of the requested scopes");

  const audience = checkResources(context, request.resources);
  if (!audience) return refuse('invalid_target', 'unknown resource');

  const token = await issueAccessToken(context, {
    clientId: client.id,
    tenantId: client.tenantId,
    mode: client.mode,
    scopes: granted,
    audience: audience.length === 0 ? undefined : audience.length === 1 ? audience[0] : audience,
  });
  // Issuance is high-rate: its activity row is group-committed with the others of this moment, and the token
  // is answered only once that row has committed.
  await context.issuanceLog.append({
    tenantId: client.tenantId,
    at: now,
    actorType: 'client',
    actorId: client.id,
    ip: request.ip,
    action: 'token.issued' satisfies ActivityAction,
    targetType: 'client',
    targetId: client.id,
    details: { jti: token.jti, scopes: granted, expiresAt: token.expiresAt },
    mode: client.mode,
  });
  return { ok: true, token, scopes: granted, client };
}
