/**
 * Credentials in good standing (verified API keys and tokens, callers' keys and secrets, tenants), by what
 * was presented, so one in steady use skips the hash and the read. Correctness over speed: every write that
 * can change a verification (revoke, roll, tenant status or plan, …), by this process or any other (the CLI,
 * another server on the same SQLite file), moves the store's change counter, checked on every lookup; a moved
 * counter empties the cache, and a row read across a move is never stored. A store without a counter
 * (PostgreSQL) turns the cache off; shared invalidation belongs to the scale-out work. Time-based checks
 * (expiry, grace periods) run on the cached entry at each request, so they stay exact.
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
   * The change token to hand to `set` for a row about to be read: take it after a missed `get` and before
   * the read. A row read while the counter moved (a revocation committing meanwhile) is then not stored.
   */
  snapshot(): number | undefined {
    return this.#changeToken();
  }

  /**
   * Stores a row read since `snapshot`, unless the counter has moved since then: the row may predate that
   * write, and another request may already have emptied the cache for it. A full cache drops its oldest
   * entry (insertion order); a key evicted while in use costs one read to come back, where emptying the cache
   * whole would evict every key at once.
   */
  set(key: string, row: Row, snapshot: number | undefined): void {
    if (snapshot === undefined || this.#maxEntries === 0) return;
    if (this.#changeToken() !== snapshot || this.#token !== snapshot) return;
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
