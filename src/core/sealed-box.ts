import { createCipheriv, createDecipheriv } from 'node:crypto';
import { PortcullisError } from './errors.ts';
import type { RandomSource } from './random.ts';

/**
 * Secrets the server must read back (private signing keys) are sealed with AES-256-GCM under a 32-byte
 * master key that never enters the database. Sealed text: `v1.<iv>.<tag>.<ciphertext>`, each part
 * base64url. The associated data binds a sealed value to its row (e.g. the signing key's `kid`), so a
 * sealed value copied into another row does not open.
 */
export const MASTER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const SEALED_PATTERN = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

function checkKey(masterKey: Uint8Array): void {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new PortcullisError('config_invalid', 'the master key must be 32 bytes');
  }
}

/**
 * Decodes one base64url part, refusing non-canonical spellings: Node's decoder ignores trailing bits, so
 * without this check a changed last character could decode to the same bytes and a tampered value open.
 */
function decodePart(part: string, bytes?: number): Buffer | undefined {
  const decoded = Buffer.from(part, 'base64url');
  if (decoded.toString('base64url') !== part) return undefined;
  if (bytes !== undefined && decoded.length !== bytes) return undefined;
  return decoded;
}

/** Seals well-formed `plaintext` (it travels as UTF-8) under `masterKey`; a fresh 96-bit IV from `random` each time (NIST SP 800-38D §8.2). */
export function seal(
  masterKey: Uint8Array,
  plaintext: string,
  random: RandomSource,
  associatedData = '',
): string {
  checkKey(masterKey);
  const iv = random.bytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [Buffer.from(iv), cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/**
 * Opens a sealed value. Returns `undefined` for anything that does not open: a malformed or tampered value,
 * the wrong master key or the wrong associated data. The reason is deliberately not told apart.
 */
export function unseal(masterKey: Uint8Array, sealed: string, associatedData = ''): string | undefined {
  checkKey(masterKey);
  const match = SEALED_PATTERN.exec(sealed);
  if (!match) return undefined;
  const iv = decodePart(match[1] as string, IV_BYTES);
  const tag = decodePart(match[2] as string, TAG_BYTES);
  const ciphertext = decodePart(match[3] as string);
  if (!iv || !tag || !ciphertext) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
