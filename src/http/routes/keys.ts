import { z } from 'zod';
import { issueKey } from '../../services/keys/issue.ts';
import { MAX_EXTERNAL_ID_LENGTH, MAX_META_BYTES, MAX_META_KEYS } from '../../services/keys/key-settings.ts';
import { getKey, listKeys, revokeKey } from '../../services/keys/manage.ts';
import { MAX_ROLL_GRACE_SECONDS, rollKey } from '../../services/keys/roll.ts';
import { updateKey } from '../../services/keys/update.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import { issuedKeySchema, keyListFilters, keySchema, presentKey } from '../representations/keys.ts';
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

const metaSchema = z
  .record(z.string(), z.unknown())
  .describe(
    `A JSON object verify returns with the key: at most ${MAX_META_KEYS} top-level members and ${MAX_META_BYTES} bytes as JSON`,
  );
const externalIdSchema = z
  .string()
  .min(1)
  .max(MAX_EXTERNAL_ID_LENGTH)
  .describe("The platform's own id of the key's owner or customer");
const rateLimitSchema = z
  .strictObject({ requestsPerMinute: z.number().int().min(1) })
  .nullable()
  .describe(
    "This key's rate instead of the plan's, at most the plan's (above: 403 plan_required naming the plans that allow it); null: the plan's",
  );
const creditsSchema = z
  .strictObject({
    remaining: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    refill: z
      .strictObject({
        amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
        interval: z.enum(['day', 'month']),
      })
      .nullable()
      .optional()
      .describe(
        "Sets `remaining` back to `amount` at each UTC day's or month's start (applied at the next spend)",
      ),
  })
  .nullable()
  .describe(
    'Usage credits (Unkey\'s "remaining"): verify calls that send `consume: n` spend n; too few left answers `usage_exceeded`. null: not counted',
  );
const errors = managementErrors;

/** A tenant's API keys: issue, list, read, change, revoke, roll. */
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
          type: z
            .enum(['secret', 'restricted'])
            .optional()
            .describe(
              '`secret`: every scope the plan entitles, now and after plan changes; `restricted`: the listed `scopes`. Default: `restricted` when `scopes` are given, else `secret`',
            ),
          scopes: z.array(scopeSchema).min(1).max(200).optional(),
          appId: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe(
              "One of the tenant's apps, the integration the key serves (a label: it grants nothing)",
            ),
          expiresAt: isoDateTime.optional(),
          ipAllowlist: z.array(cidrSchema).max(100).optional(),
          meta: metaSchema.optional(),
          externalId: externalIdSchema.optional(),
          rateLimit: rateLimitSchema.optional(),
          credits: creditsSchema.optional(),
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
          "List a tenant's keys, newest first (never the secret), filtered by status, mode, type, app or name",
        params: tenantParams,
        querystring: z.strictObject({
          ...pageQuery,
          ...keyListFilters,
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

  app.patch(
    '/api/v1/tenants/:tenantId/keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['keys'],
        security,
        operationId: 'updateKey',
        summary: "Change a key's settings; the next verification on every node sees them",
        description:
          'Fields left out stay as they are. A revoked or expired key cannot be changed (409). The activity feed records each changed field with its old and new value.',
        params: keyParams,
        body: z.strictObject({
          name: nameSchema.optional(),
          scopes: z
            .array(scopeSchema)
            .min(1)
            .max(200)
            .optional()
            .describe("A restricted key's scopes, within the plan as at creation"),
          expiresAt: isoDateTime.nullable().optional().describe('null: never expires'),
          ipAllowlist: z.array(cidrSchema).max(100).nullable().optional().describe('null or []: any address'),
          meta: metaSchema.nullable().optional(),
          externalId: externalIdSchema.nullable().optional(),
          rateLimit: rateLimitSchema.optional(),
          credits: creditsSchema.optional(),
        }),
        response: { 200: keySchema, 409: problemSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      const key = await updateKey(context, principalOf(request), tenantId, keyId, request.body);
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
