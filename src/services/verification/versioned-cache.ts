import { isPromise, type MaybePromise } from '../../core/maybe-promise.ts';

export interface VersionedCacheOptions {
  /** Entries kept at most; 0 turns the cache off. */
  maxEntries: number;
  /**
   * Keep a value only on its second load within a while (a small bit filter): with many credentials each used
   * once, caching on the first load would fill the cache with entries never hit again.
   */
  admitOnSecondLoad?: boolean;
}

/** Bits of the admission filter; emptied once an eighth could be set, which keeps false positives near 1%. */
const FILTER_BITS = 1 << 23;

/**
 * Values in good standing (verified keys and tokens, callers' credentials, tenants) by what was presented,
 * kept only while the invalidation bus's version stays where it was when they were loaded. Every write that
 * can change a verification, by this process or another, moves the version: the cache then empties, and a
 * value loaded across a move is never kept (the load may predate that write). While the version cannot be
 * confirmed (undefined) nothing is answered from memory. Time-based checks (expiry, grace periods) are the
 * caller's, on every request, so they stay exact.
 */
export class VersionedCache<V> {
  /**
   * Lookups so far, for `/metrics`: answered from memory (`hit`), loaded (`miss`), or loaded because the
   * version could not be confirmed (`bypass`). Plain numbers: a lookup pays an increment, nothing more.
   */
  readonly lookups = { hit: 0, miss: 0, bypass: 0 };
  readonly #version: () => number | undefined;
  readonly #maxEntries: number;
  readonly #rows = new Map<string, V>();
  #held: number | undefined;
  readonly #filter: Uint8Array | undefined;
  #filterMarks = 0;

  constructor(version: () => number | undefined, options: VersionedCacheOptions) {
    this.#version = version;
    this.#maxEntries = options.maxEntries;
    this.#filter = options.admitOnSecondLoad ? new Uint8Array(FILTER_BITS / 8) : undefined;
  }

  /**
   * The value for `key`: from memory when held at the current version, else from `load` (now, or later when
   * it must wait). `undefined` from `load` means "no such thing" and is never kept.
   */
  getOrLoad(key: string, load: () => MaybePromise<V | undefined>): MaybePromise<V | undefined> {
    const version = this.#version();
    if (version === undefined) {
      this.lookups.bypass += 1;
      return load();
    }
    if (version !== this.#held) {
      this.#rows.clear();
      this.#held = version;
    } else {
      const hit = this.#rows.get(key);
      if (hit !== undefined) {
        this.lookups.hit += 1;
        return hit;
      }
    }
    this.lookups.miss += 1;
    const loaded = load();
    return isPromise(loaded)
      ? loaded.then((value) => this.#keep(key, value, version))
      : this.#keep(key, loaded, version);
  }

  #keep(key: string, value: V | undefined, version: number): V | undefined {
    if (value === undefined || this.#maxEntries === 0) return value;
    // The version moved while loading: the value may predate the write that moved it.
    if (this.#version() !== version || this.#held !== version) return value;
    if (this.#filter && !this.#seenBefore(key)) return value;
    if (this.#rows.size >= this.#maxEntries && !this.#rows.has(key)) {
      // The oldest entry goes (insertion order): one key evicted while in use costs one load to come back,
      // where emptying the whole cache would evict every key at once.
      const oldest = this.#rows.keys().next();
      if (!oldest.done) this.#rows.delete(oldest.value);
    }
    this.#rows.set(key, value);
    return value;
  }

  /** Whether `key` was loaded before, recently; false positives only admit a key early. */
  #seenBefore(key: string): boolean {
    const filter = this.#filter as Uint8Array;
    // FNV-1a, and a second position from the same hash, remixed.
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    const first = hash & (FILTER_BITS - 1);
    const second = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) & (FILTER_BITS - 1);
    const firstSet = (filter[first >>> 3] as number) & (1 << (first & 7));
    const secondSet = (filter[second >>> 3] as number) & (1 << (second & 7));
    if (firstSet && secondSet) return true;
    filter[first >>> 3] = (filter[first >>> 3] as number) | (1 << (first & 7));
    filter[second >>> 3] = (filter[second >>> 3] as number) | (1 << (second & 7));
    if (++this.#filterMarks >= FILTER_BITS / 16) {
      filter.fill(0);
      this.#filterMarks = 0;
    }
    return false;
  }

  get size(): number {
    return this.#rows.size;
  }
}
