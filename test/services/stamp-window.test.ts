import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { newId } from '../../src/core/ids.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { StampWindow } from '../../src/services/audit/stamp-window.ts';

const T0 = Date.UTC(2026, 5, 1);

describe('stamp window', () => {
  test('keeps each key’s first use in the window', () => {
    const window = new StampWindow(T0);
    const id = newId('apiKey', cryptoRandom);
    window.stamp(id, T0 + 5);
    window.stamp(id, T0 + 50);
    assert.equal(window.lastUsedOf(id), T0 + 5);
    assert.equal(window.lastUsedOf(newId('apiKey', cryptoRandom)), undefined);
    assert.equal(window.size, 1);
  });

  test('hands out every stamp once, in batches, ordered by the first two characters of the id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 59_999 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (offsets, limit) => {
          const window = new StampWindow(T0);
          const expected = new Map<string, number>();
          for (const offset of offsets) {
            const id = newId('apiKey', cryptoRandom);
            window.stamp(id, T0 + offset);
            expected.set(id, T0 + offset);
          }
          const handedOut: [string, number][] = [];
          let more = true;
          while (more) {
            const batch = new Map<string, number>();
            more = window.takeInto(batch, limit);
            assert.ok(batch.size <= limit);
            handedOut.push(...batch);
          }
          assert.deepEqual(new Map(handedOut), expected);
          assert.equal(handedOut.length, expected.size, 'none twice');
          const leading = handedOut.map(([id]) => id.slice(4, 6));
          assert.deepEqual(leading, [...leading].sort(), 'in key-id order by the leading characters');
        },
      ),
    );
  });
});
