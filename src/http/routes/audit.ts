import { z } from 'zod';
import { listActivity, listPlatformActivity, listRequests } from '../../services/audit/feeds.ts';
import { verifyFailureCodes } from '../../services/verification/result.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity, platformSecurity } from '../auth/security.ts';
import { activitySchema, presentActivity, presentRequest, requestSchema } from '../representations/audit.ts';
import { isoDateTime, managementErrors, modeSchema, pageOf, pageQuery } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const security = managementSecurity('read:audit');
const errors = managementErrors;

const platformActivitySchema = activitySchema.extend({
  tenantId: z.string().nullable().describe('The tenant the row belongs to; null for platform-level rows'),
});

const range = { since: isoDateTime.optional(), until: isoDateTime.optional() };

/** `type` or `type:id`, as a row's `actor` reads: `user:usr_…`, `management_key:mk_…`, `system`. */
const actorFilter = z
  .string()
  .max(140)
  .regex(/^[a-z][a-z_]{0,31}(?::[A-Za-z0-9_.-]{1,100})?$/, 'must be an actor type, or type:id')
  .transform((value) => {
    const [type = '', id] = value.split(':');
    return id === undefined ? { type } : { type, id };
  })
  .optional()
  .describe('Rows by one actor (`user:usr_…`) or one kind of actor (`system`, `platform_key`)');

/** The two audit feeds, per tenant, and the platform's activity feed. Read-only: no route edits a row. */
/** The activity feeds' `mode`: rows about objects of that mode, with those about no one mode (members, the tenant). */
const activityMode = modeSchema
  .optional()
  .describe(
    'Rows about objects of this mode, and rows about objects of neither (members, the tenant itself)',
  );

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
        querystring: z.strictObject({
          ...pageQuery,
          ...range,
          keyId: z.string().min(1).max(64).optional(),
          outcome: z
            .enum(['valid', ...verifyFailureCodes])
            .optional()
            .describe('`valid`, or the refusal code the call was answered with'),
          status: z.coerce.number().int().min(100).max(599).optional().describe('The HTTP status answered'),
          rateLimited: z
            .enum(['true', 'false'])
            .transform((value) => value === 'true')
            .optional(),
        }),
        response: { 200: pageOf(requestSchema), ...errors },
      },
    },
    async (request) => {
      const { keyId, since, until, cursor, limit, outcome, status, rateLimited } = request.query;
      const page = await listRequests(
        context,
        principalOf(request),
        request.params.tenantId,
        { credentialId: keyId, since, until, outcome, status, rateLimited },
        { cursor, limit },
      );
      return {
        items: page.items.map(presentRequest),
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
        querystring: z.strictObject({
          ...pageQuery,
          ...range,
          action: z.string().min(1).max(64).optional(),
          actor: actorFilter,
          mode: activityMode,
        }),
        response: { 200: pageOf(activitySchema), ...errors },
      },
    },
    async (request) => {
      const { action, actor, since, until, mode, cursor, limit } = request.query;
      const page = await listActivity(
        context,
        principalOf(request),
        request.params.tenantId,
        { action, actor, since, until, mode },
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
          action: z.string().min(1).max(64).optional(),
          actor: actorFilter,
          mode: activityMode,
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
      const { action, actor, since, until, mode, cursor, limit, tenantId } = request.query;
      const page = await listPlatformActivity(
        context,
        principalOf(request),
        { action, actor, since, until, mode, tenantId: tenantId === 'platform' ? null : tenantId },
        { cursor, limit },
      );
      return {
        items: page.items.map((row) => ({ ...presentActivity(row), tenantId: row.tenantId })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
