import type { ServiceContext } from '../context.ts';

/** What one fetch gave, and how long it may be reused (0: not at all). */
export interface Fetched<T> {
  value: T;
  ttlMs: number;
}

export interface CachedFetch<T> {
  value: T;
  fetchedAt: number;
  expiresAt: number;
}

/**
 * What documents fetched from elsewhere gave, by URL, each for the time its fetch allowed: one fetch per URL at a
 * time, at most `maxEntries` remembered (the oldest goes first). Client metadata documents and clients' key sets
 * are cached this way, per node.
 */
export class FetchedCache<T> {
  readonly #entries = new Map<string, CachedFetch<T>>();
  readonly #inFlight = new Map<string, Promise<Fetched<T>>>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** What `url` gave last, while that is still in date at `now`. */
  get(url: string, now: number): CachedFetch<T> | undefined {
    const entry = this.#entries.get(url);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  /** Fetches `url` with `fetch`, or joins the fetch of it already under way. */
  load(url: string, fetch: () => Promise<Fetched<T>>): Promise<Fetched<T>> {
    let pending = this.#inFlight.get(url);
    if (!pending) {
      pending = fetch().finally(() => this.#inFlight.delete(url));
      this.#inFlight.set(url, pending);
    }
    return pending;
  }

  /** Remembers what a fetch of `url` gave at `now`, for as long as it may be reused. */
  remember(url: string, fetched: Fetched<T>, now: number): void {
    this.#entries.delete(url);
    if (fetched.ttlMs <= 0) return;
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(url, { value: fetched.value, fetchedAt: now, expiresAt: now + fetched.ttlMs });
  }
}

/** One of something per service context, that is per node (a test's nodes each have their own). */
export function perNode<T extends object>(create: () => T): (context: ServiceContext) => T {
  const made = new WeakMap<ServiceContext, T>();
  return (context) => {
    let existing = made.get(context);
    if (!existing) {
      existing = create();
      made.set(context, existing);
    }
    return existing;
  };
}
