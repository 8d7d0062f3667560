import {
  httpsUrlProblem,
  MAX_APP_URLS,
  MAX_URL_LENGTH,
  redirectOrigins,
  redirectUriProblem,
} from '../../core/app-urls.ts';
import { type ClientJwks, jwksUriProblem } from '../../core/client-jwks.ts';
import { newId } from '../../core/ids.ts';
import { hashesEqual } from '../../core/secret-hash.ts';
import type { App, Client } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import { checkUsableClientJwks } from '../clients/client-assertion.ts';
import { newClientSecret } from '../clients/create.ts';
import type { ServiceContext } from '../context.ts';

/** RFC 7591 §2 client metadata this server understands; anything else is ignored (§2). */
export interface ClientMetadata {
  redirect_uris?: unknown;
  client_name?: unknown;
  logo_uri?: unknown;
  client_uri?: unknown;
  scope?: unknown;
  grant_types?: unknown;
  response_types?: unknown;
  token_endpoint_auth_method?: unknown;
  jwks?: unknown;
  jwks_uri?: unknown;
}

export type RegistrationResult =
  | {
      ok: true;
      app: App;
      client: Client;
      clientSecret: string | null;
      authMethod: (typeof AUTH_METHODS)[number];
    }
  | {
      ok: false;
      status: 400 | 401 | 403 | 429;
      error:
        | 'invalid_redirect_uri'
        | 'invalid_client_metadata'
        | 'invalid_token'
        | 'access_denied'
        | 'slow_down';
      description: string;
      retryAfterSeconds?: number;
    };

const AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

const metadataError = (description: string): RegistrationResult => ({
  ok: false,
  status: 400,
  error: 'invalid_client_metadata',
  description,
});

/** Whether the request may register, per `oauth.registration`: open, or with one of the initial access tokens. */
function admitted(context: ServiceContext, bearer: string | undefined): RegistrationResult | undefined {
  const { mode, initialAccessTokens } = context.oauth.registration;
  if (mode === 'off') {
    return { ok: false, status: 403, error: 'access_denied', description: 'registration is closed' };
  }
  if (
    mode === 'token' &&
    !(bearer !== undefined && initialAccessTokens.some((token) => hashesEqual(token, bearer)))
  ) {
    return {
      ok: false,
      status: 401,
      error: 'invalid_token',
      description: 'an initial access token is required',
    };
  }
  return undefined;
}

/**
 * Dynamic client registration (RFC 7591): an app (registered `dynamic`, `public` so every tenant may install
 * it) and its client, in the tenant the platform keeps for them (`oauth.registration.tenantId`). Only the
 * authorization-code flow: grant types `authorization_code` and `refresh_token`, response type `code`;
 * redirect URIs follow the apps' rules (decision 005); scopes must be vocabulary scopes. Rate limited per
 * address. `none` makes a public client; a secret method a confidential one, whose secret is answered once;
 * `private_key_jwt` a confidential one without a secret, whose `jwks` (inline) or `jwks_uri` check its assertions.
 */
export async function registerClient(
  context: ServiceContext,
  metadata: ClientMetadata,
  caller: { bearer: string | undefined; ip: string | null },
): Promise<RegistrationResult> {
  const refused = admitted(context, caller.bearer);
  if (refused) return refused;
  const now = context.clock.now();
  const limit = await context.rateLimiter.consume(
    `registration:${caller.ip ?? 'unknown'}`,
    context.oauth.registration.perIpPerMinute,
    now,
  );
  if (!limit.allowed) {
    return {
      ok: false,
      status: 429,
      error: 'slow_down',
      description: 'too many registrations; retry later',
      retryAfterSeconds: limit.retryAfterSeconds,
    };
  }
  const tenantId = context.oauth.registration.tenantId;
  const tenant = tenantId === undefined ? undefined : await context.store.tenants.get(tenantId);
  if (tenant?.status !== 'active') {
    return { ok: false, status: 403, error: 'access_denied', description: 'registration is not set up' };
  }

  const { redirect_uris: redirectUris } = metadata;
  if (
    !Array.isArray(redirectUris) ||
    redirectUris.length === 0 ||
    redirectUris.length > MAX_APP_URLS ||
    !redirectUris.every((uri): uri is string => typeof uri === 'string' && uri.length <= MAX_URL_LENGTH)
  ) {
    return {
      ok: false,
      status: 400,
      error: 'invalid_redirect_uri',
      description: 'redirect_uris must list 1 to 20 URIs',
    };
  }
  for (const uri of redirectUris) {
    const problem = redirectUriProblem(uri);
    if (problem)
      return {
        ok: false,
        status: 400,
        error: 'invalid_redirect_uri',
        description: `${uri.slice(0, 200)} ${problem}`,
      };
  }
  const name = metadata.client_name ?? 'Unnamed app';
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100) {
    return metadataError('client_name must be 1 to 100 characters');
  }
  const urls: Record<'logo_uri' | 'client_uri', string | null> = { logo_uri: null, client_uri: null };
  for (const field of ['logo_uri', 'client_uri'] as const) {
    const value = metadata[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || httpsUrlProblem(value)) {
      return metadataError(`${field} must be an absolute https URL`);
    }
    urls[field] = value;
  }
  const grantTypes = metadata.grant_types ?? ['authorization_code'];
  if (
    !Array.isArray(grantTypes) ||
    !grantTypes.every((grant) => grant === 'authorization_code' || grant === 'refresh_token')
  ) {
    return metadataError('grant_types may name only authorization_code and refresh_token');
  }
  const responseTypes = metadata.response_types ?? ['code'];
  if (!Array.isArray(responseTypes) || !responseTypes.every((type) => type === 'code')) {
    return metadataError('response_types may name only code');
  }
  const authMethod = metadata.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!AUTH_METHODS.includes(authMethod as (typeof AUTH_METHODS)[number])) {
    return metadataError(
      'token_endpoint_auth_method must be none, client_secret_basic, client_secret_post or private_key_jwt',
    );
  }
  // private_key_jwt (decision 035): the public keys inline, or where they are published (RFC 7591 §2: not both).
  let jwks: ClientJwks | null = null;
  let jwksUri: string | null = null;
  if (authMethod === 'private_key_jwt' && metadata.jwks_uri !== undefined) {
    if (metadata.jwks !== undefined) return metadataError('give jwks or jwks_uri, not both');
    const problem = jwksUriProblem(metadata.jwks_uri, context.oauth.clientMetadataDocuments.allowHttp);
    if (problem) return metadataError(problem);
    jwksUri = metadata.jwks_uri as string;
  } else if (authMethod === 'private_key_jwt') {
    const checked = await checkUsableClientJwks(metadata.jwks);
    if (!checked.ok) return metadataError(`private_key_jwt needs valid jwks: ${checked.message}`);
    jwks = checked.jwks;
  } else if (metadata.jwks !== undefined || metadata.jwks_uri !== undefined) {
    return metadataError('jwks and jwks_uri go with token_endpoint_auth_method private_key_jwt');
  }
  const scopeParam = metadata.scope;
  if (scopeParam !== undefined && typeof scopeParam !== 'string')
    return metadataError('scope must be a string');
  const scopes = [...new Set((scopeParam ?? '').split(' ').filter(Boolean))];
  if (scopes.length === 0) return metadataError('scope must name at least one scope');
  const unknown = scopes.find((scope) => !SCOPE_TOKEN.test(scope) || !context.model.vocabulary.has(scope));
  if (unknown !== undefined)
    return metadataError(`"${unknown.slice(0, 100)}" is not a scope of this platform`);

  const isPublic = authMethod === 'none';
  const app: App = {
    id: newId('app', context.random),
    tenantId: tenant.id,
    name: name.trim(),
    type: isPublic ? 'public' : 'confidential',
    allowedOrigins: redirectOrigins(redirectUris),
    redirectUris: [...new Set(redirectUris)],
    logoUrl: urls.logo_uri,
    homepageUrl: urls.client_uri,
    visibility: 'public',
    registeredVia: 'dynamic',
    jwks,
    jwksUri,
    createdAt: now,
    updatedAt: now,
  };
  const client: Client = {
    id: newId('client', context.random),
    tenantId: tenant.id,
    appId: app.id,
    name: app.name,
    mode: 'live',
    scopes,
    status: 'active',
    expiresAt: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const secret =
    isPublic || authMethod === 'private_key_jwt' ? undefined : newClientSecret(context, 'live', now);
  await context.store.unitOfWork(async (unit) => {
    await unit.apps.insert(app);
    await unit.clients.insert(client, secret?.stored);
    await recordActivity(unit, { type: 'client', id: client.id, ip: caller.ip }, now, {
      tenantId: tenant.id,
      action: 'client.registered',
      targetType: 'client',
      targetId: client.id,
      mode: 'live',
      details: { appId: app.id, name: app.name, redirectUris: app.redirectUris, scopes, authMethod },
    });
  });
  return {
    ok: true,
    app,
    client,
    clientSecret: secret?.plaintext ?? null,
    authMethod: authMethod as (typeof AUTH_METHODS)[number],
  };
}
