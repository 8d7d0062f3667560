import { argon2, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from './random.ts';

/**
 * Passwords as argon2id (RFC 9106) through Node's `crypto.argon2`, stored in the PHC string format
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so each hash carries the parameters it was made with and
 * stronger ones can be adopted without invalidating the old: a sign-in under weaker parameters rehashes.
 * The defaults are OWASP's first recommendation (19 MiB, 2 passes, 1 lane); config may only raise them.
 */
export interface Argon2Parameters {
  /** Memory in KiB. */
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

export const OWASP_ARGON2: Argon2Parameters = { memoryKiB: 19_456, passes: 2, parallelism: 1 };

const SALT_BYTES = 16;
const TAG_BYTES = 32;
const PHC =
  /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,4}),p=(\d{1,3})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{16,})$/;

function derive(password: string, salt: Uint8Array, parameters: Argon2Parameters, tagLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message: password,
        nonce: salt,
        parallelism: parameters.parallelism,
        tagLength,
        memory: parameters.memoryKiB,
        passes: parameters.passes,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

export async function hashPassword(
  password: string,
  parameters: Argon2Parameters,
  random: RandomSource,
): Promise<string> {
  const salt = random.bytes(SALT_BYTES);
  const tag = await derive(password, salt, parameters, TAG_BYTES);
  const { memoryKiB: m, passes: t, parallelism: p } = parameters;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(tag)}`;
}

export interface PasswordCheck {
  matches: boolean;
  /** The hash was made with weaker parameters than `parameters`: store a new one. */
  outdated: boolean;
}

/**
 * Whether `password` matches `stored`, compared in constant time. A stored string that cannot be read matches
 * nothing; it still costs one derivation, so it answers in the time a real one takes.
 */
export async function checkPassword(
  password: string,
  stored: string,
  parameters: Argon2Parameters,
): Promise<PasswordCheck> {
  const match = PHC.exec(stored);
  if (!match) {
    await derive(password, new Uint8Array(SALT_BYTES), parameters, TAG_BYTES);
    return { matches: false, outdated: false };
  }
  const used = { memoryKiB: Number(match[1]), passes: Number(match[2]), parallelism: Number(match[3]) };
  const salt = Buffer.from(match[4] as string, 'base64');
  const expected = Buffer.from(match[5] as string, 'base64');
  const tag = await derive(password, salt, used, expected.length);
  const matches = tag.length === expected.length && timingSafeEqual(tag, expected);
  const outdated =
    used.memoryKiB < parameters.memoryKiB ||
    used.passes < parameters.passes ||
    used.parallelism < parameters.parallelism;
  return { matches, outdated };
}
