import { z } from 'zod';
import { MAX_CLIENT_EXPIRY_DAYS } from '../../core/client-status.ts';
import { createClient } from '../../services/clients/create.ts';
import { deleteClient, getClient, listClients, updateClient } from '../../services/clients/manage.ts';
import { MAX_ROTATION_GRACE_SECONDS, rotateClientSecret } from '../../services/clients/rotate.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import {
  clientListFilters,
  clientSchema,
  clientWithSecretSchema,
  createdClientSchema,
  presentClient,
  presentClientWithSecret,
  presentCreatedClient,
} from '../representations/clients.ts';
import {
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
const clientParams = tenantParams.extend({ clientId: z.string().max(64) });
const errors = managementErrors;
const scopes = z.array(scopeSchema).min(1).max(200);
const security = managementSecurity('manage:clients');

/** A tenant's API clients (seed 002): create, list, read, change, rotate the secret, delete. */
export function clientRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);
  app.post(
    '/api/v1/tenants/:tenantId/clients',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'createClient',
        security,
        summary: 'Create an API client; the `client_secret` is in this response only',
        params: tenantParams,
        body: z.strictObject({
          name: nameSchema,
          appId: z
            .string()
            .max(64)
            .optional()
            .describe("An app of the same tenant; a public app's client gets no secret (PKCE alone)"),
          scopes,
          expiresInDays: z.number().int().min(1).max(MAX_CLIENT_EXPIRY_DAYS).optional(),
          mode: modeSchema
            .optional()
            .describe("Default: the caller's mode when it is confined to one (a test credential), else live"),
        }),
        response: { 201: createdClientSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params;
      const created = await createClient(context, principalOf(request), tenantId, request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(presentCreatedClient(created, context.clock.now()));
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/clients',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'listClients',
        security,
        summary: "List a tenant's clients, newest first (never the secret); deleted ones only on request",
        params: tenantParams,
        querystring: z.strictObject({
          ...pageQuery,
          includeDeleted: z
            .enum(['true', 'false'])
            .default('false')
            .describe('`true` lists deleted clients too, with status `deleted`'),
          ...clientListFilters,
        }),
        response: { 200: pageOf(clientSchema), ...errors },
      },
    },
    async (request) => {
      const { includeDeleted, status, mode, appId, namePrefix, ...page } = request.query;
      const { tenantId } = request.params;
      const listed = await listClients(context, principalOf(request), tenantId, page, {
        includeDeleted: includeDeleted === 'true',
        status,
        mode,
        appId,
        namePrefix,
      });
      const now = context.clock.now();
      return {
        items: listed.items.map((client) => presentClient(client, now)),
        nextCursor: listed.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/tenants/:tenantId/clients/:clientId',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'getClient',
        security,
        summary: 'Get a client (never the secret); a deleted client is 404',
        params: clientParams,
        response: { 200: clientSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, clientId } = request.params;
      const client = await getClient(context, principalOf(request), tenantId, clientId);
      return presentClient(client, context.clock.now());
    },
  );

  app.patch(
    '/api/v1/tenants/:tenantId/clients/:clientId',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'updateClient',
        security,
        summary: 'Change scopes (from the next token on, no new secret needed) or suspend / resume',
        params: clientParams,
        body: z
          .strictObject({ scopes: scopes.optional(), status: z.enum(['active', 'suspended']).optional() })
          .refine((body) => Object.keys(body).length > 0, 'name at least one field to change'),
        response: { 200: clientSchema, 409: problemSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, clientId } = request.params;
      const client = await updateClient(context, principalOf(request), tenantId, clientId, request.body);
      return presentClient(client, context.clock.now());
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/clients/:clientId/rotate-secret',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'rotateClientSecret',
        security,
        summary: 'Issue a new client secret; the old one stops at once unless a grace period is given',
        params: clientParams,
        body: z
          .strictObject({
            gracePeriodSeconds: z.number().int().min(0).max(MAX_ROTATION_GRACE_SECONDS).default(0),
          })
          // Fastify hands a request without a body to the schema as null: no body means no grace period.
          .nullish(),
        response: { 200: clientWithSecretSchema, 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, clientId } = request.params;
      const grace = request.body?.gracePeriodSeconds ?? 0;
      const rotated = await rotateClientSecret(context, principalOf(request), tenantId, clientId, grace);
      reply.header('cache-control', 'no-store');
      return presentClientWithSecret(rotated, context.clock.now());
    },
  );

  app.delete(
    '/api/v1/tenants/:tenantId/clients/:clientId',
    {
      onRequest,
      schema: {
        tags: ['clients'],
        operationId: 'deleteClient',
        security,
        summary: 'Delete a client for good: no more tokens, its secrets stop now, it cannot be recovered',
        params: clientParams,
        response: { 200: clientSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, clientId } = request.params;
      const client = await deleteClient(context, principalOf(request), tenantId, clientId);
      return presentClient(client, context.clock.now());
    },
  );
}
