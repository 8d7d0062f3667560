import { z } from 'zod';
import { listActivity, listPlatformActivity, listRequests } from '../../services/audit/feeds.ts';
import type { ActivityRecordRow } from '../../store/index.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity, platformSecurity } from '../auth/security.ts';
import { isoDateTime, managementErrors, pageOf, pageQuery, timestamp, toIso } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const security = managementSecurity('read:audit');
const errors = managementErrors;

const requestSchema = z.object({
  id: z.number(),
  at: timestamp,
  credentialId: z.string(),
  credentialType: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  status: z.number(),
  outcome: z.string(),
  latencyMs: z.number(),
  ip: z.string().nullable(),
  rateLimited: z.boolean(),
});

const activitySchema = z.object({
  id: z.number(),
  at: timestamp,
  actor: z.object({ type: z.string(), id: z.string().nullable(), ip: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()),
});

const platformActivitySchema = activitySchema.extend({
  tenantId: z.string().nullable().describe('The tenant the row belongs to; null for platform-level rows'),
});

const range = { since: isoDateTime.optional(), until: isoDateTime.optional() };

function presentActivity(row: ActivityRecordRow) {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: { type: row.actorType, id: row.actorId, ip: row.ip },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    details: row.details,
  };
}

/** The two audit feeds, per tenant, and the platform's activity feed. Read-only: no route edits a row. */
export function auditRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.get(
    '/api/v1/tenants/:tenantId/audit/requests',
    {
      onRequest,
      schema: {
        tags: ['audit'],
        security,
        operationId: 'listRequests',
        summary: 'The request feed: every verified call, per credential, newest first',
        params: tenantParams,
        querystring: z.strictObject({ ...pageQuery, ...range, keyId: z.string().max(64).optional() }),
        response: { 200: pageOf(requestSchema), ...errors },
      },
    },
    async (request) => {
      const { keyId, since, until, cursor, limit } = request.query;
      const page = await listRequests(
        context,
        principalOf(request),
        request.params.tenantId,
        { credentialId: keyId, since, until },
        { cursor, limit },
      );
      return {
        items: page.items.map(({ tenantId: _tenant, ...row }) => ({ ...row, at: toIso(row.at) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/audit/activity',
    {
      onRequest,
      schema: {
        tags: ['audit'],
        security,
        operationId: 'listActivity',
        summary: 'The activity feed: who created, rolled, revoked or changed what, newest first',
        params: tenantParams,
        querystring: z.strictObject({ ...pageQuery, ...range, action: z.string().max(64).optional() }),
        response: { 200: pageOf(activitySchema), ...errors },
      },
    },
    async (request) => {
      const { action, since, until, cursor, limit } = request.query;
      const page = await listActivity(
        context,
        principalOf(request),
        request.params.tenantId,
        { action, since, until },
        { cursor, limit },
      );
      return { items: page.items.map(presentActivity), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/platform/audit/activity',
    {
      onRequest,
      schema: {
        tags: ['audit'],
        operationId: 'listPlatformActivity',
        security: platformSecurity,
        summary:
          "The platform activity feed: every tenant's rows and the platform-level ones (tenants created, platform keys issued, signing keys rotated), newest first",
        querystring: z.strictObject({
          ...pageQuery,
          ...range,
          action: z.string().max(64).optional(),
          tenantId: z
            .string()
            .max(64)
            .optional()
            .describe("One tenant's rows; `platform` for the rows outside every tenant"),
        }),
        response: { 200: pageOf(platformActivitySchema), ...errors },
      },
    },
    async (request) => {
      const { action, since, until, cursor, limit, tenantId } = request.query;
      const page = await listPlatformActivity(
        context,
        principalOf(request),
        { action, since, until, tenantId: tenantId === 'platform' ? null : tenantId },
        { cursor, limit },
      );
      return {
        items: page.items.map((row) => ({ ...presentActivity(row), tenantId: row.tenantId })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
