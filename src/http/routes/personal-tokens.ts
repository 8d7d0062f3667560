import { z } from 'zod';
import {
  createPersonalToken,
  getPersonalToken,
  listPersonalTokenRequests,
  listPersonalTokens,
  revokePersonalToken,
} from '../../services/people/personal-tokens.ts';
import type { PersonalToken } from '../../store/index.ts';
import { sessionSecurity } from '../auth/security.ts';
import { requireSession, sessionOf } from '../auth/session.ts';
import { keySchemesPhrase } from '../docs/llms.ts';
import { requestSchema } from '../representations/audit.ts';
import {
  isoDateTime,
  nameSchema,
  nullableTimestamp,
  pageOf,
  pageQuery,
  problemSchema,
  scopeSchema,
  timestamp,
  toIso,
} from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z
    .array(z.string())
    .describe("The token's scopes; in each workspace narrowed by the role and the plan"),
  displayPrefix: z.string().describe('The first 12 characters of the token, safe to show'),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: timestamp,
  expiresAt: nullableTimestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
});

function present(token: PersonalToken, now: number): z.infer<typeof tokenSchema> {
  return {
    id: token.id,
    name: token.name,
    scopes: token.scopes,
    displayPrefix: token.displayPrefix,
    status:
      token.revokedAt !== null
        ? 'revoked'
        : token.expiresAt !== null && token.expiresAt <= now
          ? 'expired'
          : 'active',
    createdAt: toIso(token.createdAt),
    expiresAt: toIso(token.expiresAt),
    lastUsedAt: toIso(token.lastUsedAt),
    revokedAt: toIso(token.revokedAt),
  };
}

const tokenParams = z.object({ tokenId: z.string().max(64) });
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

/** A use of a personal token: a request-feed row, in the workspace it was made in. */
const tokenRequestSchema = requestSchema
  .omit({ credentialId: true, credentialType: true })
  .extend({ tenantId: z.string() });

/** The signed-in user's personal access tokens (seed 003: Settings → API Keys). */
export function personalTokenRoutes(app: App, { context, config }: RouteDeps): void {
  const schemes = config.credentials.authorizationSchemes;
  const onRequest = requireSession(context);
  app.post(
    '/api/v1/me/tokens',
    {
      onRequest,
      schema: {
        tags: ['personal-tokens'],
        operationId: 'createPersonalToken',
        security: sessionSecurity,
        summary: 'Create a personal access token; the token is in this response only',
        description: `Use it as ${keySchemesPhrase(schemes).replaceAll('<key>', '<token>')}, naming the workspace in \`x-workspace-id\` when you belong to several.`,
        body: z.strictObject({
          name: nameSchema,
          scopes: z.array(scopeSchema).min(1).max(100),
          expiresAt: isoDateTime.optional(),
        }),
        response: { 201: tokenSchema.extend({ token: z.string().describe('Shown once') }), ...errors },
      },
    },
    async (request, reply) => {
      const issued = await createPersonalToken(context, sessionOf(request).principal, request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...present(issued.token, context.clock.now()), token: issued.plaintext });
    },
  );

  app.get(
    '/api/v1/me/tokens',
    {
      onRequest,
      schema: {
        tags: ['personal-tokens'],
        operationId: 'listPersonalTokens',
        security: sessionSecurity,
        summary: 'List your personal access tokens, newest first (never the token)',
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(tokenSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listPersonalTokens(context, sessionOf(request).principal, request.query);
      const now = context.clock.now();
      return { items: page.items.map((token) => present(token, now)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/me/tokens/:tokenId',
    {
      onRequest,
      schema: {
        tags: ['personal-tokens'],
        operationId: 'getPersonalToken',
        security: sessionSecurity,
        summary: 'Get one of your personal access tokens',
        params: tokenParams,
        response: { 200: tokenSchema, ...errors },
      },
    },
    async (request) => {
      const token = await getPersonalToken(context, sessionOf(request).principal, request.params.tokenId);
      return present(token, context.clock.now());
    },
  );

  app.delete(
    '/api/v1/me/tokens/:tokenId',
    {
      onRequest,
      schema: {
        tags: ['personal-tokens'],
        operationId: 'revokePersonalToken',
        security: sessionSecurity,
        summary: 'Revoke a personal access token: refused from the next request',
        params: tokenParams,
        response: { 200: tokenSchema, ...errors },
      },
    },
    async (request) => {
      const token = await revokePersonalToken(context, sessionOf(request).principal, request.params.tokenId);
      return present(token, context.clock.now());
    },
  );

  app.get(
    '/api/v1/me/tokens/:tokenId/requests',
    {
      onRequest,
      schema: {
        tags: ['personal-tokens'],
        operationId: 'listPersonalTokenRequests',
        security: sessionSecurity,
        summary: "The token's calls in one of your workspaces, newest first (Settings → API Keys → Activity)",
        params: tokenParams,
        querystring: z.strictObject({
          ...pageQuery,
          workspaceId: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe('Optional when you belong to one workspace'),
          since: isoDateTime.optional(),
          until: isoDateTime.optional(),
        }),
        response: { 200: pageOf(tokenRequestSchema), ...errors },
      },
    },
    async (request) => {
      const { workspaceId, since, until, cursor, limit } = request.query;
      const page = await listPersonalTokenRequests(
        context,
        sessionOf(request).principal,
        request.params.tokenId,
        workspaceId,
        { since, until },
        { cursor, limit },
      );
      return {
        items: page.items.map((row) => ({
          id: row.id,
          at: toIso(row.at),
          tenantId: row.tenantId,
          method: row.method,
          path: row.path,
          status: row.status,
          outcome: row.outcome,
          latencyMs: row.latencyMs,
          ip: row.ip,
          rateLimited: row.rateLimited,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
