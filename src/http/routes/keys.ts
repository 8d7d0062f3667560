import { z } from 'zod';
import { issueKey } from '../../services/keys/issue.ts';
import { getKey, listKeys, revokeKey } from '../../services/keys/manage.ts';
import { MAX_ROLL_GRACE_SECONDS, rollKey } from '../../services/keys/roll.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import { issuedKeySchema, keySchema, presentKey } from '../representations/keys.ts';
import {
  cidrSchema,
  isoDateTime,
  managementErrors,
  modeSchema,
  nameSchema,
  pageOf,
  pageQuery,
  problemSchema,
  scopeSchema,
} from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const keyParams = tenantParams.extend({ keyId: z.string().max(64) });
const security = managementSecurity('manage:keys');
const errors = managementErrors;

/** A tenant's API keys: issue, list, read, revoke, roll. */
export function keyRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants/:tenantId/keys',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'createKey',
        summary: 'Issue an API key; the plaintext is in this response only',
        params: tenantParams,
        body: z.strictObject({
          name: nameSchema,
          mode: modeSchema
            .optional()
            .describe("Default: the caller's mode when it is confined to one (a test credential), else live"),
          type: z.enum(['secret', 'restricted']).default('secret'),
          scopes: z.array(scopeSchema).min(1).max(200).optional(),
          expiresAt: isoDateTime.optional(),
          ipAllowlist: z.array(cidrSchema).max(100).optional(),
        }),
        response: { 201: issuedKeySchema, 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await issueKey(context, principalOf(request), request.params.tenantId, request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...presentKey(issued.key, context.clock.now()), key: issued.plaintext });
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/keys',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'listKeys',
        summary:
          "List a tenant's keys, newest first (never the secret), filtered by status, mode, type or name",
        params: tenantParams,
        querystring: z.strictObject({
          ...pageQuery,
          status: z
            .enum(['active', 'expired', 'revoked'])
            .optional()
            .describe('As the `status` field shows it'),
          mode: modeSchema.optional(),
          type: z.enum(['secret', 'restricted']).optional(),
          namePrefix: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('Names starting with this, case-sensitive'),
        }),
        response: { 200: pageOf(keySchema), ...errors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const page = await listKeys(
        context,
        principalOf(request),
        request.params.tenantId,
        { cursor, limit },
        filter,
      );
      const now = context.clock.now();
      return { items: page.items.map((key) => presentKey(key, now)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'getKey',
        summary: 'Get a key (never the secret)',
        params: keyParams,
        response: { 200: keySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      const key = await getKey(context, principalOf(request), tenantId, keyId);
      return presentKey(key, context.clock.now());
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'revokeKey',
        summary: 'Revoke a key at once (the row is kept for audit)',
        params: keyParams,
        response: { 200: keySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      const key = await revokeKey(context, principalOf(request), tenantId, keyId);
      return presentKey(key, context.clock.now());
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/keys/:keyId/roll',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'rollKey',
        summary: 'Issue a new secret for the same key; the old one works for the grace period',
        params: keyParams,
        body: z
          .strictObject({
            gracePeriodSeconds: z.number().int().min(0).max(MAX_ROLL_GRACE_SECONDS).default(0),
          })
          // Fastify hands a request without a body to the schema as null: no body means no grace period.
          .nullish(),
        response: { 200: issuedKeySchema, 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, keyId } = request.params;
      const grace = request.body?.gracePeriodSeconds ?? 0;
      const rolled = await rollKey(context, principalOf(request), tenantId, keyId, grace);
      reply.header('cache-control', 'no-store');
      return { ...presentKey(rolled.key, context.clock.now()), key: rolled.plaintext };
    },
  );
}
