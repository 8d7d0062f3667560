/**
 * The public keys a client signs its `private_key_jwt` assertions with (RFC 7523 §2.2, OpenID Connect Core
 * §9, decision 035): a JWK Set (RFC 7517 §5) of at most ten public keys, EC P-256, RSA of 2,048 bits or more,
 * or Ed25519. Private members are refused outright: a key set is published, never a secret.
 */

/** Signature algorithms accepted on a client assertion; never `none`, never an HMAC. */
export const CLIENT_ASSERTION_ALGS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const;
export type ClientAssertionAlg = (typeof CLIENT_ASSERTION_ALGS)[number];

export const MAX_CLIENT_KEYS = 10;

/**
 * A public JWK as stored: only the members that describe a public signing key. A type, not an interface, so
 * that it fits where any JSON object does.
 */
export type ClientJwk = {
  kty: 'EC' | 'RSA' | 'OKP';
  kid?: string;
  alg?: ClientAssertionAlg;
  use?: 'sig';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
};

export interface ClientJwks {
  keys: ClientJwk[];
}

/** Members that hold private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MAX_MEMBER_LENGTH = 2048;

/** The algorithms a key of this type may sign with. */
export function algsForKey(key: Pick<ClientJwk, 'kty' | 'crv'>): ClientAssertionAlg[] {
  if (key.kty === 'EC') return ['ES256'];
  if (key.kty === 'RSA') return ['RS256', 'PS256'];
  return ['EdDSA'];
}

const b64 = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_MEMBER_LENGTH && BASE64URL.test(value);

/** Bits in a big-endian base64url integer, leading zero bits not counted. */
function bitLength(base64url: string): number {
  const bytes = Buffer.from(base64url, 'base64url');
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  if (start === bytes.length) return 0;
  return (bytes.length - start) * 8 - Math.clz32(bytes[start] ?? 0) + 24;
}

function keyProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const key = value as Record<string, unknown>;
  if (PRIVATE_MEMBERS.some((member) => member in key)) {
    return 'holds private key material; publish only the public key';
  }
  const { kty, crv, kid, alg, use } = key;
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > 200)) {
    return 'kid must be a string of 1 to 200 characters';
  }
  if (use !== undefined && use !== 'sig') return 'use must be sig';
  if (kty === 'EC') {
    if (crv !== 'P-256') return 'an EC key must be on P-256';
    if (!b64(key.x) || !b64(key.y)) return 'an EC key needs x and y';
  } else if (kty === 'RSA') {
    if (!b64(key.n) || !b64(key.e)) return 'an RSA key needs n and e';
    if (bitLength(key.n) < 2048) return 'an RSA key must have at least 2048 bits';
  } else if (kty === 'OKP') {
    if (crv !== 'Ed25519') return 'an OKP key must be Ed25519';
    if (!b64(key.x)) return 'an OKP key needs x';
  } else {
    return 'kty must be EC (P-256), RSA or OKP (Ed25519)';
  }
  if (alg !== undefined && !algsForKey({ kty }).includes(alg as ClientAssertionAlg)) {
    return `alg must be one of ${algsForKey({ kty }).join(', ')} for this key`;
  }
  return undefined;
}

/** Only the public members, in a fixed order: what is stored and answered. */
function publicPart(key: Record<string, unknown>): ClientJwk {
  const kept: Record<string, unknown> = {};
  for (const member of ['kty', 'kid', 'alg', 'use', 'crv', 'x', 'y', 'n', 'e']) {
    if (key[member] !== undefined) kept[member] = key[member];
  }
  return kept as unknown as ClientJwk;
}

export type JwksCheck = { ok: true; jwks: ClientJwks } | { ok: false; message: string };

/**
 * Checks a JWK Set a client registers: 1 to 10 public keys of the allowed kinds, `kid`s unique when given.
 * The message names the key at fault (`keys[2]: …`).
 */
export function checkClientJwks(value: unknown): JwksCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'jwks must be a JWK Set, an object with keys' };
  }
  const { keys } = value as { keys?: unknown };
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_CLIENT_KEYS) {
    return { ok: false, message: `jwks.keys must list 1 to ${MAX_CLIENT_KEYS} keys` };
  }
  const kids = new Set<string>();
  for (const [index, key] of keys.entries()) {
    const problem = keyProblem(key);
    if (problem !== undefined) return { ok: false, message: `jwks.keys[${index}] ${problem}` };
    const { kid } = key as { kid?: string };
    if (kid !== undefined) {
      if (kids.has(kid)) return { ok: false, message: `jwks.keys[${index}] repeats kid ${kid}` };
      kids.add(kid);
    }
  }
  return { ok: true, jwks: { keys: keys.map((key) => publicPart(key as Record<string, unknown>)) } };
}

/**
 * Why a `jwks_uri` cannot be used, or undefined when it can: an absolute https URL (http only when `allowHttp`,
 * for development), without credentials or fragment, at most 2,000 characters.
 */
export function jwksUriProblem(uri: unknown, allowHttp: boolean): string | undefined {
  if (typeof uri !== 'string' || uri.length > 2000 || !URL.canParse(uri)) return 'jwks_uri must be a URL';
  const url = new URL(uri);
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'jwks_uri must use https';
  if (url.username || url.password || uri.includes('#')) {
    return 'jwks_uri must not carry credentials or a fragment';
  }
  return undefined;
}
