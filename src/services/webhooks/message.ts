import type { Mode } from '../../core/credential-format.ts';

/**
 * The body of a webhook message, the same for every endpoint and attempt: the Standard Webhooks payload shape
 * (`type`, `timestamp`, `data`) plus the event's id (its `webhook-id`), mode and tenant.
 */
export function messageBody(event: {
  messageId: string;
  type: string;
  createdAt: number;
  mode: Mode;
  tenantId: string;
  data: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: event.messageId,
    type: event.type,
    timestamp: new Date(event.createdAt).toISOString(),
    mode: event.mode,
    tenantId: event.tenantId,
    data: event.data,
  });
}
