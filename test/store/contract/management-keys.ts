import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ManagementKey, NewManagementKey } from '../../../src/store/index.ts';
import { type ContractContext, collectPages, createTenant, SECOND, T0, uniqueId } from './fixtures.ts';

function newManagementKey(tenantId: string, overrides: Partial<NewManagementKey> = {}): NewManagementKey {
  return {
    id: uniqueId('management_key'),
    tenantId,
    name: 'deploy bot',
    mode: 'live',
    permissions: ['manage:keys', 'read:audit'],
    displayPrefix: 'ms_live_Ab12',
    createdAt: T0,
    secretHash: uniqueId('management_hash'),
    pepperVersion: 3,
    ...overrides,
  };
}

/** The key as a tenant-scoped read returns it: no hash, no pepper version. */
function shown(key: NewManagementKey, overrides: Partial<ManagementKey> = {}): ManagementKey {
  const { secretHash: _hash, pepperVersion: _version, ...rest } = key;
  return { ...rest, lastUsedAt: null, revokedAt: null, ...overrides };
}

export function managementKeysContract({ store }: ContractContext): void {
  describe('managementKeys', () => {
    test('insert then get returns the key without its hash; another tenant or an unknown id is undefined', async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      const key = newManagementKey(tenant.id);
      await store().managementKeys.insert(key);
      const got = await store().managementKeys.get(tenant.id, key.id);
      assert.deepEqual(got, shown(key));
      assert.equal(await store().managementKeys.get(other.id, key.id), undefined);
      assert.equal(await store().managementKeys.get(tenant.id, uniqueId('management_key')), undefined);
    });

    test('findForAuthentication returns the key, its hash, pepper version and tenant status', async () => {
      const tenant = await createTenant(store(), { status: 'suspended' });
      const key = newManagementKey(tenant.id);
      await store().managementKeys.insert(key);
      assert.deepEqual(await store().managementKeys.findForAuthentication(key.id), {
        key: shown(key),
        secretHash: key.secretHash,
        pepperVersion: 3,
        tenantStatus: 'suspended',
      });
      assert.equal(await store().managementKeys.findForAuthentication(uniqueId('management_key')), undefined);
    });

    test('a second key with the same secret hash rejects; a key for a missing tenant rejects', async () => {
      const tenant = await createTenant(store());
      const first = newManagementKey(tenant.id);
      await store().managementKeys.insert(first);
      const copy = newManagementKey(tenant.id, { secretHash: first.secretHash });
      await assert.rejects(store().managementKeys.insert(copy));
      assert.equal(await store().managementKeys.get(tenant.id, copy.id), undefined);
      const orphan = newManagementKey(uniqueId('missing_tenant'));
      await assert.rejects(store().managementKeys.insert(orphan));
    });

    test("list is the tenant's keys only, newest first, a page at a time", async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      await store().managementKeys.insert(newManagementKey(other.id));
      const keys = [0, 1, 2, 2, 3].map((step) =>
        newManagementKey(tenant.id, { createdAt: T0 + step * SECOND }),
      );
      for (const key of keys) await store().managementKeys.insert(key);
      const listed = await collectPages(2, (cursor) =>
        store().managementKeys.list(tenant.id, { limit: 2, cursor }),
      );
      const expected = [...keys].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
      assert.deepEqual(
        listed,
        expected.map((key) => shown(key)),
      );
    });

    test('revoke stamps once and only within the tenant; an unknown key is undefined', async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      const key = newManagementKey(tenant.id);
      await store().managementKeys.insert(key);
      assert.equal(await store().managementKeys.revoke(other.id, key.id, T0 + 1), undefined);
      assert.equal((await store().managementKeys.get(tenant.id, key.id))?.revokedAt, null);
      assert.deepEqual(
        await store().managementKeys.revoke(tenant.id, key.id, T0 + 5),
        shown(key, { revokedAt: T0 + 5 }),
      );
      assert.equal((await store().managementKeys.revoke(tenant.id, key.id, T0 + 9))?.revokedAt, T0 + 5);
      assert.equal((await store().managementKeys.findForAuthentication(key.id))?.key.revokedAt, T0 + 5);
      assert.equal(await store().managementKeys.revoke(tenant.id, uniqueId('management_key'), T0), undefined);
    });

    test('recordLastUsed moves forward only and never across tenants', async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      const key = newManagementKey(tenant.id);
      await store().managementKeys.insert(key);
      await store().managementKeys.recordLastUsed(other.id, key.id, T0 + 50);
      assert.equal((await store().managementKeys.get(tenant.id, key.id))?.lastUsedAt, null);
      await store().managementKeys.recordLastUsed(tenant.id, key.id, T0 + 20);
      await store().managementKeys.recordLastUsed(tenant.id, key.id, T0 + 10);
      assert.equal((await store().managementKeys.get(tenant.id, key.id))?.lastUsedAt, T0 + 20);
    });
  });
}
