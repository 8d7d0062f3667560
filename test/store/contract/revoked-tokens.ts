import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ContractContext, DAY, T0, uniqueId } from './fixtures.ts';

export function revokedTokensContract({ store }: ContractContext): void {
  describe('revokedTokens', () => {
    test('insert then isRevoked is true; an unknown jti is false', async () => {
      const jti = uniqueId('jti');
      assert.equal(await store().revokedTokens.isRevoked(jti), false);
      await store().revokedTokens.insert({ jti, tenantId: uniqueId('tenant'), expiresAt: T0 + DAY });
      assert.equal(await store().revokedTokens.isRevoked(jti), true);
      assert.equal(await store().revokedTokens.isRevoked(uniqueId('jti')), false);
    });

    test('revoking the same jti twice is not an error and keeps the first expiry', async () => {
      const jti = uniqueId('jti');
      await store().revokedTokens.insert({ jti, tenantId: 'tenant_a', expiresAt: T0 + DAY });
      await store().revokedTokens.insert({ jti, tenantId: 'tenant_a', expiresAt: T0 + 9 * DAY });
      assert.equal(await store().revokedTokens.isRevoked(jti), true);
      await store().revokedTokens.deleteExpired(T0 + DAY);
      assert.equal(await store().revokedTokens.isRevoked(jti), false, 'gone at the first expiry');
    });

    test('deleteExpired removes rows with expires_at ≤ now and counts them; later rows stay', async () => {
      const base = T0 + 400 * DAY; // after every other test's rows
      const expired = [uniqueId('jti'), uniqueId('jti')];
      const atNow = uniqueId('jti');
      const later = uniqueId('jti');
      for (const jti of expired)
        await store().revokedTokens.insert({ jti, tenantId: 't', expiresAt: base - 1 });
      await store().revokedTokens.insert({ jti: atNow, tenantId: 't', expiresAt: base });
      await store().revokedTokens.insert({ jti: later, tenantId: 't', expiresAt: base + 1 });
      assert.ok((await store().revokedTokens.deleteExpired(base)) >= 3);
      for (const jti of [...expired, atNow]) assert.equal(await store().revokedTokens.isRevoked(jti), false);
      assert.equal(await store().revokedTokens.isRevoked(later), true);
      assert.equal(
        await store().revokedTokens.deleteExpired(base),
        0,
        'nothing left to delete at the same time',
      );
    });
  });
}
