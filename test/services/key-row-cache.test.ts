import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyRowCache } from '../../src/services/verification/key-row-cache.ts';

describe('KeyRowCache', () => {
  test('a full cache drops only its oldest entry', () => {
    const cache = new KeyRowCache<number>(() => 1, 3);
    assert.equal(cache.get('a'), undefined, 'the first read takes the token');
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.set('b', 20);
    assert.equal(cache.size, 3, 'replacing an entry evicts nothing');
    cache.set('d', 4);
    assert.equal(cache.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((key) => cache.get(key)),
      [undefined, 20, 3, 4],
    );
  });

  test('a moved change token empties the cache; no token, no caching', () => {
    let token: number | undefined = 1;
    const cache = new KeyRowCache<number>(() => token, 10);
    cache.get('a');
    cache.set('a', 1);
    assert.equal(cache.get('a'), 1);
    token = 2;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
    token = undefined;
    assert.equal(cache.get('a'), undefined);
    cache.set('a', 1);
    assert.equal(cache.get('a'), undefined);
  });

  test('a size of 0 caches nothing', () => {
    const cache = new KeyRowCache<number>(() => 1, 0);
    cache.get('a');
    cache.set('a', 1);
    assert.equal(cache.get('a'), undefined);
  });
});
