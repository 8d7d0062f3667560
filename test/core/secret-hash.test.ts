import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { hashesEqual, hashSecret, type Pepper } from '../../src/core/secret-hash.ts';
import { anyText } from './arbitraries.ts';

/** Peppers are fixed-length random keys (HMAC pads shorter keys with zero bytes, so lengths must match). */
const pepper: fc.Arbitrary<Pepper> = fc.record({
  version: fc.nat({ max: 10 }),
  secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
});

const hashText = fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789-_'), maxLength: 48 });

describe('hashSecret', () => {
  test('same input and pepper → same hash (43-character base64url HMAC-SHA-256)', () => {
    fc.assert(
      fc.property(anyText(), pepper, (secret, key) => {
        const hash = hashSecret(secret, key);
        assert.equal(hashSecret(secret, { version: key.version, secret: Uint8Array.from(key.secret) }), hash);
        assert.match(hash, /^[A-Za-z0-9_-]{43}$/);
      }),
    );
  });

  test('different pepper → different hash for the same input', () => {
    fc.assert(
      fc.property(fc.string(), pepper, pepper, (secret, first, second) => {
        fc.pre(Buffer.compare(first.secret, second.secret) !== 0);
        assert.notEqual(hashSecret(secret, first), hashSecret(secret, second));
      }),
    );
  });

  test('different inputs under one pepper → different hashes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), pepper, (left, right, key) => {
        fc.pre(left !== right);
        assert.notEqual(hashSecret(left, key), hashSecret(right, key));
      }),
    );
  });

  test('the hash does not contain the secret', () => {
    const secret = 'syx_live_0123456789abcdefghijklmnABCDEF';
    const hash = hashSecret(secret, { version: 1, secret: new Uint8Array(32).fill(7) });
    assert.ok(!hash.includes(secret) && !secret.includes(hash));
  });
});

describe('hashesEqual', () => {
  test('agrees with === on hash-alphabet strings, including strings of different lengths', () => {
    fc.assert(
      fc.property(hashText, hashText, (left, right) => {
        assert.equal(hashesEqual(left, right), left === right);
        assert.equal(hashesEqual(left, left), true);
      }),
    );
  });

  test('a hash equals itself and differs from any other hash or any truncation or extension of it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), pepper, (left, right, key) => {
        const hash = hashSecret(left, key);
        assert.equal(hashesEqual(hash, hashSecret(left, key)), true);
        assert.equal(hashesEqual(hash, hash.slice(0, -1)), false);
        assert.equal(hashesEqual(hash, `${hash}A`), false);
        assert.equal(hashesEqual('', hash), false);
        fc.pre(left !== right);
        assert.equal(hashesEqual(hash, hashSecret(right, key)), false);
      }),
    );
  });
});
