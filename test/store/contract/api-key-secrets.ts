import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiKey } from '../../../src/store/index.ts';
import {
  type ContractContext,
  createTenant,
  findForVerification as findSecret,
  issueKey,
  MINUTE,
  newSecret,
  T0,
  uniqueId,
  verificationOf,
} from './fixtures.ts';

/** The verify path's side of API keys: secrets and rolls, the joined verification read, last-used stamps. */
export function apiKeySecretsContract({ store }: ContractContext): void {
  const findForVerification = (secretHash: string) => findSecret(store(), secretHash);

  describe('apiKeys: secrets and verification', () => {
    test('roll ends older secrets at the grace time, adds the new secret and updates the display prefix', async () => {
      const tenant = await createTenant(store());
      const { key, secret: first } = await issueKey(store(), tenant.id);
      const second = newSecret({ createdAt: T0 + MINUTE });
      await store().apiKeys.roll(tenant.id, key.id, second, 'pk_live_new2', T0 + 10 * MINUTE);

      assert.deepEqual(await store().apiKeys.get(tenant.id, key.id), {
        ...key,
        displayPrefix: 'pk_live_new2',
        previousSecretExpiresAt: T0 + 10 * MINUTE,
      });
      assert.deepEqual(
        await findForVerification(first.secretHash),
        verificationOf(key, tenant, T0 + 10 * MINUTE),
      );
      assert.deepEqual(await findForVerification(second.secretHash), verificationOf(key, tenant, null));

      // A second roll with a longer grace never extends a secret that already stops sooner.
      const third = newSecret({ createdAt: T0 + 2 * MINUTE });
      await store().apiKeys.roll(tenant.id, key.id, third, 'pk_live_new3', T0 + 60 * MINUTE);
      assert.deepEqual(
        await findForVerification(first.secretHash),
        verificationOf(key, tenant, T0 + 10 * MINUTE),
      );
      assert.deepEqual(
        await findForVerification(second.secretHash),
        verificationOf(key, tenant, T0 + 60 * MINUTE),
      );
      assert.deepEqual(await findForVerification(third.secretHash), verificationOf(key, tenant, null));

      // A roll with no grace ends every older secret now, including ones that would have run longer.
      const fourth = newSecret({ createdAt: T0 + 3 * MINUTE });
      await store().apiKeys.roll(tenant.id, key.id, fourth, 'pk_live_new4', T0 + 3 * MINUTE);
      assert.deepEqual(
        await findForVerification(first.secretHash),
        verificationOf(key, tenant, T0 + 3 * MINUTE),
      );
      assert.deepEqual(
        await findForVerification(second.secretHash),
        verificationOf(key, tenant, T0 + 3 * MINUTE),
      );
      assert.deepEqual(
        await findForVerification(third.secretHash),
        verificationOf(key, tenant, T0 + 3 * MINUTE),
      );
      assert.deepEqual(await findForVerification(fourth.secretHash), verificationOf(key, tenant, null));
    });

    test('findForVerification reflects the tenant status and plan at read time', async () => {
      const tenant = await createTenant(store(), { planId: 'free' });
      const { key, secret } = await issueKey(store(), tenant.id, { ipAllowlist: ['192.0.2.0/24'] });
      const changed = await store().tenants.update(tenant.id, { status: 'suspended', planId: 'pro' }, T0 + 1);
      assert.ok(changed);
      assert.deepEqual(await findForVerification(secret.secretHash), verificationOf(key, changed, null));
    });

    test('a revocation, a roll and a suspension at once in one tenant all commit (one lock order)', async () => {
      for (let round = 0; round < 10; round++) {
        const tenant = await createTenant(store());
        const { key: revoked } = await issueKey(store(), tenant.id);
        const { key: rolled } = await issueKey(store(), tenant.id);
        const results = await Promise.allSettled([
          store().apiKeys.revoke(tenant.id, revoked.id, T0 + 1),
          store().apiKeys.roll(
            tenant.id,
            rolled.id,
            newSecret({ createdAt: T0 + 1 }),
            'pk_live_rolled',
            T0 + 1,
          ),
          store().tenants.update(tenant.id, { status: 'suspended' }, T0 + 1),
        ]);
        assert.deepEqual(
          results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
          ['ok', 'ok', 'ok'],
        );
      }
    });

    test('recordLastUsed stamps many keys and never moves a stamp backwards', async () => {
      const tenant = await createTenant(store());
      const { key: k1 } = await issueKey(store(), tenant.id);
      const { key: k2 } = await issueKey(store(), tenant.id);
      const { key: k3 } = await issueKey(store(), tenant.id);
      const lastUsed = async (key: ApiKey) => (await store().apiKeys.get(tenant.id, key.id))?.lastUsedAt;

      await store().apiKeys.recordLastUsed(new Map());
      await store().apiKeys.recordLastUsed(
        new Map([
          [k1.id, T0 + 100],
          [k2.id, T0 + 200],
          [uniqueId('key'), T0 + 300],
        ]),
      );
      assert.deepEqual(
        [await lastUsed(k1), await lastUsed(k2), await lastUsed(k3)],
        [T0 + 100, T0 + 200, null],
      );

      await store().apiKeys.recordLastUsed(
        new Map([
          [k1.id, T0 + 50],
          [k2.id, T0 + 250],
          [k3.id, T0 + 10],
        ]),
      );
      assert.deepEqual(
        [await lastUsed(k1), await lastUsed(k2), await lastUsed(k3)],
        [T0 + 100, T0 + 250, T0 + 10],
      );
    });
  });
}
