import { type Clock, systemClock } from '../../core/clock.ts';
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

/** Last-used stamps written per flush at most: a window of a million keys drains over several flushes. */
const STAMPS_PER_FLUSH = 10_000;

export interface RequestFeedOptions {
  flushIntervalMs: number;
  /** The clock the recorded times come from: it decides when a stamp window is a minute old. */
  clock?: Clock;
  /** Flush early once this many rows wait. */
  maxBuffered?: number;
  onError?: (error: unknown) => void;
}

/**
 * Buffers request-feed rows and last-used stamps from the verify path, which never writes to the database
 * itself, and flushes them in the background. `close()` flushes what is left, for a clean shutdown.
 *
 * Last-used stamps are gathered in windows of a minute: a key's first use in a window is its stamp, and a
 * window is written once it is a minute old. A key in steady use costs one write a minute, and a million keys
 * each used once cost one write per key a minute, in large batches, rather than one per flush, each on its
 * own page. Until written, a stamp is seen through `lastUsedOf` by this process; other processes see it up
 * to a minute late.
 */
export class RequestFeed {
  readonly #store: Pick<Store, 'feedWriter'>;
  readonly #options: RequestFeedOptions;
  #requests = new RequestBatch();
  /** The open window: key id → its first use in the window, in ms after the window opened (small integers). */
  #window = new Map<string, number>();
  #windowOpened = 0;
  /** Stamps of closed windows, waiting to be written. */
  #due = new Map<string, number>();
  #activities: ActivityRecord[] = [];
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

  #stampLastUsed(keyId: string, at: number): void {
    if (this.#window.size === 0) this.#windowOpened = at;
    else if (at - this.#windowOpened >= LAST_USED_RESOLUTION_MS) {
      this.#closeWindow();
      this.#windowOpened = at;
    }
    if (!this.#window.has(keyId)) this.#window.set(keyId, at - this.#windowOpened);
  }

  #closeWindow(): void {
    const opened = this.#windowOpened;
    for (const [keyId, offset] of this.#window) this.#due.set(keyId, opened + offset);
    this.#window = new Map();
  }

  /** A key's last use recorded here and not yet written, if any. */
  lastUsedOf(keyId: string): number | undefined {
    const offset = this.#window.get(keyId);
    return offset === undefined ? this.#due.get(keyId) : this.#windowOpened + offset;
  }

  /** Up to `STAMPS_PER_FLUSH` due stamps, taken out of the queue; every one of them when `all`. */
  #takeDue(all: boolean): Map<string, number> {
    if (all || this.#due.size <= STAMPS_PER_FLUSH) {
      const due = this.#due;
      this.#due = new Map();
      return due;
    }
    const taken = new Map<string, number>();
    for (const [keyId, at] of this.#due) {
      taken.set(keyId, at);
      this.#due.delete(keyId);
      if (taken.size === STAMPS_PER_FLUSH) break;
    }
    return taken;
  }

  get pending(): number {
    return this.#requests.count;
  }

  /**
   * Writes the buffered rows and activity, and due last-used stamps (a window a minute old; every stamp
   * when `allStamps`, as on close). Concurrent calls share one flush at a time.
   */
  async flush(allStamps = false): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (
      this.#window.size > 0 &&
      (allStamps ||
        (this.#options.clock ?? systemClock).now() - this.#windowOpened >= LAST_USED_RESOLUTION_MS)
    ) {
      this.#closeWindow();
    }
    if (this.#requests.count === 0 && this.#due.size === 0 && this.#activities.length === 0) return;
    const requests = this.#requests.take();
    const lastUsed = this.#takeDue(allStamps);
    const activities = this.#activities;
    this.#activities = [];
    this.#flushing = (async () => {
      try {
        await this.#store.feedWriter.write(requests, lastUsed, activities);
      } catch (error) {
        // Keep the rows for the next attempt rather than lose the feed.
        this.#requeue(requests);
        this.#activities = activities.concat(this.#activities);
        for (const [id, at] of lastUsed) if (!this.#due.has(id)) this.#due.set(id, at);
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
    await this.flush(true);
  }
}
