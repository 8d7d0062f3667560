import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VersionedCache } from '../../src/services/verification/versioned-cache.ts';

describe('VersionedCache lookups, as /metrics reports them', () => {
  it('a hit is answered from memory, a miss loaded; a version it cannot confirm is a bypass', async () => {
    let version: number | undefined = 1;
    const cache = new VersionedCache<string>(() => version, { maxEntries: 10 });
    const load = () => 'row';
    cache.getOrLoad('a', load);
    cache.getOrLoad('a', load);
    cache.getOrLoad('a', load);
    assert.deepEqual(cache.lookups, { hit: 2, miss: 1, bypass: 0 });
    // "No such thing" is never kept: every lookup of it is a miss.
    cache.getOrLoad('gone', () => undefined);
    cache.getOrLoad('gone', () => undefined);
    assert.deepEqual(cache.lookups, { hit: 2, miss: 3, bypass: 0 });
    version = undefined;
    cache.getOrLoad('a', load);
    assert.deepEqual(cache.lookups, { hit: 2, miss: 3, bypass: 1 });
    // The version moved: the cache empties, so the next lookup is a miss again.
    version = 2;
    await cache.getOrLoad('a', async () => 'row');
    assert.deepEqual(cache.lookups, { hit: 2, miss: 4, bypass: 1 });
  });

  it('turned off (0 entries), every lookup is a miss', () => {
    const cache = new VersionedCache<string>(() => 1, { maxEntries: 0 });
    for (let i = 0; i < 3; i++) cache.getOrLoad('a', () => 'row');
    assert.deepEqual(cache.lookups, { hit: 0, miss: 3, bypass: 0 });
  });
});
