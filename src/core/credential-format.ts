import { crc32 } from 'node:zlib';
import { encodeBase62Fixed, isBase62, randomBase62 } from './base62.ts';
import type { RandomSource } from './random.ts';

/**
 * API-key style credentials: `<prefix>_<mode>_<body>`, body = 24 random base62 characters (≈142.9 bits)
 * followed by a 6-character base62 CRC32 of everything before it. The checksum lets the server and secret
 * scanners reject a mistyped or invented key without a lookup.
 */
export const modes = ['live', 'test'] as const;
export type Mode = (typeof modes)[number];

export const RANDOM_LENGTH = 24;
export const CHECKSUM_LENGTH = 6;
export const DISPLAY_PREFIX_LENGTH = 12;
/** Longest key we will even look at: prefixes are at most 16 characters. */
export const MAX_CREDENTIAL_LENGTH = 16 + 1 + 4 + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;

export const PREFIX_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

export interface ParsedCredential {
  prefix: string;
  mode: Mode;
}

export function checksumOf(text: string): string {
  return encodeBase62Fixed(crc32(text), CHECKSUM_LENGTH);
}

export function generateCredential(prefix: string, mode: Mode, random: RandomSource): string {
  const head = `${prefix}_${mode}_${randomBase62(random, RANDOM_LENGTH)}`;
  return head + checksumOf(head);
}

/**
 * Parses and checks a presented credential. Returns `undefined` for anything that is not a well-formed key
 * with a correct checksum; the caller answers `malformed` without touching storage.
 */
export function parseCredential(text: string): ParsedCredential | undefined {
  if (text.length > MAX_CREDENTIAL_LENGTH) return undefined;
  const first = text.indexOf('_');
  const second = first < 0 ? -1 : text.indexOf('_', first + 1);
  if (second < 0) return undefined;
  const prefix = text.slice(0, first);
  const mode = text.slice(first + 1, second);
  const body = text.slice(second + 1);
  if (!PREFIX_PATTERN.test(prefix)) return undefined;
  if (mode !== 'live' && mode !== 'test') return undefined;
  if (body.length !== RANDOM_LENGTH + CHECKSUM_LENGTH || !isBase62(body)) return undefined;
  const head = text.slice(0, text.length - CHECKSUM_LENGTH);
  if (checksumOf(head) !== text.slice(text.length - CHECKSUM_LENGTH)) return undefined;
  return { prefix, mode };
}

// The tail takes `_` too, so a match runs to the end of the word: with `[0-9A-Za-z]` alone, in two keys
// written back to back the first match swallowed the second key's prefix and left its secret in the clear.
const CREDENTIAL_LIKE = /[a-z][a-z0-9]{0,15}_(?:live|test)_[0-9A-Za-z_]{8,}/g;

/**
 * Masks anything shaped like a credential. Messages that quote client input (an unknown field name, a value)
 * pass through this, so a key sent in the wrong place is never echoed back or logged.
 */
export function redactCredentials(text: string): string {
  return text.replace(CREDENTIAL_LIKE, '[redacted]');
}

/** The part of a key that may be shown again: the first 12 characters (e.g. `syx_live_AbC`). */
export function displayPrefixOf(credential: string): string {
  return credential.slice(0, DISPLAY_PREFIX_LENGTH);
}
