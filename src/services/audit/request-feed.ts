import {
  type ActivityRecord,
  type PackedRequests,
  RequestBatch,
  type RequestRecord,
  type Store,
  unpackRequests,
} from '../../store/index.ts';

/** `lastUsedAt` is exact to this much. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface RequestFeedOptions {
  flushIntervalMs: number;
  /** Flush early once this many rows wait. */
  maxBuffered?: number;
  onError?: (error: unknown) => void;
}

/**
 * Buffers request-feed rows and last-used stamps from the verify path, which never writes to the database
 * itself, and flushes them in the background. `close()` flushes what is left, for a clean shutdown.
 */
export class RequestFeed {
  readonly #store: Pick<Store, 'feedWriter'>;
  readonly #options: RequestFeedOptions;
  #requests = new RequestBatch();
  #lastUsed = new Map<string, number>();
  #activities: ActivityRecord[] = [];
  /** When each key's stamp was last queued, for the once-a-minute rule. */
  readonly #stampedAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;

  constructor(store: Pick<Store, 'feedWriter'>, options: RequestFeedOptions) {
    this.#store = store;
    this.#options = options;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), this.#options.flushIntervalMs);
    this.#timer.unref();
  }

  record(record: RequestRecord, apiKeyUsed: boolean): void {
    this.#requests.append(record);
    if (apiKeyUsed) this.#stampLastUsed(record.credentialId, record.at);
    if (this.#requests.count >= (this.#options.maxBuffered ?? 5000)) void this.flush();
  }

  /** High-rate activity (token issuance) goes through the same buffer; readers flush first. */
  recordActivity(activity: ActivityRecord): void {
    this.#activities.push(activity);
  }

  /**
   * A key's last-used time is written at most once a minute: a key in steady use would otherwise rewrite
   * its row on every flush. The first use is always written.
   */
  #stampLastUsed(keyId: string, at: number): void {
    const written = this.#stampedAt.get(keyId);
    if (written !== undefined && at - written < LAST_USED_RESOLUTION_MS) return;
    // Bounded by dropping the oldest entry: that key's next use is stamped again, one write.
    if (written === undefined && this.#stampedAt.size >= 100_000) {
      const oldest = this.#stampedAt.keys().next();
      if (!oldest.done) this.#stampedAt.delete(oldest.value);
    }
    this.#stampedAt.delete(keyId);
    this.#stampedAt.set(keyId, at);
    this.#lastUsed.set(keyId, at);
  }

  get pending(): number {
    return this.#requests.count;
  }

  /** Writes everything buffered so far; concurrent calls share one flush at a time. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#requests.count === 0 && this.#lastUsed.size === 0 && this.#activities.length === 0) return;
    const requests = this.#requests.take();
    const lastUsed = this.#lastUsed;
    const activities = this.#activities;
    this.#lastUsed = new Map();
    this.#activities = [];
    this.#flushing = (async () => {
      try {
        await this.#store.feedWriter.write(requests, lastUsed, activities);
      } catch (error) {
        // Keep the rows for the next attempt rather than lose the feed.
        this.#requeue(requests);
        this.#activities = activities.concat(this.#activities);
        for (const [id, at] of lastUsed) if (!this.#lastUsed.has(id)) this.#lastUsed.set(id, at);
        this.#options.onError?.(error);
      } finally {
        this.#flushing = undefined;
      }
    })();
    await this.#flushing;
  }

  /** Puts a failed flush's rows back in front of those recorded since. */
  #requeue(failed: PackedRequests): void {
    const since = unpackRequests(this.#requests.take());
    for (const record of unpackRequests(failed)) this.#requests.append(record);
    for (const record of since) this.#requests.append(record);
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
