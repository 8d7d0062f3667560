import fc from 'fast-check';
import { BASE62_ALPHABET } from '../../src/core/base62.ts';
import { type Mode, modes, PREFIX_PATTERN } from '../../src/core/credential-format.ts';
import { type RandomSource, seededRandom } from '../../src/core/random.ts';

/** Bytes a random source hands out first (any values, ≥ 248 included), then a seeded stream. */
export interface RandomScript {
  script: Uint8Array;
  seed: number;
}

export const randomScript: fc.Arbitrary<RandomScript> = fc.record({
  script: fc.uint8Array({ maxLength: 96 }),
  seed: fc.integer(),
});

/** A fresh source per call, so a property can replay the same bytes twice. */
export function sourceOf({ script, seed }: RandomScript): RandomSource {
  const fallback = seededRandom(seed);
  let offset = 0;
  return {
    bytes(length) {
      const out = new Uint8Array(length);
      const scripted = script.subarray(offset, offset + length);
      out.set(scripted);
      offset += scripted.length;
      if (scripted.length < length) out.set(fallback.bytes(length - scripted.length), scripted.length);
      return out;
    },
  };
}

export const base62Char: fc.Arbitrary<string> = fc.constantFrom(...BASE62_ALPHABET);

/** Any code point, lone surrogates included (cheaper to set up than `unit: 'binary'`). */
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

/** Any single UTF-16 code unit (lone surrogates included) or any whole code point. */
export const anyChar: fc.Arbitrary<string> = fc.oneof(
  base62Char,
  fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  codePoint,
);

/** Any string of code points. */
export function anyText(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ ...constraints, unit: codePoint });
}

export const prefix: fc.Arbitrary<string> = fc.stringMatching(PREFIX_PATTERN);
export const mode: fc.Arbitrary<Mode> = fc.constantFrom(...modes);
