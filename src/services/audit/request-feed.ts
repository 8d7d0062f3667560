import { type Clock, systemClock } from '../../core/clock.ts';
import {
  type ActivityRecord,
  bucketStartOf,
  latestAt,
  type PackedRequests,
  RequestBatch,
  type RequestRecord,
  type Store,
  unpackRequests,
} from '../../store/index.ts';
import { type FailureEvent, FailureLog } from './failure-log.ts';
import { StampWindow } from './stamp-window.ts';

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
  /** Last-used stamps: the open window, closed windows being written (oldest first), failed writes. */
  #window: StampWindow | undefined;
  #closed: StampWindow[] = [];
  #retry = new Map<string, number>();
  #activities: ActivityRecord[] = [];
  readonly #failures = new FailureLog((activity) => this.#activities.push(activity));
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  /** Rows of the flush under way, for the backlog. */
  #writingRows = 0;
  #failedWrites = 0;
  /** The newest minute of the rows handed to the writer whose usage counts it may still hold (decision 030). */
  #usageHeld: number | undefined;

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

  /** Refusals worth an activity row, gathered into one row per kind per minute (see FailureLog). */
  recordFailure(event: FailureEvent, at: number): void {
    this.#failures.record(event, at);
  }

  #stampLastUsed(keyId: string, at: number): void {
    let window = this.#window;
    if (!window || at - window.opened >= LAST_USED_RESOLUTION_MS) {
      if (window) this.#closed.push(window);
      window = new StampWindow(at);
      this.#window = window;
    }
    window.stamp(keyId, at);
  }

  /** A key's last use recorded here and not yet written, if any. */
  lastUsedOf(keyId: string): number | undefined {
    const open = this.#window?.lastUsedOf(keyId);
    if (open !== undefined) return open;
    for (let i = this.#closed.length - 1; i >= 0; i--) {
      const closed = this.#closed[i]?.lastUsedOf(keyId);
      if (closed !== undefined) return closed;
    }
    return this.#retry.get(keyId);
  }

  /**
   * The stamps this flush writes: those of a failed flush, then up to `STAMPS_PER_FLUSH` from closed
   * windows, oldest first (all of them when `all`). Returns the windows it finished handing out.
   */
  #takeStamps(all: boolean): { stamps: Map<string, number>; finished: StampWindow[] } {
    const stamps = this.#retry;
    this.#retry = new Map();
    const finished: StampWindow[] = [];
    const limit = all ? Number.POSITIVE_INFINITY : STAMPS_PER_FLUSH;
    for (const window of this.#closed) {
      if (stamps.size >= limit) break;
      if (window.takeInto(stamps, limit)) break;
      finished.push(window);
    }
    return { stamps, finished };
  }

  get pending(): number {
    return this.#requests.count;
  }

  /** Rows recorded and not yet written: those buffered and those of the write under way (`/metrics`). */
  get backlog(): number {
    return this.#requests.count + this.#writingRows;
  }

  /** Flushes that failed (their rows kept for the next one) since start (`/metrics`). */
  get failedWrites(): number {
    return this.#failedWrites;
  }

  /**
   * Writes the buffered rows and activity, due last-used stamps (a window a minute old; every stamp when
   * `allStamps`, as on close) and the usage counts of closed minutes (every count when `allUsage`: a usage
   * read, close). Concurrent calls share one flush at a time.
   */
  async flush(allStamps = false, allUsage = allStamps): Promise<void> {
    while (this.#flushing) await this.#flushing;
    const window = this.#window;
    const now = (this.#options.clock ?? systemClock).now();
    const usageDueBefore = allUsage ? Number.POSITIVE_INFINITY : bucketStartOf(now, 'minute');
    const usageDue = this.#usageHeld !== undefined && this.#usageHeld < usageDueBefore;
    if (allStamps || this.#failures.due(now)) this.#failures.drain();
    if (window && (allStamps || now - window.opened >= LAST_USED_RESOLUTION_MS)) {
      this.#closed.push(window);
      this.#window = undefined;
    }
    const stampsWaiting = this.#closed.length > 0 || this.#retry.size > 0;
    if (this.#requests.count === 0 && !stampsWaiting && this.#activities.length === 0 && !usageDue) return;
    const requests = this.#requests.take();
    const { stamps: lastUsed, finished } = this.#takeStamps(allStamps);
    const activities = this.#activities;
    this.#activities = [];
    this.#writingRows = requests.count;
    this.#flushing = (async () => {
      try {
        await this.#store.feedWriter.write(requests, lastUsed, activities, usageDueBefore);
        // Every row handed over so far is of this minute or older: the writer holds no count once those are due.
        const held = Math.max(this.#usageHeld ?? Number.NEGATIVE_INFINITY, latestAt(requests));
        this.#usageHeld = held >= usageDueBefore ? bucketStartOf(held, 'minute') : undefined;
      } catch (error) {
        this.#failedWrites += 1;
        // Keep the rows for the next attempt rather than lose the feed.
        this.#requeue(requests);
        this.#activities = activities.concat(this.#activities);
        for (const [id, at] of lastUsed) if (!this.#retry.has(id)) this.#retry.set(id, at);
        this.#options.onError?.(error);
      } finally {
        // Their stamps are written, or waiting in #retry.
        this.#closed = this.#closed.filter((window) => !finished.includes(window));
        this.#writingRows = 0;
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

  /** Writes everything buffered, gathered refusals included: what a reader of the activity feed needs. */
  async flushForRead(): Promise<void> {
    this.#failures.drain();
    await this.flush();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush(true);
  }
}
