import { attemptVerdict, retryDelayMs } from '../../core/webhook-retry.ts';
import type { AttemptOutcome, WebhookDelivery, WebhookEndpoint } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import { systemActor } from '../audit/actor.ts';
import type { ServiceContext } from '../context.ts';
import type { SendResult } from './sender.ts';

/** The longest `Retry-After` honoured: one day. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/** An attempt as it ended, to be written with its delivery's next state and its endpoint's standing. */
export interface FinishedAttempt {
  outcome: AttemptOutcome;
  endpoint: WebhookEndpoint;
  verdict: 'delivered' | 'gone' | 'failed';
}

/** A random number in [0, 1) from the context's random source, to place the jitter. */
function randomUnit(context: ServiceContext): number {
  const bytes = context.random.bytes(4);
  const value = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return (value >>> 0) / 2 ** 32;
}

/**
 * What an attempt comes to: delivered (2xx); gone (410: failed, and the endpoint disabled); or failed and
 * retried after `Retry-After` (a 429 or 503 that sent one) or the schedule's next delay, until it is spent.
 */
export function judgeAttempt(
  context: ServiceContext,
  delivery: WebhookDelivery,
  endpoint: WebhookEndpoint,
  at: number,
  result: SendResult,
): FinishedAttempt {
  const verdict = attemptVerdict(result.statusCode);
  let status: AttemptOutcome['status'] = 'succeeded';
  let nextAttemptAt: number | null = null;
  if (verdict !== 'delivered') {
    const scheduled = retryDelayMs(
      context.webhooks.settings.retryScheduleMs,
      delivery.attempts + 1,
      randomUnit(context),
    );
    status = verdict === 'gone' || scheduled === undefined ? 'failed' : 'pending';
    if (scheduled !== undefined && status === 'pending') {
      const wait =
        result.retryAfterMs !== null ? Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS) : scheduled;
      nextAttemptAt = context.clock.now() + wait;
    }
  }
  return {
    verdict,
    endpoint,
    outcome: {
      deliveryId: delivery.id,
      status,
      nextAttemptAt,
      attempt: {
        attemptedAt: at,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseExcerpt: result.excerpt,
        error: result.error,
      },
    },
  };
}

/**
 * Writes finished attempts in one unit of work: the attempts, their deliveries' next states, and each
 * endpoint's failing streak (its last verdict in the batch decides). An endpoint that answered 410, or whose
 * deliveries have failed for `webhooks.disableAfterFailingDays`, is disabled, with an `endpoint.disabled` row.
 */
export async function writeAttempts(
  context: ServiceContext,
  batch: readonly FinishedAttempt[],
): Promise<void> {
  const now = context.clock.now();
  const { disableAfterFailingMs } = context.webhooks.settings;
  const last = new Map<string, FinishedAttempt>();
  for (const finished of batch) last.set(finished.endpoint.id, finished);
  await context.store.unitOfWork(async (unit) => {
    await unit.webhookDeliveries.complete(
      batch.map((finished) => finished.outcome),
      now,
    );
    for (const { endpoint, verdict } of last.values()) {
      await unit.webhookEndpoints.recordOutcome(endpoint.id, verdict === 'delivered', now);
      const failingFor = endpoint.failingSince === null ? 0 : now - endpoint.failingSince;
      const reason =
        verdict === 'gone'
          ? 'gone'
          : verdict === 'failed' && endpoint.failingSince !== null && failingFor >= disableAfterFailingMs
            ? 'failing'
            : undefined;
      if (reason && (await unit.webhookEndpoints.disable(endpoint.id, reason, now))) {
        await recordActivity(unit, systemActor, now, {
          tenantId: endpoint.tenantId,
          action: 'endpoint.disabled',
          targetType: 'webhook_endpoint',
          targetId: endpoint.id,
          mode: endpoint.mode,
          details: { reason },
        });
      }
    }
  });
}
