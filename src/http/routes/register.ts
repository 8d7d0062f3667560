import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { registerClient } from '../../services/oauth/register-client.ts';
import { readAuthorization } from '../auth/credentials.ts';
import { allowAnyOrigin, answerOpenPreflight } from '../oauth/cors.ts';
import { handleError } from '../problem.ts';
import { OAUTH_PREFIX } from './oauth.ts';
import type { App, RouteDeps } from './types.ts';

const registrationError = z.object({ error: z.string(), error_description: z.string() });

const registeredClient = z
  .object({
    client_id: z.string(),
    client_secret: z
      .string()
      .optional()
      .describe('Shown once; absent for token_endpoint_auth_method `none` and `private_key_jwt`'),
    client_id_issued_at: z.number(),
    client_secret_expires_at: z.number().optional().describe('0: the secret does not expire'),
    client_name: z.string(),
    redirect_uris: z.array(z.string()),
    grant_types: z.array(z.string()),
    response_types: z.array(z.string()),
    token_endpoint_auth_method: z.string(),
    scope: z.string(),
    logo_uri: z.string().optional(),
    client_uri: z.string().optional(),
    jwks: z
      .object({ keys: z.array(z.object({ kty: z.string() }).catchall(z.unknown())) })
      .optional()
      .describe('private_key_jwt: the public keys registered, as stored'),
    jwks_uri: z.string().optional().describe('private_key_jwt: where the client publishes its public keys'),
  })
  .describe('RFC 7591 §3.2.1 client information response');

/**
 * A body the route cannot read (not JSON, not an object, too large, another media type) answered as RFC 7591
 * §3.2.2 errors are, `{error, error_description}`, never as a problem document; anything else as everywhere.
 */
function handleRegistrationError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.validation ? 400 : error.statusCode;
  if (status !== 400 && status !== 413 && status !== 415) return handleError(error, request, reply);
  const description =
    status === 413
      ? 'the request body is too large'
      : status === 415
        ? 'the body must be application/json'
        : 'the body is not a JSON object of client metadata';
  allowAnyOrigin(reply);
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ error: 'invalid_client_metadata', error_description: description });
}

/** Dynamic client registration (RFC 7591), when `oauth.registration.mode` allows it. */
export function registerRoutes(app: App, { context }: RouteDeps): void {
  // A browser-based client registers from its own page; what it gets back is its own, so any origin may read it.
  app.options(`${OAUTH_PREFIX}/register`, { schema: { hide: true } }, (_request, reply) =>
    answerOpenPreflight(reply, 'POST'),
  );
  app.post(
    `${OAUTH_PREFIX}/register`,
    {
      schema: {
        tags: ['oauth'],
        operationId: 'registerClient',
        summary: 'Dynamic client registration (RFC 7591): open, or with an initial access token, per config',
        security: [{}, { InitialAccessToken: [] }],
        body: z.object({}).catchall(z.unknown()).describe('RFC 7591 §2 client metadata'),
        response: {
          201: registeredClient,
          400: registrationError,
          401: registrationError,
          403: registrationError,
          413: registrationError,
          415: registrationError,
          429: registrationError,
        },
      },
      errorHandler: handleRegistrationError,
    },
    async (request, reply) => {
      const result = await registerClient(context, request.body, {
        bearer: readAuthorization(request, ['Bearer']),
        ip: request.ip,
      });
      reply.header('cache-control', 'no-store');
      allowAnyOrigin(reply);
      if (!result.ok) {
        if (result.retryAfterSeconds !== undefined)
          reply.header('retry-after', String(result.retryAfterSeconds));
        if (result.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return reply.code(result.status).send({ error: result.error, error_description: result.description });
      }
      const { app: registered, client, clientSecret, authMethod } = result;
      return reply.code(201).send({
        client_id: client.id,
        ...(clientSecret === null ? {} : { client_secret: clientSecret, client_secret_expires_at: 0 }),
        client_id_issued_at: Math.floor(client.createdAt / 1000),
        client_name: registered.name,
        redirect_uris: registered.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: authMethod,
        scope: client.scopes.join(' '),
        ...(registered.logoUrl === null ? {} : { logo_uri: registered.logoUrl }),
        ...(registered.homepageUrl === null ? {} : { client_uri: registered.homepageUrl }),
        ...(registered.jwks === null ? {} : { jwks: registered.jwks }),
        ...(registered.jwksUri === null ? {} : { jwks_uri: registered.jwksUri }),
      });
    },
  );
}
