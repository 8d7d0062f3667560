import type { Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { authorize, requireMode } from '../access/policy.ts';
import type { Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant } from '../tenants/manage.ts';
import type { EventTypeEntry } from './settings.ts';

export interface PublishEventInput {
  type: string;
  mode: Mode;
  data: Record<string, unknown>;
}

export interface PublishedEvent {
  /** The `webhook-id` every delivery of this event carries. */
  id: string;
  type: string;
  mode: Mode;
  createdAt: number;
}

/** The event catalogue: Portcullis' lifecycle events, then the platform's configured ones. */
export function eventTypes(context: ServiceContext): EventTypeEntry[] {
  return [...context.webhooks.settings.catalogue.values()];
}

/**
 * Publishes one of the platform's own events (a type from `webhooks.eventTypes`) to a tenant's endpoints of
 * `mode`. It is written to the outbox in a unit of work and delivered from there like Portcullis' own events.
 */
export async function publishEvent(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: PublishEventInput,
): Promise<PublishedEvent> {
  authorize(context, principal, { tenantId, permission: 'manage:webhooks' });
  requireMode(context, principal, input.mode);
  if (context.webhooks.settings.catalogue.get(input.type)?.source !== 'platform') {
    throw new PortcullisError(
      'validation_failed',
      `"${input.type}" is not one of the platform's event types`,
      {
        extensions: { field: 'type' },
      },
    );
  }
  await activeTenant(context, tenantId);
  const now = context.clock.now();
  const id = newId('webhookMessage', context.random);
  await context.store.unitOfWork((unit) =>
    unit.outbox.append({
      type: input.type,
      tenantId,
      mode: input.mode,
      payload: input.data,
      createdAt: now,
      messageId: id,
    }),
  );
  context.webhooks.wake();
  return { id, type: input.type, mode: input.mode, createdAt: now };
}
