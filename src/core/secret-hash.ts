import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * Stored form of a high-entropy secret: HMAC-SHA-256 under a server-side pepper. The pepper is versioned so
 * it can be rotated; each stored hash records the version that made it. A lookup by hash is an index seek,
 * and the hash is useless without the pepper.
 */
export interface Pepper {
  version: number;
  secret: Uint8Array;
}

// A KeyObject made once per pepper: handing createHmac raw bytes builds one on every call (~5× slower).
const keyObjects = new WeakMap<Pepper, KeyObject>();

function keyObjectOf(pepper: Pepper): KeyObject {
  let key = keyObjects.get(pepper);
  if (!key) {
    key = createSecretKey(pepper.secret);
    keyObjects.set(pepper, key);
  }
  return key;
}

export function hashSecret(secret: string, pepper: Pepper): string {
  return createHmac('sha256', keyObjectOf(pepper)).update(secret).digest('base64url');
}

/** `hashSecret` as the 32 bytes themselves, for in-memory lookups. */
export function hashSecretDigest(secret: string, pepper: Pepper): Buffer {
  return createHmac('sha256', keyObjectOf(pepper)).update(secret).digest();
}

/** Constant-time comparison of two hashes of equal encoding. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
