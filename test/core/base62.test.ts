import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BASE62_ALPHABET, encodeBase62Fixed, isBase62, randomBase62 } from '../../src/core/base62.ts';
import type { RandomSource } from '../../src/core/random.ts';
import { anyText, randomScript, sourceOf } from './arbitraries.ts';

function decodeBase62(text: string): bigint {
  let value = 0n;
  for (const char of text) {
    const digit = BASE62_ALPHABET.indexOf(char);
    assert.ok(digit >= 0, `not a base62 digit: ${char}`);
    value = value * 62n + BigInt(digit);
  }
  return value;
}

/** Widths whose whole range stays below 2^53, with a value in that range. */
const widthAndValue = fc
  .integer({ min: 1, max: 8 })
  .chain((width) => fc.tuple(fc.constant(width), fc.bigInt({ min: 0n, max: 62n ** BigInt(width) - 1n })));

describe('randomBase62', () => {
  test('returns exactly the requested length, only alphabet characters, for any random source', () => {
    fc.assert(
      fc.property(randomScript, fc.nat({ max: 200 }), (script, length) => {
        const text = randomBase62(sourceOf(script), length);
        assert.equal(text.length, length);
        assert.ok([...text].every((char) => BASE62_ALPHABET.includes(char)));
        assert.ok(isBase62(text));
      }),
    );
  });

  test('each character is ALPHABET[byte % 62] of the next byte below 248; bytes ≥ 248 are skipped', () => {
    fc.assert(
      fc.property(randomScript, fc.nat({ max: 100 }), (script, length) => {
        const stream = sourceOf(script);
        let expected = '';
        while (expected.length < length) {
          const [byte] = stream.bytes(1);
          if (byte !== undefined && byte < 248) expected += BASE62_ALPHABET[byte % 62];
        }
        assert.equal(randomBase62(sourceOf(script), length), expected);
      }),
    );
  });

  test('no modulo bias: over all byte values every character comes out equally often', () => {
    let next = 0;
    const everyByte: RandomSource = {
      bytes: (length) => Uint8Array.from({ length }, () => next++ % 256),
    };
    const counts = new Map<string, number>();
    for (const char of randomBase62(everyByte, 248 * 10)) counts.set(char, (counts.get(char) ?? 0) + 1);
    assert.equal(counts.size, 62);
    for (const count of counts.values()) assert.equal(count, 40);
  });

  test('a source that starts with only rejected bytes still yields a full-length string', () => {
    const text = randomBase62(sourceOf({ script: new Uint8Array(200).fill(255), seed: 7 }), 24);
    assert.equal(text.length, 24);
  });
});

describe('encodeBase62Fixed', () => {
  test('round-trips with a reference decoder and is exactly `width` digits for values < 62^width', () => {
    fc.assert(
      fc.property(widthAndValue, ([width, value]) => {
        const text = encodeBase62Fixed(Number(value), width);
        assert.equal(text.length, width);
        assert.equal(decodeBase62(text), value);
      }),
    );
  });

  test('is injective for values < 62^width: distinct values give distinct strings', () => {
    const widthAndPair = fc
      .integer({ min: 1, max: 8 })
      .chain((width) =>
        fc.tuple(
          fc.constant(width),
          fc.bigInt({ min: 0n, max: 62n ** BigInt(width) - 1n }),
          fc.bigInt({ min: 0n, max: 62n ** BigInt(width) - 1n }),
        ),
      );
    fc.assert(
      fc.property(widthAndPair, ([width, a, b]) => {
        fc.pre(a !== b);
        assert.notEqual(encodeBase62Fixed(Number(a), width), encodeBase62Fixed(Number(b), width));
      }),
    );
  });

  test('every 2-digit value maps to a distinct string (exhaustive)', () => {
    const seen = new Set<string>();
    for (let value = 0; value < 62 * 62; value++) seen.add(encodeBase62Fixed(value, 2));
    assert.equal(seen.size, 62 * 62);
  });

  test('known values: zero-padded, most significant digit first', () => {
    assert.equal(encodeBase62Fixed(0, 6), '000000');
    assert.equal(encodeBase62Fixed(61, 2), '0z');
    assert.equal(encodeBase62Fixed(62, 2), '10');
    assert.equal(encodeBase62Fixed(2 ** 32 - 1, 6), '4gfFC3');
  });
});

describe('isBase62', () => {
  test('accepts a string exactly when every character is in the alphabet', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        assert.equal(
          isBase62(text),
          [...text].every((char) => BASE62_ALPHABET.includes(char)),
        );
      }),
    );
  });
});
