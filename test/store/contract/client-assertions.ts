import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ContractContext, DAY, T0, uniqueId } from './fixtures.ts';

export function clientAssertionsContract({ store }: ContractContext): void {
  describe('clientAssertions', () => {
    test('a jti is claimed once per client; another client may use the same jti', async () => {
      const jti = uniqueId('jti');
      const client = uniqueId('client');
      assert.equal(await store().clientAssertions.claim(client, jti, T0 + DAY), true);
      assert.equal(await store().clientAssertions.claim(client, jti, T0 + DAY), false, 'a replay');
      assert.equal(await store().clientAssertions.claim(uniqueId('client'), jti, T0 + DAY), true);
    });

    test('deleteExpired removes rows with expires_at ≤ now; the jti may then be claimed again', async () => {
      const base = T0 + 500 * DAY;
      const client = uniqueId('client');
      const [gone, kept] = [uniqueId('jti'), uniqueId('jti')];
      await store().clientAssertions.claim(client, gone, base);
      await store().clientAssertions.claim(client, kept, base + 1);
      assert.ok((await store().clientAssertions.deleteExpired(base)) >= 1);
      assert.equal(await store().clientAssertions.claim(client, gone, base + DAY), true);
      assert.equal(await store().clientAssertions.claim(client, kept, base + DAY), false);
    });
  });
}
