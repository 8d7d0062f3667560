import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyRowCache } from '../../src/services/verification/key-row-cache.ts';

/** A cache over a counter the test moves, as the store's change counter moves with each relevant write. */
function cacheOver(maxEntries: number) {
  const counter = { value: 1 as number | undefined };
  const cache = new KeyRowCache<number>(() => counter.value, maxEntries);
  /** A miss, then a read, then storing what was read: the services' order. */
  const fill = (key: string, row: number) => {
    assert.equal(cache.get(key), undefined);
    cache.set(key, row, cache.snapshot());
  };
  return { counter, cache, fill };
}

describe('KeyRowCache', () => {
  test('a full cache drops only its oldest entry', () => {
    const { cache, fill } = cacheOver(3);
    fill('a', 1);
    fill('b', 2);
    fill('c', 3);
    cache.set('b', 20, cache.snapshot());
    assert.equal(cache.size, 3, 'replacing an entry evicts nothing');
    fill('d', 4);
    assert.equal(cache.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((key) => cache.get(key)),
      [undefined, 20, 3, 4],
    );
  });

  test('a moved counter empties the cache; without a counter nothing is cached', () => {
    const { counter, cache, fill } = cacheOver(10);
    fill('a', 1);
    assert.equal(cache.get('a'), 1);
    counter.value = 2;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
    counter.value = undefined;
    fill('a', 1);
    assert.equal(cache.get('a'), undefined);
  });

  test('a row read while the counter moved is not stored, even after another request emptied the cache', () => {
    const { counter, cache } = cacheOver(10);
    // Request A misses and starts its read.
    assert.equal(cache.get('key'), undefined);
    const snapshot = cache.snapshot();
    // A revocation commits; request B sees it first and empties the cache.
    counter.value = 2;
    assert.equal(cache.get('other'), undefined);
    // A stores the row it read before the revocation: refused.
    cache.set('key', 1, snapshot);
    assert.equal(cache.get('key'), undefined);
  });

  test('a size of 0 caches nothing', () => {
    const { cache, fill } = cacheOver(0);
    fill('a', 1);
    assert.equal(cache.get('a'), undefined);
  });
});
