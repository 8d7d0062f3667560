/**
 * Recently verified API keys' rows, by the presented key, so a key in steady use skips the joined read.
 * Correctness over speed: every write that can change a verification (revoke, roll, tenant status or
 * plan), by this process or any other (the CLI, another server on the same SQLite file), moves the store's
 * change counter, read on every lookup; a moved counter empties the cache. A store without a counter
 * (PostgreSQL) turns the cache off; shared invalidation belongs to the scale-out work. Time-based checks
 * (expiry, grace periods) run on the cached row at each request, so they stay exact.
 */
export class KeyRowCache<Row> {
  readonly #rows = new Map<string, Row>();
  readonly #changeToken: () => number | undefined;
  readonly #maxEntries: number;
  #token: number | undefined;

  constructor(changeToken: () => number | undefined, maxEntries: number) {
    this.#changeToken = changeToken;
    this.#maxEntries = maxEntries;
  }

  get(key: string): Row | undefined {
    const token = this.#changeToken();
    if (token === undefined) return undefined;
    if (token !== this.#token) {
      this.#rows.clear();
      this.#token = token;
      return undefined;
    }
    return this.#rows.get(key);
  }

  /**
   * A full cache drops its oldest entry (a Map keeps insertion order), so credentials in steady use stay
   * cached when more distinct ones pass through than it holds; emptying it whole would evict them all at once.
   */
  set(key: string, row: Row): void {
    if (this.#token === undefined || this.#maxEntries === 0) return;
    if (this.#rows.size >= this.#maxEntries && !this.#rows.has(key)) {
      const oldest = this.#rows.keys().next();
      if (!oldest.done) this.#rows.delete(oldest.value);
    }
    this.#rows.set(key, row);
  }

  clear(): void {
    this.#rows.clear();
  }

  get size(): number {
    return this.#rows.size;
  }
}
