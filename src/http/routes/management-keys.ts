import { z } from 'zod';
import { managementPermissionNames } from '../../core/management-permissions.ts';
import {
  getManagementKey,
  issueManagementKey,
  listManagementKeys,
  revokeManagementKey,
} from '../../services/management/management-keys.ts';
import type { ManagementKey } from '../../store/index.ts';
import { actorOf, managementSecurity, requireGrantable, requireManagement } from '../auth/management.ts';
import {
  nameSchema,
  nullableTimestamp,
  pageOf,
  pageQuery,
  problemSchema,
  timestamp,
  toIso,
} from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const managementKeySchema = z.object({
  id: z.string().describe('The public half of the pair: send it as `X-Api-Key`'),
  apiKey: z.string().describe('Same as `id`'),
  tenantId: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  displayPrefix: z.string().describe('The first 12 characters of the secret, safe to show'),
  status: z.enum(['active', 'revoked']),
  createdAt: timestamp,
  lastUsedAt: nullableTimestamp,
  revokedAt: nullableTimestamp,
});

const issuedSchema = managementKeySchema.extend({
  apiSecret: z.string().describe('Send as `X-Api-Secret`. Shown once, in this response only.'),
});

function present(key: ManagementKey): z.infer<typeof managementKeySchema> {
  return {
    id: key.id,
    apiKey: key.id,
    tenantId: key.tenantId,
    name: key.name,
    permissions: key.permissions,
    displayPrefix: key.displayPrefix,
    status: key.revokedAt === null ? 'active' : 'revoked',
    createdAt: toIso(key.createdAt),
    lastUsedAt: toIso(key.lastUsedAt),
    revokedAt: toIso(key.revokedAt),
  };
}

const tenantParams = z.object({ tenantId: z.string().max(64) });
const keyParams = tenantParams.extend({ keyId: z.string().max(64) });
const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };
const PERMISSION = 'manage:management-keys';
const security = managementSecurity(PERMISSION);

/** A tenant's management key pairs (`X-Api-Key` + `X-Api-Secret`) for its own automation (seed 004). */
export function managementKeyRoutes(app: App, { context }: RouteDeps): void {
  app.post(
    '/api/v1/tenants/:tenantId/management-keys',
    {
      schema: {
        tags: ['management-keys'],
        summary: 'Issue a management key pair; the secret is in this response only',
        security,
        params: tenantParams,
        body: z.strictObject({
          name: nameSchema,
          permissions: z
            .array(z.enum(managementPermissionNames))
            .min(1)
            .max(50)
            .describe('Management permissions the pair holds; a tenant credential grants only its own'),
        }),
        response: { 201: issuedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const principal = await requireManagement(context, request, tenantId, PERMISSION);
      requireGrantable(principal, request.body.permissions);
      const issued = await issueManagementKey(context, actorOf(principal, request), tenantId, request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...present(issued.key), apiSecret: issued.secret });
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/management-keys',
    {
      schema: {
        tags: ['management-keys'],
        summary: "List a tenant's management keys, newest first (never the secret)",
        security,
        params: tenantParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(managementKeySchema), ...errors },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      await requireManagement(context, request, tenantId, PERMISSION);
      const page = await listManagementKeys(context, tenantId, request.query);
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/management-keys/:keyId',
    {
      schema: {
        tags: ['management-keys'],
        summary: 'Get a management key (never the secret)',
        security,
        params: keyParams,
        response: { 200: managementKeySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      await requireManagement(context, request, tenantId, PERMISSION);
      return present(await getManagementKey(context, tenantId, keyId));
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/management-keys/:keyId',
    {
      schema: {
        tags: ['management-keys'],
        summary: 'Revoke a management key at once (the row is kept for audit)',
        security,
        params: keyParams,
        response: { 200: managementKeySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      const principal = await requireManagement(context, request, tenantId, PERMISSION);
      return present(await revokeManagementKey(context, actorOf(principal, request), tenantId, keyId));
    },
  );
}
