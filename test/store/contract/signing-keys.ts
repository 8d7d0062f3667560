import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SigningKey } from '../../../src/store/index.ts';
import { type ContractContext, DAY, T0, uniqueId } from './fixtures.ts';

function newSigningKey(overrides: Partial<SigningKey> = {}): SigningKey {
  return {
    kid: uniqueId('kid'),
    alg: 'ES256',
    publicJwk: { kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate' },
    privateJwkSealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA',
    createdAt: T0,
    activeFrom: T0,
    retiredAt: null,
    expiresAt: null,
    ...overrides,
  };
}

/** Keys are platform-wide and shared by every test: each test looks only at its own kids. */
const only = (keys: SigningKey[], ...kids: string[]) => keys.filter((key) => kids.includes(key.kid));

export function signingKeysContract({ store }: ContractContext): void {
  describe('signingKeys', () => {
    test('insert then listUnexpired returns the key as written, JWK parsed', async () => {
      const key = newSigningKey({ retiredAt: T0 + DAY, expiresAt: T0 + 2 * DAY });
      assert.equal(await store().signingKeys.insert(key), true);
      const listed = only(await store().signingKeys.listUnexpired(T0), key.kid);
      assert.deepEqual(listed, [key]);
    });

    test('a second insert with the same kid is refused without an error and changes nothing', async () => {
      const key = newSigningKey();
      assert.equal(await store().signingKeys.insert(key), true);
      assert.equal(
        await store().signingKeys.insert({ ...key, activeFrom: T0 + DAY, privateJwkSealed: 'other' }),
        false,
      );
      assert.deepEqual(only(await store().signingKeys.listUnexpired(T0), key.kid), [key]);
    });

    test('listUnexpired keeps keys without expiry or expiring after now, ordered by activation', async () => {
      const later = newSigningKey({ activeFrom: T0 + 2 * DAY, createdAt: T0 + DAY });
      const open = newSigningKey({ activeFrom: T0 });
      const expiring = newSigningKey({ activeFrom: T0 - DAY, createdAt: T0 - DAY, expiresAt: T0 + 10 });
      const expired = newSigningKey({ activeFrom: T0 - 2 * DAY, expiresAt: T0 });
      for (const key of [later, open, expiring, expired]) await store().signingKeys.insert(key);
      const kids = [later, open, expiring, expired].map((key) => key.kid);
      const atT0 = only(await store().signingKeys.listUnexpired(T0), ...kids);
      assert.deepEqual(
        atT0.map((key) => key.kid),
        [expiring.kid, open.kid, later.kid],
        'expires_at = now counts as expired',
      );
      const after = only(await store().signingKeys.listUnexpired(T0 + 10), ...kids);
      assert.deepEqual(
        after.map((key) => key.kid),
        [open.kid, later.kid],
      );
    });

    test('same activation: the earlier created key comes first', async () => {
      const at = T0 + 50 * DAY;
      const second = newSigningKey({ activeFrom: at, createdAt: at + 5 });
      const first = newSigningKey({ activeFrom: at, createdAt: at });
      await store().signingKeys.insert(second);
      await store().signingKeys.insert(first);
      const listed = only(await store().signingKeys.listUnexpired(T0), first.kid, second.kid);
      assert.deepEqual(
        listed.map((key) => key.kid),
        [first.kid, second.kid],
      );
    });

    test('update sets retiredAt and expiresAt, each on its own; unknown kids are false', async () => {
      const key = newSigningKey();
      await store().signingKeys.insert(key);
      assert.equal(await store().signingKeys.update(key.kid, { retiredAt: T0 + DAY }), true);
      assert.deepEqual(only(await store().signingKeys.listUnexpired(T0), key.kid), [
        { ...key, retiredAt: T0 + DAY },
      ]);
      assert.equal(await store().signingKeys.update(key.kid, { expiresAt: T0 + 3 * DAY }), true);
      const both = { ...key, retiredAt: T0 + DAY, expiresAt: T0 + 3 * DAY };
      assert.deepEqual(only(await store().signingKeys.listUnexpired(T0), key.kid), [both]);
      assert.equal(await store().signingKeys.update(key.kid, {}), true);
      assert.equal(await store().signingKeys.update(uniqueId('kid'), { retiredAt: T0 }), false);
      assert.equal(await store().signingKeys.update(uniqueId('kid'), {}), false);
      assert.deepEqual(only(await store().signingKeys.listUnexpired(T0 + 3 * DAY), key.kid), []);
    });
  });
}
