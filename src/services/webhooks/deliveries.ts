import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DeliveryWithAttempts, Page, PageRequest, WebhookDelivery } from '../../store/index.ts';
import { authorize, requireMode, seesMode } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { visibleEndpoint } from './endpoints.ts';
import { messageBody } from './message.ts';

function deliveryNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'webhook delivery not found');
}

/** An endpoint's deliveries, newest first, each with its attempts (status, latency, response excerpt). */
export async function listDeliveries(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
  page: PageRequest,
): Promise<Page<DeliveryWithAttempts>> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks', read: true });
  await visibleEndpoint(context, principal, tenantId, endpointId);
  return context.store.webhookDeliveries.listForEndpoint(tenantId, endpointId, page);
}

/** Queues a delivery again at once, with the same `webhook-id` (and a fresh timestamp and signature). */
export async function retryDelivery(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  deliveryId: string,
): Promise<DeliveryWithAttempts> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const delivery = await context.store.webhookDeliveries.get(tenantId, deliveryId);
  if (!delivery || !seesMode(principal, delivery.mode)) throw deliveryNotFound();
  requireMode(context, principal, delivery.mode);
  const endpoint = await visibleEndpoint(context, principal, tenantId, delivery.endpointId);
  if (endpoint.disabledAt !== null) {
    throw new PortcullisError('conflict', 'the endpoint is disabled; enable it before retrying');
  }
  const now = context.clock.now();
  if (!(await context.store.webhookDeliveries.retry(tenantId, deliveryId, now))) throw deliveryNotFound();
  context.webhooks.wake();
  return { ...delivery, status: 'pending', nextAttemptAt: now, updatedAt: now };
}

/** Sends a `webhook.ping` to one endpoint, whatever it subscribes to. */
export async function sendTestEvent(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  endpointId: string,
): Promise<DeliveryWithAttempts> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  const endpoint = await visibleEndpoint(context, principal, tenantId, endpointId);
  requireMode(context, principal, endpoint.mode);
  if (endpoint.disabledAt !== null) {
    throw new PortcullisError('conflict', 'the endpoint is disabled; enable it before testing it');
  }
  const now = context.clock.now();
  const messageId = newId('webhookMessage', context.random);
  const delivery: WebhookDelivery = {
    id: newId('webhookDelivery', context.random),
    tenantId,
    endpointId,
    messageId,
    eventType: 'webhook.ping',
    mode: endpoint.mode,
    payload: messageBody({
      messageId,
      type: 'webhook.ping',
      createdAt: now,
      mode: endpoint.mode,
      tenantId,
      data: { endpointId },
    }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await context.store.webhookDeliveries.insertMany([delivery]);
  context.webhooks.wake();
  return { ...delivery, attemptLog: [] };
}
