import { idPrefixes } from '../../core/ids.ts';

/** Where an API key id's random part starts (`key_…`). */
const ORDERED_FROM = idPrefixes.apiKey.length + 1;

/** Buckets by the two characters there (ASCII order, the database's order for ids). */
function bucketOf(keyId: string): number {
  return ((keyId.charCodeAt(ORDERED_FROM) & 127) << 7) | (keyId.charCodeAt(ORDERED_FROM + 1) & 127);
}

/**
 * A minute of last-used stamps: each key's first use in the window. Times are kept as milliseconds after
 * the window opened, small integers that cost no allocation. Key ids are also filed by their first two
 * characters, so the window is handed out roughly in key-id order without a sort: a batch of stamps then
 * lands on a few neighbouring pages of the table clustered by key id (migration 005).
 */
export class StampWindow {
  readonly opened: number;
  readonly #stamps = new Map<string, number>();
  readonly #buckets: (string[] | undefined)[] = [];
  #bucket = 0;
  #index = 0;

  constructor(opened: number) {
    this.opened = opened;
  }

  get size(): number {
    return this.#stamps.size;
  }

  /** Records a use; a key already stamped in this window keeps its first use. */
  stamp(keyId: string, at: number): void {
    if (this.#stamps.has(keyId)) return;
    this.#stamps.set(keyId, at - this.opened);
    const bucket = bucketOf(keyId);
    const ids = this.#buckets[bucket];
    if (ids) ids.push(keyId);
    else this.#buckets[bucket] = [keyId];
  }

  lastUsedOf(keyId: string): number | undefined {
    const offset = this.#stamps.get(keyId);
    return offset === undefined ? undefined : this.opened + offset;
  }

  /** Moves up to `limit` stamps not yet handed out into `into`, in key-id order; false once none are left. */
  takeInto(into: Map<string, number>, limit: number): boolean {
    const buckets = this.#buckets;
    while (into.size < limit && this.#bucket < buckets.length) {
      const ids = buckets[this.#bucket];
      if (!ids || this.#index >= ids.length) {
        this.#bucket += 1;
        this.#index = 0;
        continue;
      }
      const keyId = ids[this.#index++] as string;
      into.set(keyId, this.opened + (this.#stamps.get(keyId) as number));
    }
    return this.#bucket < buckets.length;
  }
}
