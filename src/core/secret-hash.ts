import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stored form of a high-entropy secret: HMAC-SHA-256 under a server-side pepper. The pepper is versioned so
 * it can be rotated; each stored hash records the version that made it. A lookup by hash is an index seek,
 * and the hash is useless without the pepper.
 */
export interface Pepper {
  version: number;
  secret: Uint8Array;
}

export function hashSecret(secret: string, pepper: Pepper): string {
  return createHmac('sha256', pepper.secret).update(secret).digest('base64url');
}

/** Constant-time comparison of two hashes of equal encoding. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
