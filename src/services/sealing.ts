import type { RandomSource } from '../core/random.ts';
import { seal, unseal } from '../core/sealed-box.ts';

/**
 * Seals what the server must read back and the database must not hold in plaintext (webhook signing secrets,
 * kept idempotent responses) under the master key, each bound to the row it belongs to by `binding`.
 */
export class Sealing {
  readonly #masterKey: Uint8Array;
  readonly #random: RandomSource;

  constructor(masterKey: Uint8Array, random: RandomSource) {
    this.#masterKey = masterKey;
    this.#random = random;
  }

  seal(plaintext: string, binding: string): string {
    return seal(this.#masterKey, plaintext, this.#random, binding);
  }

  /** Undefined for anything that does not open (another master key, another binding, tampering). */
  open(sealed: string, binding: string): string | undefined {
    return unseal(this.#masterKey, sealed, binding);
  }
}
