import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CHECKSUM_LENGTH,
  DISPLAY_PREFIX_LENGTH,
  displayPrefixOf,
  generateCredential,
  MAX_CREDENTIAL_LENGTH,
  parseCredential,
  RANDOM_LENGTH,
  redactCredentials,
} from '../../src/core/credential-format.ts';
import { seededRandom } from '../../src/core/random.ts';
import { anyChar, anyText, base62Char, mode, prefix, randomScript, sourceOf } from './arbitraries.ts';

const credential = fc
  .tuple(prefix, mode, randomScript)
  .map(([keyPrefix, keyMode, script]) => generateCredential(keyPrefix, keyMode, sourceOf(script)));

/** Where the random body and the checksum start in a generated key. */
function bodyStart(key: string): number {
  return key.length - RANDOM_LENGTH - CHECKSUM_LENGTH;
}

function replaceAt(text: string, index: number, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('generateCredential / parseCredential', () => {
  test('generate → parse round-trips for any valid prefix, mode and random source', () => {
    fc.assert(
      fc.property(prefix, mode, randomScript, (keyPrefix, keyMode, script) => {
        const key = generateCredential(keyPrefix, keyMode, sourceOf(script));
        assert.deepEqual(parseCredential(key), { prefix: keyPrefix, mode: keyMode });
        assert.match(key, /^[a-z][a-z0-9]*_(live|test)_[0-9A-Za-z]{30}$/);
        assert.ok(key.length <= MAX_CREDENTIAL_LENGTH);
      }),
    );
  });

  test('changing any single character to any other character makes parse return undefined', () => {
    fc.assert(
      fc.property(credential, fc.nat(), anyChar, (key, position, replacement) => {
        const index = position % key.length;
        fc.pre(key[index] !== replacement);
        assert.equal(parseCredential(replaceAt(key, index, replacement)), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  test('any base62 substitution within the body or checksum makes parse return undefined', () => {
    fc.assert(
      fc.property(credential, fc.nat(), base62Char, (key, position, replacement) => {
        const index = bodyStart(key) + (position % (RANDOM_LENGTH + CHECKSUM_LENGTH));
        fc.pre(key[index] !== replacement);
        assert.equal(parseCredential(replaceAt(key, index, replacement)), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  test('every single-character substitution by any ASCII character is caught (exhaustive for fixed keys)', () => {
    for (const seed of [1, 2, 3]) {
      const key = generateCredential('syx', seed === 2 ? 'test' : 'live', seededRandom(seed));
      for (let index = 0; index < key.length; index++) {
        for (let code = 0; code < 128; code++) {
          const replacement = String.fromCharCode(code);
          if (replacement === key[index]) continue;
          assert.equal(parseCredential(replaceAt(key, index, replacement)), undefined, `${index}:${code}`);
        }
      }
    }
  });

  test('swapping the mode or putting another valid prefix on a key makes parse return undefined', () => {
    fc.assert(
      fc.property(prefix, prefix, mode, randomScript, (keyPrefix, otherPrefix, keyMode, script) => {
        const key = generateCredential(keyPrefix, keyMode, sourceOf(script));
        const rest = key.slice(keyPrefix.length);
        const otherMode = keyMode === 'live' ? 'test' : 'live';
        assert.equal(parseCredential(key.replace(`_${keyMode}_`, `_${otherMode}_`)), undefined);
        fc.pre(otherPrefix !== keyPrefix);
        assert.equal(parseCredential(otherPrefix + rest), undefined);
      }),
      { numRuns: 1000 },
    );
  });

  test('transposing two adjacent different characters makes parse return undefined', () => {
    fc.assert(
      fc.property(credential, fc.nat(), (key, position) => {
        const index = position % (key.length - 1);
        const [left, right] = [key[index], key[index + 1]];
        fc.pre(left !== right && left !== undefined && right !== undefined);
        const swapped = key.slice(0, index) + right + left + key.slice(index + 2);
        assert.equal(parseCredential(swapped), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  test('truncated keys (from either end) and extended keys (either end) fail to parse', () => {
    fc.assert(
      fc.property(
        credential,
        fc.integer({ min: 1, max: 60 }),
        anyText({ minLength: 1 }),
        (key, cut, extra) => {
          assert.equal(parseCredential(key.slice(0, Math.max(0, key.length - cut))), undefined);
          assert.equal(parseCredential(key.slice(cut)), undefined);
          assert.equal(parseCredential(key + extra), undefined);
          assert.equal(parseCredential(extra + key), undefined);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('random strings never parse, even when shaped like a key with a made-up checksum', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        assert.equal(parseCredential(text), undefined);
      }),
    );
    const body = fc.string({ unit: base62Char, minLength: 30, maxLength: 30 });
    fc.assert(
      fc.property(prefix, mode, body, (keyPrefix, keyMode, randomBody) => {
        assert.equal(parseCredential(`${keyPrefix}_${keyMode}_${randomBody}`), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  test('rejects malformed shapes around a valid body and checksum', () => {
    const key = generateCredential('syx', 'live', seededRandom(42));
    const body = key.slice(bodyStart(key));
    assert.deepEqual(parseCredential(key), { prefix: 'syx', mode: 'live' });
    const malformed = ['', '_', '__', 'syx', `syx_live${body}`, `_live_${body}`, `Syx_live_${body}`];
    malformed.push(`syx_prod_${body}`, `syx__live_${body}`, `${'a'.repeat(17)}_live_${body}`, ` ${key}`);
    for (const text of malformed) assert.equal(parseCredential(text), undefined, text);
  });
});

describe('displayPrefixOf', () => {
  test('is the first 12 characters of the key', () => {
    fc.assert(
      fc.property(credential, (key) => {
        const shown = displayPrefixOf(key);
        assert.equal(shown.length, DISPLAY_PREFIX_LENGTH);
        assert.equal(DISPLAY_PREFIX_LENGTH, 12);
        assert.ok(key.startsWith(shown));
      }),
    );
    assert.equal(displayPrefixOf('syx_live_AbCdEfGh'), 'syx_live_AbC');
  });

  test('reveals at most 5 of the 24 random characters (shortest prefix: `a_live_`)', () => {
    fc.assert(
      fc.property(credential, (key) => {
        assert.ok(DISPLAY_PREFIX_LENGTH - bodyStart(key) <= 5);
      }),
    );
  });
});

describe('redactCredentials', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '_', ' ', '"', ':', '\n'), maxLength: 20 });

  test('no key embedded anywhere in surrounding text survives, nor its random body and checksum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, credential), { minLength: 1, maxLength: 4 }),
        text,
        (parts, tail) => {
          const message = parts.map(([before, key]) => before + key).join('') + tail;
          const redacted = redactCredentials(message);
          for (const [, key] of parts) {
            assert.ok(!redacted.includes(key.slice(bodyStart(key))), redacted);
          }
        },
      ),
    );
  });

  test('text with nothing shaped like a key passes through unchanged', () => {
    fc.assert(fc.property(text, (message) => assert.equal(redactCredentials(message), message)));
    assert.equal(redactCredentials('unknown field "syx_live_short"'), 'unknown field "syx_live_short"');
  });

  test('regression: two keys written back to back are both redacted', () => {
    const first = generateCredential('syx', 'live', seededRandom(1));
    const second = generateCredential('syx', 'test', seededRandom(2));
    assert.equal(redactCredentials(`"${first}${second}"`), '"[redacted]"');
  });
});
