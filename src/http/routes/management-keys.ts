import { z } from 'zod';
import { managementPermissionNames } from '../../core/management-permissions.ts';
import {
  getManagementKey,
  issueManagementKey,
  listManagementKeys,
  revokeManagementKey,
} from '../../services/management/management-keys.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import {
  issuedManagementKeySchema,
  managementKeySchema,
  presentManagementKey,
} from '../representations/management-keys.ts';
import { managementErrors, modeSchema, nameSchema, pageOf, pageQuery } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const keyParams = tenantParams.extend({ keyId: z.string().max(64) });
const errors = managementErrors;
const security = managementSecurity('manage:management-keys');

/** A tenant's management key pairs (`X-Api-Key` + `X-Api-Secret`) for its own automation (seed 004). */
export function managementKeyRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants/:tenantId/management-keys',
    {
      onRequest,
      schema: {
        tags: ['management-keys'],
        operationId: 'createManagementKey',
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
          mode: modeSchema
            .optional()
            .describe("Default: the caller's mode when it is confined to one (a test credential), else live"),
        }),
        response: { 201: issuedManagementKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const issued = await issueManagementKey(context, principalOf(request), tenantId, request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...presentManagementKey(issued.key), apiSecret: issued.secret });
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/management-keys',
    {
      onRequest,
      schema: {
        tags: ['management-keys'],
        operationId: 'listManagementKeys',
        summary: "List a tenant's management keys, newest first (never the secret)",
        security,
        params: tenantParams,
        querystring: z.strictObject({
          ...pageQuery,
          mode: modeSchema.optional().describe('Only pairs of this mode'),
          status: z.enum(['active', 'revoked']).optional().describe('Only active or only revoked pairs'),
        }),
        response: { 200: pageOf(managementKeySchema), ...errors },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      const { mode, status, ...query } = request.query;
      const page = await listManagementKeys(context, principalOf(request), tenantId, query, { mode, status });
      return { items: page.items.map(presentManagementKey), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/management-keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['management-keys'],
        operationId: 'getManagementKey',
        summary: 'Get a management key (never the secret)',
        security,
        params: keyParams,
        response: { 200: managementKeySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      return presentManagementKey(await getManagementKey(context, principalOf(request), tenantId, keyId));
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/management-keys/:keyId',
    {
      onRequest,
      schema: {
        tags: ['management-keys'],
        operationId: 'revokeManagementKey',
        summary: 'Revoke a management key at once (the row is kept for audit)',
        security,
        params: keyParams,
        response: { 200: managementKeySchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, keyId } = request.params;
      return presentManagementKey(await revokeManagementKey(context, principalOf(request), tenantId, keyId));
    },
  );
}
