import type { Config } from '../../config/load.ts';
import { lifecycleEventTypes } from '../../core/webhook-events.ts';
import type { Sealing } from '../sealing.ts';
import type { WebhookSender } from './sender.ts';

/** The window `ratelimit.exceeded` is sent at most once per key in: the rate limits' minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Notes held between two rounds of the delivery worker, at most. */
const MAX_RATE_LIMIT_NOTES = 100_000;

export interface RateLimitNote {
  tenantId: string;
  keyId: string;
  windowStart: number;
}

/** One entry of the event catalogue (`GET /api/v1/webhooks/event-types`). */
export interface EventTypeEntry {
  type: string;
  description: string;
  /** `portcullis`: a lifecycle event of Portcullis; `platform`: configured, published by the platform. */
  source: 'portcullis' | 'platform';
}

export interface WebhookSettings {
  /** Milliseconds before each retry; after the last, the delivery has failed. */
  retryScheduleMs: number[];
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  concurrency: number;
  perEndpointConcurrency: number;
  pollIntervalMs: number;
  disableAfterFailingMs: number;
  keyExpiringMs: number;
  /** Every event type, Portcullis' own first, by type. */
  catalogue: ReadonlyMap<string, EventTypeEntry>;
}

export function webhookSettingsFrom(config: Config): WebhookSettings {
  const { webhooks } = config;
  const catalogue = new Map<string, EventTypeEntry>();
  for (const [type, description] of Object.entries(lifecycleEventTypes)) {
    catalogue.set(type, { type, description, source: 'portcullis' });
  }
  for (const entry of webhooks.eventTypes) {
    catalogue.set(entry.type, { type: entry.type, description: entry.description, source: 'platform' });
  }
  return {
    retryScheduleMs: webhooks.retrySchedule.map((seconds) => Math.round(seconds * 1000)),
    timeoutMs: webhooks.timeoutMs,
    allowPrivateNetworks: webhooks.allowPrivateNetworks,
    concurrency: webhooks.concurrency,
    perEndpointConcurrency: webhooks.perEndpointConcurrency,
    pollIntervalMs: webhooks.pollIntervalMs,
    disableAfterFailingMs: Math.round(webhooks.disableAfterFailingDays * 86_400_000),
    keyExpiringMs: webhooks.keyExpiringDays * 86_400_000,
    catalogue,
  };
}

/**
 * What the webhook use cases share: settings, the sealing of endpoint secrets under the master key (each bound
 * to its endpoint id, so a sealed secret copied to another row does not open), the outbound sender, and a way to
 * wake this node's delivery worker after a commit.
 */
export class Webhooks {
  readonly settings: WebhookSettings;
  readonly sender: WebhookSender;
  readonly #sealing: Sealing;
  #wake: () => void = () => {};
  /** Per key, the rate-limit window it was last noted over the limit in; and the notes not yet written. */
  #rateLimitedWindow = new Map<string, number>();
  #rateLimited: RateLimitNote[] = [];

  constructor(options: {
    settings: WebhookSettings;
    sender: WebhookSender;
    sealing: Sealing;
  }) {
    this.settings = options.settings;
    this.sender = options.sender;
    this.#sealing = options.sealing;
  }

  sealSecret(endpointId: string, secret: string): string {
    return this.#sealing.seal(secret, `webhook-endpoint:${endpointId}`);
  }

  openSecret(endpointId: string, sealed: string): string | undefined {
    return this.#sealing.open(sealed, `webhook-endpoint:${endpointId}`);
  }

  /** The delivery worker of this node registers here. */
  onWake(listener: () => void): void {
    this.#wake = listener;
  }

  /** Work was committed: look for it now rather than at the next poll. */
  wake(): void {
    this.#wake();
  }

  /**
   * A key went over its rate limit (the verify hot path: a map lookup, no write). Noted once per key per
   * one-minute window, the rate limits' own; the delivery worker writes the `ratelimit.exceeded` events.
   */
  noteRateLimited(tenantId: string, keyId: string, now: number): void {
    const windowStart = now - (now % RATE_LIMIT_WINDOW_MS);
    if (this.#rateLimitedWindow.get(keyId) === windowStart) return;
    if (this.#rateLimitedWindow.size >= MAX_RATE_LIMIT_NOTES) this.#rateLimitedWindow.clear();
    this.#rateLimitedWindow.set(keyId, windowStart);
    if (this.#rateLimited.length < MAX_RATE_LIMIT_NOTES)
      this.#rateLimited.push({ tenantId, keyId, windowStart });
  }

  /** The rate-limit notes since the last call. */
  takeRateLimited(): RateLimitNote[] {
    const taken = this.#rateLimited;
    this.#rateLimited = [];
    return taken;
  }
}
