import type { Clock } from '../../core/clock.ts';

/**
 * Remembers recently authenticated platform keys for a few seconds, by the presented credential, so the
 * verify hot path neither hashes nor reads the platform key on every call. Process memory only, never
 * written anywhere; revoking a platform key clears it.
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
