import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { PortcullisError } from '../../src/core/errors.ts';
import { cryptoRandom, seededRandom } from '../../src/core/random.ts';
import { seal, unseal } from '../../src/core/sealed-box.ts';

/** Well-formed Unicode: what a sealed box carries (its text goes through UTF-8). */
const anyText = () => fc.string({ unit: 'binary', maxLength: 200 });

const masterKey = fc.uint8Array({ minLength: 32, maxLength: 32 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `text` with the character at `index` replaced by a different base64url character (or a dot kept). */
function changeCharacter(text: string, index: number, pick: number): string {
  const original = text[index] as string;
  const alphabet = [...BASE64URL].filter((character) => character !== original);
  return text.slice(0, index) + alphabet[pick % alphabet.length] + text.slice(index + 1);
}

describe('sealed box', () => {
  test('round trip: unseal(seal(text)) is the text, under any key and associated data', () => {
    fc.assert(
      fc.property(masterKey, anyText(), fc.string(), fc.integer(), (key, text, aad, seed) => {
        const sealed = seal(key, text, seededRandom(seed), aad);
        assert.match(sealed, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
        assert.equal(unseal(key, sealed, aad), text);
      }),
    );
  });

  test('the plaintext never appears in the sealed text, and two seals of one text differ (fresh IV)', () => {
    const key = new Uint8Array(32).fill(3);
    const text = '{"kty":"EC","d":"private-part"}';
    const first = seal(key, text, cryptoRandom);
    const second = seal(key, text, cryptoRandom);
    assert.notEqual(first, second);
    for (const sealed of [first, second]) {
      assert.ok(!sealed.includes('private-part'));
      assert.ok(
        !Buffer.from(sealed.split('.')[3] as string, 'base64url')
          .toString('latin1')
          .includes('private'),
      );
    }
  });

  test('changing any one character (iv, tag or ciphertext) makes it fail to open', () => {
    fc.assert(
      fc.property(masterKey, anyText(), fc.nat(), fc.nat(), (key, text, at, pick) => {
        const sealed = seal(key, text, cryptoRandom, 'kid');
        const index = 3 + (at % (sealed.length - 3)); // after "v1."
        fc.pre(sealed[index] !== '.');
        assert.equal(unseal(key, changeCharacter(sealed, index, pick), 'kid'), undefined);
      }),
    );
  });

  test('truncated, extended, re-versioned or garbage input fails to open', () => {
    const key = new Uint8Array(32).fill(5);
    const sealed = seal(key, 'secret', cryptoRandom);
    const [, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    for (const broken of [
      '',
      'v1',
      sealed.slice(0, -1),
      `${sealed}A`,
      `v2.${iv}.${tag}.${body}`,
      `v1.${iv}.${tag}`,
      `v1.${iv}.${tag}.${body}.extra`,
      `v1.${tag}.${iv}.${body}`,
      // The same bytes spelled in base64 instead of base64url.
      `v1.${iv}.${tag}.${body}`.replaceAll('-', '+').replaceAll('_', '/'),
      'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.',
      // Cases that happen to equal the sealed text (no '-' or '_' to respell as base64) are dropped.
    ].filter((broken) => broken !== sealed)) {
      assert.equal(unseal(key, broken), undefined, broken);
    }
  });

  test('the wrong master key or the wrong associated data fails to open', () => {
    fc.assert(
      fc.property(masterKey, masterKey, anyText(), (right, wrong, text) => {
        fc.pre(Buffer.compare(right, wrong) !== 0);
        const sealed = seal(right, text, cryptoRandom, 'kid-1');
        assert.equal(unseal(wrong, sealed, 'kid-1'), undefined);
        assert.equal(unseal(right, sealed, 'kid-2'), undefined);
        assert.equal(unseal(right, sealed), undefined);
      }),
    );
  });

  test('a master key that is not 32 bytes is a config error with a fixed message', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      const key = new Uint8Array(length);
      for (const attempt of [() => seal(key, 'x', cryptoRandom), () => unseal(key, 'v1.a.b.c')]) {
        assert.throws(attempt, (error: unknown) => {
          assert.ok(error instanceof PortcullisError);
          assert.equal(error.code, 'config_invalid');
          assert.equal(error.detail, 'the master key must be 32 bytes');
          return true;
        });
      }
    }
  });
});
