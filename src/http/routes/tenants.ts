import { z } from 'zod';
import { createTenant, getTenant, listTenants, updateTenant } from '../../services/tenants/manage.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity, platformSecurity } from '../auth/security.ts';
import { presentTenant, tenantSchema } from '../representations/tenants.ts';
import { managementErrors, nameSchema, pageOf, pageQuery } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const tenantParams = z.object({ tenantId: z.string().max(64) });
const errors = managementErrors;

/** Tenants and their plans: the platform operator's surface. */
export function tenantRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants',
    {
      onRequest,
      schema: {
        tags: ['tenants'],
        operationId: 'createTenant',
        security: platformSecurity,
        summary: 'Create a tenant on a plan',
        body: z.strictObject({ name: nameSchema, plan: z.string().max(64).optional() }),
        response: { 201: tenantSchema, ...errors },
      },
    },
    async (request, reply) => {
      const tenant = await createTenant(context, principalOf(request), request.body);
      return reply.code(201).send(presentTenant(tenant));
    },
  );

  app.get(
    '/api/v1/tenants',
    {
      onRequest,
      schema: {
        tags: ['tenants'],
        operationId: 'listTenants',
        security: platformSecurity,
        summary: 'List tenants, newest first',
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(tenantSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listTenants(context, principalOf(request), request.query);
      return { items: page.items.map(presentTenant), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId',
    {
      onRequest,
      schema: {
        tags: ['tenants'],
        operationId: 'getTenant',
        summary: 'Get a tenant',
        security: managementSecurity('read:tenant'),
        params: tenantParams,
        response: { 200: tenantSchema, ...errors },
      },
    },
    async (request) => {
      return presentTenant(await getTenant(context, principalOf(request), request.params.tenantId));
    },
  );

  app.patch(
    '/api/v1/tenants/:tenantId',
    {
      onRequest,
      schema: {
        tags: ['tenants'],
        operationId: 'updateTenant',
        security: platformSecurity,
        summary: 'Rename a tenant, change its plan, or suspend / resume it',
        params: tenantParams,
        body: z
          .strictObject({
            name: nameSchema.optional(),
            plan: z.string().max(64).optional(),
            status: z.enum(['active', 'suspended']).optional(),
          })
          .refine((body) => Object.keys(body).length > 0, 'name at least one field to change'),
        response: { 200: tenantSchema, ...errors },
      },
    },
    async (request) => {
      const tenant = await updateTenant(context, principalOf(request), request.params.tenantId, request.body);
      return presentTenant(tenant);
    },
  );
}
