import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewPlatformKey } from '../../../src/store/platform-keys.ts';
import { type ContractContext, T0, uniqueId } from './fixtures.ts';

function newPlatformKey(overrides: Partial<NewPlatformKey> = {}): NewPlatformKey {
  return {
    id: uniqueId('platform_key'),
    name: 'operator',
    permissions: ['manage', 'verify'],
    displayPrefix: 'pc_live_9zQ1',
    createdAt: T0,
    secretHash: uniqueId('platform_hash'),
    pepperVersion: 2,
    ...overrides,
  };
}

export function platformKeysContract({ store }: ContractContext): void {
  describe('platformKeys', () => {
    test('insert then findBySecretHash returns the key without its hash; an unknown hash is undefined', async () => {
      const { secretHash, pepperVersion, ...key } = newPlatformKey({ permissions: ['*'] });
      await store().platformKeys.insert({ ...key, secretHash, pepperVersion });
      assert.deepEqual(await store().platformKeys.findBySecretHash(secretHash), { ...key, revokedAt: null });
      assert.equal(await store().platformKeys.findBySecretHash(uniqueId('platform_hash')), undefined);
    });

    test('count counts every platform key', async () => {
      const before = await store().platformKeys.count();
      for (let index = 0; index < 3; index++) await store().platformKeys.insert(newPlatformKey());
      assert.equal(await store().platformKeys.count(), before + 3);
    });

    test('a second key with the same secret hash rejects', async () => {
      const first = newPlatformKey();
      await store().platformKeys.insert(first);
      const before = await store().platformKeys.count();
      await assert.rejects(store().platformKeys.insert(newPlatformKey({ secretHash: first.secretHash })));
      assert.equal(await store().platformKeys.count(), before);
    });

    test('revoke marks the key once; it is still found by hash with revokedAt; unknown ids are false', async () => {
      const { secretHash, pepperVersion, ...key } = newPlatformKey();
      await store().platformKeys.insert({ ...key, secretHash, pepperVersion });
      assert.equal(await store().platformKeys.revoke(key.id, T0 + 5), true);
      assert.equal(await store().platformKeys.revoke(key.id, T0 + 9), true);
      assert.deepEqual(await store().platformKeys.findBySecretHash(secretHash), {
        ...key,
        revokedAt: T0 + 5,
      });
      assert.equal(await store().platformKeys.revoke(uniqueId('platform_key'), T0), false);
      const listed = (await store().platformKeys.list({ limit: 200 })).items.find(
        (entry) => entry.id === key.id,
      );
      assert.deepEqual(listed, { ...key, revokedAt: T0 + 5 });
    });
  });
}
