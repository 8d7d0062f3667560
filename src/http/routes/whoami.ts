import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { PortcullisError } from '../../core/errors.ts';
import { roles } from '../../core/roles.ts';
import { looksLikeJwt } from '../../services/tokens/verify-access-token.ts';
import { identifyCredential } from '../../services/verification/verify-call.ts';
import { readAuthorization } from '../auth/credentials.ts';
import { invalidCredential, missingCredential } from '../auth/principal.ts';
import { keySchemesPhrase } from '../docs/llms.ts';
import { rateLimitHeaders } from '../rate-limit-headers.ts';
import { modeSchema, problemSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const INVALID = 'the credential is malformed, unknown, revoked or expired';

/** `x-workspace-id`: the tenant a personal access token acts in. One value; anything else names none. */
function workspaceHeader(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['x-workspace-id'];
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 64) : undefined;
}

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
        description: `Send an API key as ${keySchemesPhrase(schemes)}, or an access token as \`Authorization: Bearer <token>\`. A personal access token names its workspace in \`x-workspace-id\` (optional when its user belongs to one). Answers carry \`RateLimit-Policy\` and \`RateLimit\` fields.`,
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
            z.object({
              credentialType: z.literal('personal_token'),
              tenantId: z.string().describe('The workspace the call acts in'),
              userId: z.string(),
              tokenId: z.string(),
              role: z.enum(roles),
              mode: modeSchema,
              scopes: z.array(z.string()),
            }),
          ]),
          400: problemSchema,
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
        isToken
          ? { kind: 'access_token', token }
          : { kind: 'api_key', key: credential as string, workspaceId: workspaceHeader(request.headers) },
        { ip: request.ip, method: request.method, path: request.routeOptions.url ?? null },
        () => reply.elapsedTime,
      );
      if (result.valid) {
        reply.headers(rateLimitHeaders(result.ratelimit));
        if (result.credentialType === 'access_token') {
          const { credentialType, tenantId, clientId, mode, scopes } = result;
          return { credentialType, tenantId, clientId, mode, scopes: [...scopes] };
        }
        if (result.credentialType === 'personal_token') {
          const { credentialType, tenantId, userId, tokenId, role, mode, scopes } = result;
          return { credentialType, tenantId, userId, tokenId, role, mode, scopes: [...scopes] };
        }
        const { credentialType, tenantId, keyId, mode, type, scopes } = result;
        return { credentialType, tenantId, keyId, mode, type, scopes: [...scopes] };
      }
      switch (result.code) {
        case 'workspace_required':
          throw new PortcullisError(
            'workspace_required',
            "the token's user belongs to several workspaces: name one in x-workspace-id",
          );
        case 'workspace_not_allowed':
          throw new PortcullisError(
            'workspace_not_allowed',
            "the token's user is not a member of this workspace",
          );
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
