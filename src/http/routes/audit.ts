import { z } from 'zod';
import { listActivity, listRequests } from '../../services/audit/feeds.ts';
import { managementSecurity, requireManagement } from '../auth/management.ts';
import { isoDateTime, pageOf, pageQuery, problemSchema, timestamp, toIso } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const security = managementSecurity('read:audit');
const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

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

const range = { since: isoDateTime.optional(), until: isoDateTime.optional() };

/** The two audit feeds. Read-only: no route edits or deletes a row. */
export function auditRoutes(app: App, { context }: RouteDeps): void {
  app.get(
    '/api/v1/tenants/:tenantId/audit/requests',
    {
      schema: {
        tags: ['audit'],
        security,
        summary: 'The request feed: every verified call, per credential, newest first',
        params: tenantParams,
        querystring: z.strictObject({ ...pageQuery, ...range, keyId: z.string().max(64).optional() }),
        response: { 200: pageOf(requestSchema), ...errors },
      },
    },
    async (request) => {
      await requireManagement(context, request, request.params.tenantId, 'read:audit');
      const { keyId, since, until, cursor, limit } = request.query;
      const page = await listRequests(
        context,
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
      schema: {
        tags: ['audit'],
        security,
        summary: 'The activity feed: who created, rolled, revoked or changed what, newest first',
        params: tenantParams,
        querystring: z.strictObject({ ...pageQuery, ...range, action: z.string().max(64).optional() }),
        response: { 200: pageOf(activitySchema), ...errors },
      },
    },
    async (request) => {
      await requireManagement(context, request, request.params.tenantId, 'read:audit');
      const { action, since, until, cursor, limit } = request.query;
      const page = await listActivity(
        context,
        request.params.tenantId,
        { action, since, until },
        { cursor, limit },
      );
      return {
        items: page.items.map((row) => ({
          id: row.id,
          at: toIso(row.at),
          actor: { type: row.actorType, id: row.actorId, ip: row.ip },
          action: row.action,
          target: { type: row.targetType, id: row.targetId },
          details: row.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
