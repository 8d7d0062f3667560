import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.ts';
import { grantAuthorizationCode } from '../../services/oauth/authorization-code-grant.ts';
import { grantClientCredentials } from '../../services/oauth/client-credentials-grant.ts';
import { type GrantClientCredentials, identifyGrantClient } from '../../services/oauth/grant-client.ts';
import { type IssuedGrantTokens, isRefreshToken } from '../../services/oauth/grant-tokens.ts';
import { introspectToken } from '../../services/oauth/introspect.ts';
import { grantRefreshToken } from '../../services/oauth/refresh-token-grant.ts';
import { introspectRefreshToken, revokeRefreshToken } from '../../services/oauth/refresh-token-standing.ts';
import {
  authenticateResourceCaller,
  type PresentedCaller,
  type ResourceCaller,
} from '../../services/oauth/resource-caller.ts';
import { revokeAccessToken } from '../../services/tokens/revoke-access-token.ts';
import { type LoggedCaller, loggedPrincipal, noteCaller } from '../access-log.ts';
import { readAuthorization } from '../auth/credentials.ts';
import {
  presentedCredential,
  readClientAuthentication,
  usesAssertion,
  usesBasic,
} from '../oauth/client-auth.ts';
import { allowClientOrigin, answerPreflight } from '../oauth/cors.ts';
import { handleOAuthError, OAuthError, throttledClient } from '../oauth/errors.ts';
import { acceptForms, type OAuthForm, readForm } from '../oauth/form.ts';
import type { RouteDeps } from './types.ts';

export const OAUTH_PREFIX = '/api/v1/platform/oauth';

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), space-delimited.
const SCOPE_PARAM = /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/;

const formBody = z.any().describe('application/x-www-form-urlencoded parameters (RFC 6749 §4.4.2)');
const oauthError = z.object({ error: z.string(), error_description: z.string() });

/** The caller of the introspection or revocation endpoint, authenticated by the service. */
async function authenticateCaller(
  context: ServiceContext,
  request: FastifyRequest,
  form: ReturnType<typeof readForm>,
  allowPublic = false,
): Promise<ResourceCaller> {
  const bearer = readAuthorization(request, ['Bearer']);
  const publicClientId = form.get('client_id');
  // RFC 7009 §2.1: a public client revokes its own tokens with its client_id alone.
  if (
    allowPublic &&
    bearer === undefined &&
    !usesBasic(request) &&
    !form.has('client_secret') &&
    !usesAssertion(form) &&
    publicClientId
  ) {
    const identified = await identifyGrantClient(
      context,
      { kind: 'public', clientId: publicClientId },
      request.ip,
    );
    if (!identified.ok) throw new OAuthError('invalid_client', 'client authentication failed');
    noteCaller(request, { kind: 'client', id: identified.client.id, tenantId: identified.client.tenantId });
    return { kind: 'client', client: identified.client, ip: request.ip };
  }
  const presented: PresentedCaller =
    bearer !== undefined
      ? { kind: 'bearer', credential: bearer }
      : { kind: 'client', credential: presentedCredential(readClientAuthentication(request, form)) };
  const result = await authenticateResourceCaller(context, presented, request.ip);
  if (result.ok) {
    const logged = loggedCallerOf(result.caller);
    if (logged) noteCaller(request, logged);
    return result.caller;
  }
  if (result.reason === 'throttled') throw throttledClient(result.retryAfterSeconds);
  throw new OAuthError('invalid_client', 'client authentication failed', {
    basic: bearer === undefined && usesBasic(request),
  });
}

/** The introspection or revocation caller as the access log names it. */
function loggedCallerOf(caller: ResourceCaller): LoggedCaller | undefined {
  return caller.kind === 'client'
    ? { kind: 'client', id: caller.client.id, tenantId: caller.client.tenantId }
    : loggedPrincipal(caller.principal);
}

/** A user grant's client: its secret (Basic or form), its assertion, or a public client's `client_id` alone. */
function userGrantCredentials(request: FastifyRequest, form: OAuthForm): GrantClientCredentials {
  const clientId = form.get('client_id');
  if (!usesBasic(request) && !form.has('client_secret') && !usesAssertion(form) && clientId !== undefined) {
    return { kind: 'public', clientId };
  }
  const credentials = readClientAuthentication(request, form);
  return credentials.method === 'private_key_jwt'
    ? { kind: 'assertion', clientId: credentials.clientId, assertion: credentials.assertion }
    : { kind: 'secret', clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

/** The resources of a token request: absolute URIs without a fragment (RFC 8707 §2). */
function resourcesOf(form: OAuthForm): string[] {
  const resources = form.all('resource');
  for (const resource of resources) {
    if (!URL.canParse(resource) || resource.includes('#'))
      throw new OAuthError('invalid_target', 'resource is not an absolute URI');
  }
  return resources;
}

function noStore(reply: { header(name: string, value: string): unknown }): void {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
}

function tokenResponse(issued: IssuedGrantTokens) {
  return {
    access_token: issued.accessToken.token,
    token_type: 'Bearer' as const,
    expires_in: issued.accessToken.expiresIn,
    scope: issued.scopes.join(' '),
    refresh_token: issued.refreshToken,
  };
}

/** The authorization server's endpoints (RFC 6749 token, RFC 7662 introspection, RFC 7009 revocation). */
export async function oauthRoutes(app: FastifyInstance, { context }: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler(handleOAuthError);
    // The client authenticates with HTTP Basic, with `client_id` + `client_secret` in the form, or with a
    // signed `client_assertion` (private_key_jwt, decision 035) — the form ones OpenAPI cannot name, hence
    // the empty requirement; a resource server introspects with a platform key.
    const clientSecurity = [{ ClientSecretBasic: [] }, {}];
    const schema = (
      operationId: string,
      summary: string,
      response: z.ZodType,
      security: Record<string, string[]>[],
    ) => ({
      tags: ['oauth'],
      operationId,
      summary,
      security,
      consumes: ['application/x-www-form-urlencoded'],
      body: formBody,
      // 413 and 415: a body over the limit or not a form, answered in the same RFC 6749 form.
      response: {
        200: response,
        400: oauthError,
        401: oauthError,
        413: oauthError,
        415: oauthError,
        429: oauthError,
      },
    });
    for (const path of ['token', 'introspect', 'revoke']) {
      scope.options(`${OAUTH_PREFIX}/${path}`, { schema: { hide: true } }, (request, reply) =>
        answerPreflight(context, request, reply),
      );
    }

    /** `authorization_code` and `refresh_token`: an installation's tokens (decision 031). */
    const userGrant = async (
      request: FastifyRequest,
      reply: FastifyReply,
      form: OAuthForm,
      grantType: 'authorization_code' | 'refresh_token',
    ) => {
      const presented = userGrantCredentials(request, form);
      const identified = await identifyGrantClient(context, presented, request.ip);
      if (!identified.ok) {
        if (identified.reason === 'throttled') throw throttledClient(identified.retryAfterSeconds);
        throw new OAuthError('invalid_client', 'client authentication failed', {
          basic: usesBasic(request),
        });
      }
      const { client } = identified;
      const tokenClientId = identified.clientId;
      const scopeParam = form.get('scope');
      if (scopeParam !== undefined && !SCOPE_PARAM.test(scopeParam)) {
        throw new OAuthError('invalid_scope', 'scope is not a space-separated list of scope tokens');
      }
      const result =
        grantType === 'authorization_code'
          ? await grantAuthorizationCode(context, {
              client,
              tokenClientId,
              code: form.get('code'),
              codeVerifier: form.get('code_verifier'),
              redirectUri: form.get('redirect_uri'),
              ip: request.ip,
            })
          : await grantRefreshToken(context, {
              client,
              tokenClientId,
              refreshToken: form.get('refresh_token'),
              scope: scopeParam,
              resources: resourcesOf(form),
              ip: request.ip,
            });
      if (!result.ok) throw new OAuthError(result.error, result.description);
      noteCaller(request, { kind: 'client', id: client.id, tenantId: client.tenantId });
      await allowClientOrigin(context, request, reply, client);
      noStore(reply);
      return tokenResponse(result);
    };

    scope.post(
      `${OAUTH_PREFIX}/token`,
      {
        // Counted once answered, whatever answered it (the handler, a refused body, the error handler).
        onResponse: (_request, reply, done) => {
          context.metrics.tokenAnswered(reply.statusCode, reply.elapsedTime);
          done();
        },
        schema: schema(
          'issueToken',
          'Token endpoint: client_credentials, authorization_code (PKCE) and refresh_token grants',
          z.object({
            access_token: z.string(),
            token_type: z.literal('Bearer'),
            expires_in: z.number(),
            scope: z.string(),
            refresh_token: z
              .string()
              .optional()
              .describe(
                'authorization_code and refresh_token grants: the next refresh token (rotated on every use)',
              ),
          }),
          clientSecurity,
        ),
      },
      async (request, reply) => {
        const form = readForm(request);
        const grantType = form.get('grant_type');
        if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
        if (grantType === 'authorization_code' || grantType === 'refresh_token') {
          return userGrant(request, reply, form, grantType);
        }
        if (grantType !== 'client_credentials') {
          throw new OAuthError('unsupported_grant_type', 'this grant type is not supported');
        }
        const credentials = readClientAuthentication(request, form);
        const scopeParam = form.get('scope');
        if (scopeParam !== undefined && !SCOPE_PARAM.test(scopeParam)) {
          throw new OAuthError('invalid_scope', 'scope is not a space-separated list of scope tokens');
        }
        const resources = resourcesOf(form);
        const result = await grantClientCredentials(context, {
          credential: presentedCredential(credentials),
          scope: scopeParam,
          resources,
          ip: request.ip,
        });
        if (!result.ok) {
          if (result.error === 'throttled') throw throttledClient(result.retryAfterSeconds);
          throw new OAuthError(result.error, result.description, {
            basic: credentials.method === 'client_secret_basic',
          });
        }
        noteCaller(request, { kind: 'client', id: result.client.id, tenantId: result.client.tenantId });
        await allowClientOrigin(context, request, reply, result.client);
        noStore(reply);
        return {
          access_token: result.token.token,
          token_type: 'Bearer' as const,
          expires_in: result.token.expiresIn,
          scope: result.scopes.join(' '),
        };
      },
    );

    scope.post(
      `${OAUTH_PREFIX}/introspect`,
      {
        schema: schema(
          'introspectToken',
          'Token introspection (RFC 7662)',
          z.object({ active: z.boolean() }).catchall(z.unknown()),
          [...clientSecurity, { PlatformKey: [] }],
        ),
      },
      async (request, reply) => {
        const form = readForm(request);
        const caller = await authenticateCaller(context, request, form);
        const token = form.get('token');
        if (!token) throw new OAuthError('invalid_request', 'token is required');
        noStore(reply);
        return isRefreshToken(context, token)
          ? introspectRefreshToken(context, token, caller)
          : introspectToken(context, token, caller);
      },
    );

    scope.post(
      `${OAUTH_PREFIX}/revoke`,
      {
        schema: schema('revokeToken', 'Token revocation (RFC 7009)', z.object({}), [
          ...clientSecurity,
          { PlatformKey: [] },
        ]),
      },
      async (request, reply) => {
        const form = readForm(request);
        const caller = await authenticateCaller(context, request, form, true);
        const token = form.get('token');
        if (!token) throw new OAuthError('invalid_request', 'token is required');
        const outcome = isRefreshToken(context, token)
          ? { outcome: await revokeRefreshToken(context, token, caller) }
          : await revokeAccessToken(context, token, caller);
        if (outcome.outcome === 'not_owner') {
          throw new OAuthError('invalid_request', 'the token was not issued to this client');
        }
        noStore(reply);
        // RFC 7009 §2.2: 200 whether or not the token was valid.
        return {};
      },
    );
  });
}
