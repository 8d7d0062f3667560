import { webhookHeaders } from '../../core/standard-webhooks.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { dispatchOutbox } from './dispatch.ts';
import { writeNotices } from './notices.ts';
import { type FinishedAttempt, judgeAttempt, writeAttempts } from './outcomes.ts';
import type { SendResult } from './sender.ts';

/** Outbox events read per dispatch transaction. */
const DISPATCH_BATCH = 500;
/** How long finished attempts wait to be written together. */
const FLUSH_DELAY_MS = 5;
/** Opened secrets kept in memory, at most. */
const OPENED_SECRETS = 10_000;
/** How long closing waits for attempts in flight. */
const CLOSE_GRACE_MS = 2000;
/** How often a node looks for keys expiring soon or just expired. */
const EXPIRY_SCAN_INTERVAL_MS = 60_000;

/**
 * Delivers webhooks off the request path. Each round dispatches new outbox events into deliveries, claims due
 * deliveries (up to `webhooks.concurrency` in flight on this node, `perEndpointConcurrency` per endpoint) for a
 * lease, and attempts them; finished attempts are written together, with each delivery's next state. Every
 * state lives in the database, so a node killed mid-attempt loses nothing: its claims lapse and the deliveries
 * are attempted again, with the same `webhook-id` (at least once).
 */
export class DeliveryWorker {
  readonly #context: ServiceContext;
  readonly #onError: (error: unknown) => void;
  readonly #inFlight = new Map<string, number>();
  readonly #attempts = new Set<Promise<void>>();
  #total = 0;
  /** Opened signing secrets by endpoint and sealed value (a rotation seals a new one), so each opens once. */
  readonly #opened = new Map<string, string | undefined>();
  #finished: FinishedAttempt[] = [];
  #flushing: Promise<void> | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  /** Whether the outbox may hold events to dispatch: after a commit here, on each poll, at the start. */
  #outboxWaiting = true;
  #round: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #stopListening: () => void = () => {};
  /** Rounds run by themselves once started; before that (tests) only `runOnce` runs one. */
  #started = false;
  /** When expiring keys were last looked for; at most once a minute. */
  #expiriesScannedAt = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(context: ServiceContext, onError: (error: unknown) => void = () => {}) {
    this.#context = context;
    this.#onError = onError;
  }

  /** Polls every `webhooks.pollIntervalMs`, and looks at once whenever this process commits an event. */
  start(): void {
    this.#started = true;
    this.#context.webhooks.onWake(() => this.#schedule());
    this.#stopListening = this.#context.store.onOutboxCommitted(() => {
      this.#outboxWaiting = true;
      this.#schedule();
    });
    this.#timer = setInterval(() => {
      // Other nodes' events are found by polling.
      this.#outboxWaiting = true;
      this.#schedule();
    }, this.#context.webhooks.settings.pollIntervalMs);
    this.#timer.unref();
    this.#schedule();
  }

  /** One round, waiting for its attempts and their writes: what tests drive with a controlled clock. */
  async runOnce(): Promise<void> {
    await this.#round;
    this.#outboxWaiting = true;
    await this.#runRound();
    await Promise.all([...this.#attempts]);
    await this.#flush();
  }

  /**
   * Stops claiming and writes the attempts that finish within `graceMs`. One still in flight then is left to
   * its lease: it is attempted again later, with the same `webhook-id`.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#context.webhooks.onWake(() => {});
    this.#stopListening();
    await this.#round;
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.#attempts]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
    await this.#flush();
  }

  #schedule(): void {
    if (this.#closed || !this.#started) return;
    if (this.#round) {
      this.#again = true;
      return;
    }
    this.#round = this.#runRound()
      .catch(this.#onError)
      .finally(() => {
        this.#round = undefined;
        if (this.#again) {
          this.#again = false;
          this.#schedule();
        }
      });
  }

  async #runRound(): Promise<void> {
    const { settings } = this.#context.webhooks;
    const now = this.#context.clock.now();
    const scanExpiries = now - this.#expiriesScannedAt >= EXPIRY_SCAN_INTERVAL_MS;
    if (scanExpiries) this.#expiriesScannedAt = now;
    await writeNotices(this.#context, scanExpiries);
    if (this.#outboxWaiting) {
      this.#outboxWaiting = false;
      while ((await dispatchOutbox(this.#context, DISPATCH_BATCH)) === DISPATCH_BATCH) {}
    }
    const free = settings.concurrency - this.#total;
    if (free <= 0) return;
    const claimed = await this.#context.store.webhookDeliveries.claimDue(
      now,
      now + 2 * settings.timeoutMs + 5000,
      free,
      (endpointId) => settings.perEndpointConcurrency - (this.#inFlight.get(endpointId) ?? 0),
    );
    if (claimed.length === 0) return;
    if (claimed.length === free) this.#again = true;
    const endpoints = new Map(
      (await this.#context.store.webhookEndpoints.byIds([...new Set(claimed.map((d) => d.endpointId))])).map(
        (endpoint) => [endpoint.id, endpoint],
      ),
    );
    const orphans: string[] = [];
    for (const delivery of claimed) {
      const endpoint = endpoints.get(delivery.endpointId);
      if (!endpoint || endpoint.disabledAt !== null) orphans.push(delivery.id);
      else this.#attempt(delivery, endpoint);
    }
    await this.#context.store.webhookDeliveries.abandon(orphans, now);
  }

  #attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint): void {
    this.#total += 1;
    this.#inFlight.set(endpoint.id, (this.#inFlight.get(endpoint.id) ?? 0) + 1);
    const attempt = this.#send(delivery, endpoint)
      .then((finished) => {
        this.#finished.push(finished);
      })
      .catch(this.#onError)
      .finally(() => {
        this.#total -= 1;
        const left = (this.#inFlight.get(endpoint.id) ?? 1) - 1;
        if (left === 0) this.#inFlight.delete(endpoint.id);
        else this.#inFlight.set(endpoint.id, left);
        this.#attempts.delete(attempt);
        this.#flushSoon();
      });
    this.#attempts.add(attempt);
  }

  async #send(delivery: WebhookDelivery, endpoint: WebhookEndpoint): Promise<FinishedAttempt> {
    const { webhooks, clock } = this.#context;
    const started = clock.now();
    const secrets = [this.#open(endpoint.id, endpoint.secretSealed)];
    if (
      endpoint.previousSecretSealed !== null &&
      endpoint.previousSecretExpiresAt !== null &&
      endpoint.previousSecretExpiresAt > started
    ) {
      secrets.push(this.#open(endpoint.id, endpoint.previousSecretSealed));
    }
    const opened = secrets.filter((secret) => secret !== undefined);
    let result: SendResult;
    if (opened.length === 0) {
      result = {
        statusCode: null,
        retryAfterMs: null,
        excerpt: null,
        error: 'the signing secret does not open',
        latencyMs: 0,
      };
    } else {
      result = await webhooks.sender.send({
        url: endpoint.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Portcullis-Webhooks/1',
          // A fresh timestamp and signature on every attempt; the id stays the message's.
          ...webhookHeaders(opened, delivery.messageId, Math.floor(started / 1000), delivery.payload),
        },
        body: delivery.payload,
        timeoutMs: webhooks.settings.timeoutMs,
      });
    }
    return judgeAttempt(this.#context, delivery, endpoint, started, result);
  }

  #open(endpointId: string, sealed: string): string | undefined {
    const key = `${endpointId} ${sealed}`;
    if (this.#opened.has(key)) return this.#opened.get(key);
    if (this.#opened.size >= OPENED_SECRETS) this.#opened.clear();
    const secret = this.#context.webhooks.openSecret(endpointId, sealed);
    this.#opened.set(key, secret);
    return secret;
  }

  /**
   * Finished attempts are written a few milliseconds after the first of them finished, together: one
   * transaction for a batch of attempts rather than one each.
   */
  #flushSoon(): void {
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      void this.#flush().catch(this.#onError);
    }, FLUSH_DELAY_MS);
  }

  /** Writes every finished attempt so far in one transaction; one flush at a time, the next takes the rest. */
  async #flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#finished.length === 0) return;
    const batch = this.#finished;
    this.#finished = [];
    this.#flushing = writeAttempts(this.#context, batch).finally(() => {
      this.#flushing = undefined;
    });
    await this.#flushing;
    this.#schedule();
  }
}
