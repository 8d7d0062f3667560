import { z } from 'zod';
import { EVENT_FILTER_PATTERN, EVENT_TYPE_PATTERN } from '../../core/webhook-events.ts';
import { listDeliveries, retryDelivery, sendTestEvent } from '../../services/webhooks/deliveries.ts';
import {
  createEndpoint,
  DEFAULT_SECRET_GRACE_SECONDS,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  MAX_SECRET_GRACE_SECONDS,
  rotateEndpointSecret,
  updateEndpoint,
} from '../../services/webhooks/endpoints.ts';
import { eventTypes, publishEvent } from '../../services/webhooks/events.ts';
import { MAX_URL_LENGTH } from '../../services/webhooks/target.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity, publicSecurity } from '../auth/security.ts';
import {
  managementErrors,
  modeSchema,
  pageOf,
  pageQuery,
  problemSchema,
  timestamp,
  toIso,
} from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';
import {
  deliverySchema,
  endpointSchema,
  endpointWithSecretSchema,
  eventTypeSchema,
  presentDelivery,
  presentEndpoint,
} from './webhook-views.ts';

const urlSchema = z.string().min(1).max(MAX_URL_LENGTH);
const eventFilters = z
  .array(z.string().max(128).regex(EVENT_FILTER_PATTERN, 'must be an event type, `prefix.*` or `*`'))
  .min(1)
  .max(100);
const descriptionSchema = z.string().max(500);
const tenantParams = z.object({ tenantId: z.string().max(64) });
const endpointParams = tenantParams.extend({ endpointId: z.string().max(64) });
const deliveryParams = tenantParams.extend({ deliveryId: z.string().max(64) });
const security = managementSecurity('manage:webhooks');
const errors = managementErrors;
const endpointsPath = '/api/v1/tenants/:tenantId/webhooks/endpoints';

/** A tenant's webhook endpoints and deliveries, the platform's events, and the public event catalogue. */
export function webhookRoutes(app: App, { context }: RouteDeps): void {
  const onRequest = authenticateRequest(context);

  app.get(
    '/api/v1/webhooks/event-types',
    {
      schema: {
        tags: ['webhooks'],
        operationId: 'listWebhookEventTypes',
        security: publicSecurity,
        summary: 'The event catalogue: Portcullis lifecycle events and the platform’s own',
        response: { 200: z.object({ items: z.array(eventTypeSchema) }) },
      },
    },
    async () => ({ items: eventTypes(context) }),
  );

  app.post(
    endpointsPath,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'createWebhookEndpoint',
        summary: 'Register a webhook endpoint; its signing secret is in this response only',
        params: tenantParams,
        body: z.strictObject({
          url: urlSchema,
          events: eventFilters,
          mode: modeSchema
            .optional()
            .describe("Default: the caller's mode when it is confined to one (a test credential), else live"),
          description: descriptionSchema.optional(),
        }),
        response: { 201: endpointWithSecretSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createEndpoint(
        context,
        principalOf(request),
        request.params.tenantId,
        request.body,
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...presentEndpoint(created.endpoint), secret: created.secret });
    },
  );

  app.get(
    endpointsPath,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'listWebhookEndpoints',
        summary: "List a tenant's webhook endpoints, newest first (never a secret)",
        params: tenantParams,
        querystring: z.strictObject({
          ...pageQuery,
          mode: modeSchema.optional().describe('Only the endpoints of this mode'),
        }),
        response: { 200: pageOf(endpointSchema), ...errors },
      },
    },
    async (request) => {
      const page = await listEndpoints(context, principalOf(request), request.params.tenantId, request.query);
      return { items: page.items.map(presentEndpoint), nextCursor: page.nextCursor };
    },
  );

  app.get(
    `${endpointsPath}/:endpointId`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'getWebhookEndpoint',
        summary: 'Get a webhook endpoint (never its secret)',
        params: endpointParams,
        response: { 200: endpointSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, endpointId } = request.params;
      return presentEndpoint(await getEndpoint(context, principalOf(request), tenantId, endpointId));
    },
  );

  app.patch(
    `${endpointsPath}/:endpointId`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'updateWebhookEndpoint',
        summary: 'Change the URL, events or description, or disable or enable the endpoint',
        params: endpointParams,
        body: z.strictObject({
          url: urlSchema.optional(),
          events: eventFilters.optional(),
          description: descriptionSchema.optional(),
          disabled: z.boolean().optional().describe('Enabling forgets past failures'),
        }),
        response: { 200: endpointSchema, ...errors },
      },
    },
    async (request) => {
      const { tenantId, endpointId } = request.params;
      const updated = await updateEndpoint(context, principalOf(request), tenantId, endpointId, request.body);
      return presentEndpoint(updated);
    },
  );

  app.delete(
    `${endpointsPath}/:endpointId`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'deleteWebhookEndpoint',
        summary: 'Delete an endpoint and its deliveries; nothing more is sent to it',
        params: endpointParams,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, endpointId } = request.params;
      await deleteEndpoint(context, principalOf(request), tenantId, endpointId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${endpointsPath}/:endpointId/rotate-secret`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'rotateWebhookSecret',
        summary: 'A new signing secret, returned once; the previous one also signs for the grace period',
        params: endpointParams,
        body: z
          .strictObject({
            gracePeriodSeconds: z
              .number()
              .int()
              .min(0)
              .max(MAX_SECRET_GRACE_SECONDS)
              .default(DEFAULT_SECRET_GRACE_SECONDS),
          })
          // Fastify hands a request without a body to the schema as null: the default grace period.
          .nullish(),
        response: { 200: endpointWithSecretSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, endpointId } = request.params;
      const grace = request.body?.gracePeriodSeconds ?? DEFAULT_SECRET_GRACE_SECONDS;
      const rotated = await rotateEndpointSecret(context, principalOf(request), tenantId, endpointId, grace);
      reply.header('cache-control', 'no-store');
      return { ...presentEndpoint(rotated.endpoint), secret: rotated.secret };
    },
  );

  app.post(
    `${endpointsPath}/:endpointId/test`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'testWebhookEndpoint',
        summary: 'Send a `webhook.ping` event to the endpoint',
        params: endpointParams,
        response: { 202: deliverySchema, 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, endpointId } = request.params;
      const delivery = await sendTestEvent(context, principalOf(request), tenantId, endpointId);
      return reply.code(202).send(presentDelivery(delivery));
    },
  );

  app.get(
    `${endpointsPath}/:endpointId/deliveries`,
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's deliveries, newest first, with every attempt's status, latency and response",
        params: endpointParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: pageOf(deliverySchema), ...errors },
      },
    },
    async (request) => {
      const { tenantId, endpointId } = request.params;
      const page = await listDeliveries(context, principalOf(request), tenantId, endpointId, request.query);
      return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/webhooks/deliveries/:deliveryId/retry',
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'retryWebhookDelivery',
        summary: 'Attempt a delivery again now, with the same `webhook-id`',
        params: deliveryParams,
        response: { 202: deliverySchema, 409: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, deliveryId } = request.params;
      const delivery = await retryDelivery(context, principalOf(request), tenantId, deliveryId);
      return reply.code(202).send(presentDelivery(delivery));
    },
  );

  app.post(
    '/api/v1/tenants/:tenantId/events',
    {
      onRequest,
      schema: {
        tags: ['webhooks'],
        security,
        operationId: 'publishEvent',
        summary: "Publish one of the platform's event types to the tenant's endpoints of that mode",
        params: tenantParams,
        body: z.strictObject({
          type: z.string().max(128).regex(EVENT_TYPE_PATTERN, 'must be an event type'),
          mode: modeSchema,
          data: z.record(z.string(), z.unknown()),
        }),
        response: {
          202: z.object({
            id: z.string().describe('The `webhook-id` of its deliveries'),
            type: z.string(),
            mode: modeSchema,
            createdAt: timestamp,
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const published = await publishEvent(
        context,
        principalOf(request),
        request.params.tenantId,
        request.body,
      );
      return reply.code(202).send({ ...published, createdAt: toIso(published.createdAt) });
    },
  );
}
