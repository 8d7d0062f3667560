import { z } from 'zod';
import { PortcullisError } from '../../core/errors.ts';
import { looksLikeJwt } from '../../services/tokens/verify-access-token.ts';
import { identifyCredential } from '../../services/verification/verify-call.ts';
import { readAuthorization } from '../auth/credentials.ts';
import { invalidCredential, missingCredential } from '../auth/principal.ts';
import { rateLimitHeaders } from '../rate-limit-headers.ts';
import { modeSchema, problemSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const INVALID = 'the credential is malformed, unknown, revoked or expired';

/** What an integration's own key is: the runtime surface that needs no platform credential. */
export function whoamiRoutes(app: App, { context, config }: RouteDeps): void {
  const schemes = config.credentials.authorizationSchemes;
  app.get(
    '/api/v1/whoami',
    {
      schema: {
        tags: ['runtime'],
        operationId: 'whoami',
        security: [{ RuntimeApiKey: [] }, { M2MBearerToken: [] }],
        summary: "The calling credential's tenant, mode, type and effective scopes",
        description:
          'Send an API key as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`, or an access token as `Authorization: Bearer <token>`. Answers carry `RateLimit-Policy` and `RateLimit` fields.',
        response: {
          200: z.union([
            z.object({
              credentialType: z.literal('api_key'),
              tenantId: z.string(),
              keyId: z.string(),
              mode: modeSchema,
              type: z.enum(['secret', 'restricted']),
              scopes: z.array(z.string()),
            }),
            z.object({
              credentialType: z.literal('access_token'),
              tenantId: z.string(),
              clientId: z.string(),
              mode: modeSchema,
              scopes: z.array(z.string()),
            }),
          ]),
          401: problemSchema,
          403: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.headers.authorization === undefined) {
        throw missingCredential(schemes, 'an API key or access token is required');
      }
      // Access tokens travel only as Bearer (RFC 6750 §2.1); API keys in the configured schemes.
      const token = readAuthorization(request, ['Bearer']);
      const isToken = token !== undefined && looksLikeJwt(token);
      const credential = isToken ? undefined : readAuthorization(request, schemes);
      if (!isToken && credential === undefined) throw invalidCredential(schemes, INVALID);
      const result = await identifyCredential(
        context,
        isToken ? { kind: 'access_token', token } : { kind: 'api_key', key: credential as string },
        { ip: request.ip, method: request.method, path: request.routeOptions.url ?? null },
        () => reply.elapsedTime,
      );
      if (result.valid) {
        reply.headers(rateLimitHeaders(result.ratelimit));
        if (result.credentialType === 'access_token') {
          const { credentialType, tenantId, clientId, mode, scopes } = result;
          return { credentialType, tenantId, clientId, mode, scopes: [...scopes] };
        }
        const { credentialType, tenantId, keyId, mode, type, scopes } = result;
        return { credentialType, tenantId, keyId, mode, type, scopes: [...scopes] };
      }
      switch (result.code) {
        case 'rate_limited': {
          const retryAfterSeconds = result.retryAfterSeconds ?? 1;
          throw new PortcullisError('rate_limited', 'the rate limit for this key is reached', {
            extensions: { retryAfterSeconds },
            headers: result.ratelimit
              ? rateLimitHeaders(result.ratelimit, retryAfterSeconds)
              : { 'retry-after': String(retryAfterSeconds) },
          });
        }
        case 'ip_not_allowed':
          throw new PortcullisError('ip_not_allowed', 'this key may not be used from this address');
        default:
          throw invalidCredential(schemes, INVALID);
      }
    },
  );
}
