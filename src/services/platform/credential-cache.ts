import type { Clock } from '../../core/clock.ts';

/**
 * Remembers recently authenticated management credentials by hash for a few seconds, so the verify hot
 * path does not read the platform key on every call. Keys are hashes, never plaintext.
 */
export class CredentialCache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();
  readonly #clock: Clock;
  readonly #ttlMs: number;

  constructor(clock: Clock, ttlMs: number) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  get(hash: string): T | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.until <= this.#clock.now()) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  set(hash: string, value: T): void {
    if (this.#entries.size >= 1000) this.#entries.clear();
    this.#entries.set(hash, { value, until: this.#clock.now() + this.#ttlMs });
  }

  clear(): void {
    this.#entries.clear();
  }
}
