import type { RandomSource } from './random.ts';

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_PATTERN = /^[0-9A-Za-z]*$/;

export function isBase62(text: string): boolean {
  return BASE62_PATTERN.test(text);
}

/**
 * `length` uniformly random base62 characters. Bytes ≥ 248 are rejected so that `byte % 62` carries no
 * modulo bias (248 = 4 × 62).
 */
export function randomBase62(random: RandomSource, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random.bytes(length + 8)) {
      if (byte >= 248) continue;
      out += BASE62_ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A non-negative integer (< 2^53) as exactly `width` base62 digits, zero-padded. */
export function encodeBase62Fixed(value: number, width: number): string {
  let rest = value;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}
