import { z } from 'zod';
import type { DeliveryWithAttempts, WebhookEndpoint } from '../../store/index.ts';
import { modeSchema, nullableTimestamp, timestamp, toIso } from '../schemas.ts';

/** How the webhook routes show endpoints, deliveries and event types (never a secret but on create and rotate). */
export const endpointSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  url: z.string(),
  description: z.string(),
  mode: modeSchema.describe('The endpoint receives events of this mode only'),
  events: z.array(z.string()).describe('Event types and prefix patterns (`key.*`, `*`) it subscribes to'),
  disabled: z.boolean(),
  disabledAt: nullableTimestamp,
  disabledReason: z
    .string()
    .nullable()
    .describe('`manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long)'),
  previousSecretExpiresAt: nullableTimestamp.describe(
    'Until then, after a rotation, deliveries are signed with the previous secret too',
  ),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const endpointWithSecretSchema = endpointSchema.extend({
  secret: z.string().describe('The `whsec_…` signing secret. Shown once, in this response only.'),
});

const attemptSchema = z.object({
  attemptedAt: timestamp,
  statusCode: z.number().int().nullable().describe('null: no response (refused, timed out, address refused)'),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable().describe('The first 1 KiB of the response body'),
  error: z.string().nullable(),
});

export const deliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  eventId: z.string().describe('The `webhook-id` header: the same on every attempt'),
  eventType: z.string(),
  mode: modeSchema,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attemptCount: z.number().int(),
  nextAttemptAt: nullableTimestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  attempts: z.array(attemptSchema),
});

export const eventTypeSchema = z.object({
  type: z.string(),
  description: z.string(),
  source: z.enum(['portcullis', 'platform']),
});

export function presentEndpoint(endpoint: WebhookEndpoint): z.infer<typeof endpointSchema> {
  return {
    id: endpoint.id,
    tenantId: endpoint.tenantId,
    url: endpoint.url,
    description: endpoint.description,
    mode: endpoint.mode,
    events: endpoint.events,
    disabled: endpoint.disabledAt !== null,
    disabledAt: toIso(endpoint.disabledAt),
    disabledReason: endpoint.disabledReason,
    previousSecretExpiresAt: toIso(endpoint.previousSecretExpiresAt),
    createdAt: toIso(endpoint.createdAt),
    updatedAt: toIso(endpoint.updatedAt),
  };
}

export function presentDelivery(delivery: DeliveryWithAttempts): z.infer<typeof deliverySchema> {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.messageId,
    eventType: delivery.eventType,
    mode: delivery.mode,
    status: delivery.status,
    attemptCount: delivery.attempts,
    nextAttemptAt: toIso(delivery.status === 'pending' ? delivery.nextAttemptAt : null),
    createdAt: toIso(delivery.createdAt),
    updatedAt: toIso(delivery.updatedAt),
    attempts: delivery.attemptLog.map((attempt) => ({ ...attempt, attemptedAt: toIso(attempt.attemptedAt) })),
  };
}
