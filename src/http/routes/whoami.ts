import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { PortcullisError } from '../../core/errors.ts';
import { type RateLimitState, recordKeyUsage, verifyApiKey } from '../../services/keys/verify.ts';
import { readAuthorization, unauthorized } from '../auth/credentials.ts';
import { modeSchema, problemSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

function setRateLimitHeaders(reply: FastifyReply, state: RateLimitState): void {
  reply.header('ratelimit-limit', String(state.limit));
  reply.header('ratelimit-remaining', String(state.remaining));
  reply.header('ratelimit-reset', String(state.resetSeconds));
}

/** What an integration's own key is: the runtime surface that needs no platform credential. */
export function whoamiRoutes(app: App, { context, config }: RouteDeps): void {
  const schemes = config.credentials.authorizationSchemes;
  app.get(
    '/api/v1/whoami',
    {
      schema: {
        tags: ['runtime'],
        summary: "The calling key's tenant, mode, type and effective scopes",
        description: 'Send the key as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`.',
        response: {
          200: z.object({
            credentialType: z.literal('api_key'),
            tenantId: z.string(),
            keyId: z.string(),
            mode: modeSchema,
            type: z.enum(['secret', 'restricted']),
            scopes: z.array(z.string()),
          }),
          401: problemSchema,
          403: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const credential = readAuthorization(request, schemes);
      if (!credential) throw unauthorized(schemes, 'an API key is required');
      const result = await verifyApiKey(context, credential, { ip: request.ip });
      recordKeyUsage(context, result, {
        method: request.method,
        path: request.routeOptions.url ?? null,
        ip: request.ip,
        latencyMs: reply.elapsedTime,
      });
      if (result.ratelimit) setRateLimitHeaders(reply, result.ratelimit);
      if (result.valid) {
        const { credentialType, tenantId, keyId, mode, type, scopes } = result;
        return { credentialType, tenantId, keyId, mode, type, scopes: [...scopes] };
      }
      switch (result.code) {
        case 'rate_limited':
          throw new PortcullisError('rate_limited', 'the rate limit for this key is reached', {
            extensions: { retryAfterSeconds: result.retryAfterSeconds },
            headers: { 'retry-after': String(result.retryAfterSeconds ?? 1) },
          });
        case 'ip_not_allowed':
          throw new PortcullisError('ip_not_allowed', 'this key may not be used from this address');
        default:
          throw unauthorized(schemes, 'the API key is missing, malformed, unknown, revoked or expired');
      }
    },
  );
}
