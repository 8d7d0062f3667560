import { looksLikeDocumentUrl } from '../../core/client-metadata-document.ts';
import { clientStatusAt } from '../../core/client-status.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import { matchRedirectUri } from '../../core/redirect-uri.ts';
import { matchesAny } from '../../core/scopes.ts';
import type { App, Client } from '../../store/index.ts';
import { sessionGrant } from '../access/policy.ts';
import type { SessionPrincipal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { type DocumentClient, documentClient } from './metadata-document-client.ts';

/** RFC 6749 §4.1.2.1 error codes an authorization response carries back to the client. */
export type AuthorizationError =
  | 'invalid_request'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'invalid_target'
  | 'server_error';

/** The authorization request's parameters as received (each at most once; RFC 6749 §3.1). */
export interface AuthorizationParameters {
  get(name: string): string | undefined;
}

/** A request that passed every check: what the consent screen shows and the approval grants. */
export interface ValidAuthorizationRequest {
  /** The `client_id` as the client sent it: the client's id, or its metadata document's URL. */
  clientId: string;
  client: Client;
  app: App;
  /** A client named by a metadata document's URL (decision 031): its rows are written on approval. */
  documentClient: DocumentClient | null;
  /** The presented `redirect_uri`, matched against the app's registered ones. */
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  scopes: string[];
  /** The resource server (RFC 8707) the tokens are for; null: the default audience. */
  resource: string | null;
}

export type AuthorizationRequestCheck =
  | { ok: true; request: ValidAuthorizationRequest }
  /** Unknown client or redirect URI: shown on a page, never redirected to (RFC 6749 §4.1.2.1). */
  | { ok: false; redirect: false; description: string }
  /** Anything else: sent back to the client's redirect URI with `error`, `state` and `iss`. */
  | {
      ok: false;
      redirect: true;
      redirectUri: string;
      state: string | undefined;
      error: AuthorizationError;
      description: string;
    };

/** A PKCE S256 challenge: base64url of a SHA-256 digest, 43 characters (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const MAX_STATE_LENGTH = 1024;

/**
 * Checks an authorization request (RFC 6749 §4.1.1, OAuth 2.1 §4.1.1). The client and its redirect URI come
 * first: until both are known good, nothing is redirected anywhere. Then `response_type=code` only; PKCE with
 * S256 only (`plain` or no challenge is refused: OAuth 2.1 §7.5.2, RFC 9700 §2.1.1); scopes from the
 * client's own vocabulary scopes; `resource` one of the configured resource servers (RFC 8707 §2).
 */
export async function checkAuthorizationRequest(
  context: ServiceContext,
  params: AuthorizationParameters,
): Promise<AuthorizationRequestCheck> {
  const clientId = params.get('client_id');
  if (!clientId) return { ok: false, redirect: false, description: 'client_id is missing' };
  let client: Client | undefined;
  let app: App | undefined;
  let fromDocument: DocumentClient | null = null;
  if (looksLikeDocumentUrl(clientId)) {
    const resolved = await documentClient(context, clientId);
    if (!resolved.ok) return { ok: false, redirect: false, description: resolved.problem };
    fromDocument = resolved.found;
    ({ client, app } = resolved.found);
  } else {
    if (clientId.length > 64) return { ok: false, redirect: false, description: 'client_id is not valid' };
    const owner = await context.store.clients.tenantOf(clientId);
    client = owner === undefined ? undefined : await context.store.clients.get(owner, clientId);
    if (!client || clientStatusAt(client, context.clock.now()) !== 'active') {
      return { ok: false, redirect: false, description: 'this app is unknown or no longer active' };
    }
    app = client.appId === null ? undefined : await context.store.apps.get(client.tenantId, client.appId);
    // A metadata document's client is named by its URL only, so that its document is always checked.
    if (app?.registeredVia === 'metadata_document') {
      return { ok: false, redirect: false, description: 'this app is unknown or no longer active' };
    }
  }
  if (!app || app.redirectUris.length === 0) {
    return { ok: false, redirect: false, description: 'this app has no registered redirect URI' };
  }
  const presented = params.get('redirect_uri');
  // OAuth 2.1 §4.1.1: redirect_uri may be left out only when the app registered exactly one.
  const redirectUri =
    presented === undefined
      ? app.redirectUris.length === 1
        ? app.redirectUris[0]
        : undefined
      : matchRedirectUri(app.redirectUris, presented) && presented;
  if (!redirectUri) {
    return {
      ok: false,
      redirect: false,
      description:
        presented === undefined ? 'redirect_uri is missing' : 'redirect_uri is not one this app registered',
    };
  }
  const state = params.get('state');
  const fail = (error: AuthorizationError, description: string): AuthorizationRequestCheck => ({
    ok: false,
    redirect: true,
    redirectUri,
    state: state !== undefined && state.length <= MAX_STATE_LENGTH ? state : undefined,
    error,
    description,
  });
  if (state !== undefined && state.length > MAX_STATE_LENGTH)
    return fail('invalid_request', 'state is too long');
  const responseType = params.get('response_type');
  if (!responseType) return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code')
    return fail('unsupported_response_type', 'only response_type=code is supported');

  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (!challenge) return fail('invalid_request', 'code_challenge is required (PKCE, S256)');
  // OAuth 2.1 §4.1.1: a missing method means `plain`, which is refused like an explicit one.
  if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (!S256_CHALLENGE.test(challenge))
    return fail('invalid_request', 'code_challenge is not an S256 challenge');

  const scopeParam = params.get('scope');
  const clientScopes = client.scopes.filter((scope) => !isManagementPermission(scope));
  const requested =
    scopeParam === undefined ? clientScopes : [...new Set(scopeParam.split(' ').filter(Boolean))];
  if (requested.some((scope) => !SCOPE_TOKEN.test(scope))) return fail('invalid_scope', 'scope is malformed');
  const notHeld = requested.find((scope) => !clientScopes.includes(scope));
  if (notHeld !== undefined) return fail('invalid_scope', `the app may not ask for "${notHeld}"`);
  if (requested.length === 0) return fail('invalid_scope', 'no scope requested');

  const resourceParam = params.get('resource');
  const known = context.oauth.audiences;
  if (resourceParam !== undefined && !known.includes(resourceParam)) {
    return fail('invalid_target', 'resource is not a resource server of this platform');
  }
  return {
    ok: true,
    request: {
      clientId,
      client,
      app,
      documentClient: fromDocument,
      redirectUri,
      state,
      codeChallenge: challenge,
      scopes: requested,
      resource: resourceParam ?? null,
    },
  };
}

/** A workspace the signed-in user may install the app into, with what its plan leaves out. */
export interface InstallTarget {
  tenantId: string;
  name: string;
  planName: string;
  /** Requested scopes the tenant's plan does not entitle now: granted, but inert until an upgrade. */
  notEntitled: string[];
}

/**
 * Where the user may install this client: the tenants that may install it (a private app its own tenant, a
 * public app every tenant; decision 031) in which the user's role holds `manage:apps` — the one policy's
 * owners and managers by default.
 */
export async function installTargets(
  context: ServiceContext,
  principal: SessionPrincipal,
  request: ValidAuthorizationRequest,
): Promise<InstallTarget[]> {
  const installable =
    request.app.visibility === 'public'
      ? [
          request.client.tenantId,
          ...[...principal.memberships.keys()].filter((id) => id !== request.client.tenantId),
        ]
      : [request.client.tenantId];
  const targets: InstallTarget[] = [];
  for (const tenantId of installable) {
    const grant = sessionGrant(context, principal, tenantId);
    if (!grant?.permissions.has('manage:apps')) continue;
    const tenant = await context.store.tenants.get(tenantId);
    const plan = tenant && context.model.plans.get(tenant.planId);
    if (!tenant || !plan || tenant.status !== 'active') continue;
    targets.push({
      tenantId,
      name: tenant.name,
      planName: plan.name,
      notEntitled: request.scopes.filter((scope) => !matchesAny(plan.scopes, scope)),
    });
  }
  return targets;
}
