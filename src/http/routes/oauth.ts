import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.ts';
import { grantClientCredentials } from '../../services/oauth/client-credentials-grant.ts';
import { introspectToken } from '../../services/oauth/introspect.ts';
import {
  authenticateResourceCaller,
  type PresentedCaller,
  type ResourceCaller,
} from '../../services/oauth/resource-caller.ts';
import { revokeAccessToken } from '../../services/tokens/revoke-access-token.ts';
import { type LoggedCaller, loggedPrincipal, noteCaller } from '../access-log.ts';
import { readAuthorization } from '../auth/credentials.ts';
import { readClientCredentials, usesBasic } from '../oauth/client-auth.ts';
import { allowClientOrigin, answerPreflight } from '../oauth/cors.ts';
import { handleOAuthError, OAuthError, throttledClient } from '../oauth/errors.ts';
import { acceptForms, readForm } from '../oauth/form.ts';
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
): Promise<ResourceCaller> {
  const bearer = readAuthorization(request, ['Bearer']);
  const presented: PresentedCaller =
    bearer !== undefined
      ? { kind: 'bearer', credential: bearer }
      : { kind: 'client', ...readClientCredentials(request, form) };
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

function noStore(reply: { header(name: string, value: string): unknown }): void {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
}

/** The authorization server's endpoints (RFC 6749 token, RFC 7662 introspection, RFC 7009 revocation). */
export async function oauthRoutes(app: FastifyInstance, { context }: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler(handleOAuthError);
    // The client authenticates with HTTP Basic or with `client_id` + `client_secret` in the form (which
    // OpenAPI cannot name, hence the empty requirement); a resource server introspects with a platform key.
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
      response: { 200: response, 400: oauthError, 401: oauthError, 429: oauthError },
    });
    for (const path of ['token', 'introspect', 'revoke']) {
      scope.options(`${OAUTH_PREFIX}/${path}`, { schema: { hide: true } }, (request, reply) =>
        answerPreflight(context, request, reply),
      );
    }

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
          'Token endpoint: client_credentials grant',
          z.object({
            access_token: z.string(),
            token_type: z.literal('Bearer'),
            expires_in: z.number(),
            scope: z.string(),
          }),
          clientSecurity,
        ),
      },
      async (request, reply) => {
        const form = readForm(request);
        const grantType = form.get('grant_type');
        if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
        if (grantType !== 'client_credentials') {
          throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported here');
        }
        const credentials = readClientCredentials(request, form);
        const scopeParam = form.get('scope');
        if (scopeParam !== undefined && !SCOPE_PARAM.test(scopeParam)) {
          throw new OAuthError('invalid_scope', 'scope is not a space-separated list of scope tokens');
        }
        const resources = form.all('resource');
        for (const resource of resources) {
          // RFC 8707 §2: an absolute URI without a fragment.
          if (!URL.canParse(resource) || resource.includes('#'))
            throw new OAuthError('invalid_target', 'resource is not an absolute URI');
        }
        const result = await grantClientCredentials(context, {
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
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
        return introspectToken(context, token, caller);
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
        const caller = await authenticateCaller(context, request, form);
        const token = form.get('token');
        if (!token) throw new OAuthError('invalid_request', 'token is required');
        const outcome = await revokeAccessToken(context, token, caller);
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
