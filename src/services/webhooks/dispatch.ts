import { newId } from '../../core/ids.ts';
import { subscribesTo } from '../../core/webhook-events.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { messageBody } from './message.ts';

/**
 * Turns outbox events into deliveries, in one transaction: each catalogued event of a tenant goes to that
 * tenant's enabled endpoints of the event's mode that subscribe to its type (an event without a mode, such as
 * a plan change, is a live event), and the events are marked dispatched. On PostgreSQL the events are locked
 * with SKIP LOCKED, so two nodes never dispatch the same one. Returns how many events were read.
 */
export async function dispatchOutbox(context: ServiceContext, limit: number): Promise<number> {
  const { catalogue } = context.webhooks.settings;
  // A read outside a transaction first: most looks find nothing, and need not take the write lock.
  if (!(await context.store.webhookDeliveries.anyUndispatched())) return 0;
  return context.store.unitOfWork(async (unit) => {
    const events = await unit.webhookDeliveries.undispatched(limit);
    if (events.length === 0) return 0;
    const now = context.clock.now();
    const endpointsOf = new Map<string, Promise<WebhookEndpoint[]>>();
    const deliveries: WebhookDelivery[] = [];
    for (const event of events) {
      if (event.tenantId === null || !catalogue.has(event.type)) continue;
      const { tenantId } = event;
      const mode = event.mode ?? 'live';
      const key = `${tenantId} ${mode}`;
      let found = endpointsOf.get(key);
      if (!found) {
        found = unit.webhookEndpoints.enabled(tenantId, mode);
        endpointsOf.set(key, found);
      }
      const targets = (await found).filter((endpoint) => subscribesTo(endpoint.events, event.type));
      if (targets.length === 0) continue;
      const messageId = event.messageId ?? newId('webhookMessage', context.random);
      const payload = messageBody({
        messageId,
        type: event.type,
        createdAt: event.createdAt,
        mode,
        tenantId,
        data: event.payload,
      });
      for (const endpoint of targets) {
        deliveries.push({
          id: newId('webhookDelivery', context.random),
          tenantId,
          endpointId: endpoint.id,
          messageId,
          eventType: event.type,
          mode,
          payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await unit.webhookDeliveries.insertMany(deliveries);
    await unit.webhookDeliveries.markDispatched(
      events.map((event) => event.id),
      now,
    );
    return events.length;
  });
}
