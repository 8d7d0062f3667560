import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Client } from '../../../src/store/index.ts';
import { insertApp, newClient } from './apps.ts';
import {
  type ContractContext,
  collectPages,
  createTenant,
  MINUTE,
  newSecret,
  T0,
  uniqueId,
} from './fixtures.ts';

export function clientsContract({ store }: ContractContext): void {
  /** `findBySecretHash` with own fields only, for deep comparison. */
  const bySecret = async (secretHash: string) => {
    const found = await store().clients.findBySecretHash(secretHash);
    return found && { client: { ...found.client }, secretExpiresAt: found.secretExpiresAt };
  };
  const insertClient = async (tenantId: string, overrides: Partial<Client> = {}) => {
    const client = newClient(tenantId, overrides);
    const secret = newSecret();
    assert.deepEqual(await store().clients.insert(client, secret), { inserted: true });
    return { client, secret };
  };

  describe('clients', () => {
    test('insert then get and findBySecretHash read the client back; unknown ids and hashes are undefined', async () => {
      const tenant = await createTenant(store());
      const { client, secret } = await insertClient(tenant.id, { mode: 'test', expiresAt: T0 + MINUTE });
      assert.deepEqual(await store().clients.get(tenant.id, client.id), client);
      assert.deepEqual(await bySecret(secret.secretHash), { client, secretExpiresAt: null });
      assert.equal(await store().clients.findBySecretHash(uniqueId('hash')), undefined);
      assert.equal(await store().clients.get(tenant.id, uniqueId('cl')), undefined);
      assert.equal(await store().clients.tenantOf(client.id), tenant.id);
      assert.equal(await store().clients.tenantOf(uniqueId('cl')), undefined);
    });

    test('a failing secret insert (hash taken) rolls the client back too', async () => {
      const tenant = await createTenant(store());
      const { secret } = await insertClient(tenant.id);
      const client = newClient(tenant.id);
      await assert.rejects(store().clients.insert(client, newSecret({ secretHash: secret.secretHash })));
      assert.equal(await store().clients.get(tenant.id, client.id), undefined);
    });

    test('list hides deleted clients unless asked, newest first, page by page', async () => {
      const tenant = await createTenant(store());
      const { client: first } = await insertClient(tenant.id, { createdAt: T0 + 1 });
      const { client: second } = await insertClient(tenant.id, { createdAt: T0 + 2 });
      const { client: third } = await insertClient(tenant.id, { createdAt: T0 + 3 });
      const deleted = await store().clients.delete(tenant.id, second.id, T0 + 4);
      assert.ok(deleted);
      const live = await collectPages(1, (cursor) => store().clients.list(tenant.id, { cursor, limit: 1 }));
      assert.deepEqual(live, [third, first]);
      const all = await collectPages(2, (cursor) =>
        store().clients.list(tenant.id, { cursor, limit: 2 }, { includeDeleted: true }),
      );
      assert.deepEqual(all, [third, deleted, first]);
    });

    test('list filters by status at a time, app, mode and exact name prefix in the query, page by page', async () => {
      const tenant = await createTenant(store());
      const { id: app } = await insertApp(store(), tenant.id);
      const { client: active } = await insertClient(tenant.id, { name: 'Sync één', createdAt: T0 + 1 });
      const { client: expired } = await insertClient(tenant.id, {
        name: 'Sync_%',
        createdAt: T0 + 2,
        expiresAt: T0 + 10,
      });
      const { client: suspended } = await insertClient(tenant.id, {
        name: 'sync',
        createdAt: T0 + 3,
        status: 'suspended',
        appId: app,
        mode: 'test',
      });
      const { client: gone } = await insertClient(tenant.id, { name: 'Sync', createdAt: T0 + 4, appId: app });
      const deleted = await store().clients.delete(tenant.id, gone.id, T0 + 5);
      const list = (filter: Parameters<ReturnType<typeof store>['clients']['list']>[2]) =>
        collectPages(1, (cursor) => store().clients.list(tenant.id, { cursor, limit: 1 }, filter));
      const at = (is: 'active' | 'suspended' | 'expired' | 'deleted', now: number) => ({
        status: { is, now },
      });
      assert.deepEqual(await list(at('active', T0 + 10)), [active]);
      assert.deepEqual(await list(at('active', T0 + 9)), [expired, active]);
      assert.deepEqual(await list(at('expired', T0 + 10)), [expired]);
      assert.deepEqual(await list({ ...at('expired', T0 + 10), includeDeleted: true }), [expired]);
      assert.deepEqual(await list(at('suspended', T0 + 10)), [suspended]);
      assert.deepEqual(await list(at('deleted', T0 + 10)), [deleted]);
      assert.deepEqual(await list({ appId: app }), [suspended]);
      assert.deepEqual(await list({ appId: app, includeDeleted: true }), [deleted, suspended]);
      assert.deepEqual(await list({ mode: 'test' }), [suspended]);
      assert.deepEqual(await list({ namePrefix: 'Sync' }), [expired, active]);
      assert.deepEqual(await list({ namePrefix: 'Sync é' }), [active]);
      assert.deepEqual(await list({ namePrefix: 'Sync_' }), [expired]);
      assert.deepEqual(await list({ namePrefix: 'Sync%' }), []);
      assert.deepEqual(await list({ namePrefix: 'sync' }), [suspended]);
    });

    test('update changes scopes and status of a live client only', async () => {
      const tenant = await createTenant(store());
      const { client } = await insertClient(tenant.id);
      const suspended = await store().clients.update(tenant.id, client.id, { status: 'suspended' }, T0 + 1);
      assert.deepEqual(suspended, { ...client, status: 'suspended', updatedAt: T0 + 1 });
      const rescoped = await store().clients.update(
        tenant.id,
        client.id,
        { scopes: ['events:read'] },
        T0 + 2,
      );
      assert.deepEqual(rescoped, {
        ...client,
        status: 'suspended',
        scopes: ['events:read'],
        updatedAt: T0 + 2,
      });
      await store().clients.delete(tenant.id, client.id, T0 + 3);
      assert.equal(
        await store().clients.update(tenant.id, client.id, { status: 'active' }, T0 + 4),
        undefined,
      );
      assert.equal((await store().clients.get(tenant.id, client.id))?.status, 'deleted');
    });

    test('rotateSecret ends older secrets at the grace time, never later than they already end', async () => {
      const tenant = await createTenant(store());
      const { client, secret: first } = await insertClient(tenant.id);
      const second = newSecret({ createdAt: T0 + MINUTE });
      assert.equal(await store().clients.rotateSecret(tenant.id, client.id, second, T0 + 10 * MINUTE), true);
      assert.equal((await bySecret(first.secretHash))?.secretExpiresAt, T0 + 10 * MINUTE);
      assert.equal((await bySecret(second.secretHash))?.secretExpiresAt, null);
      assert.equal((await store().clients.get(tenant.id, client.id))?.updatedAt, T0 + MINUTE);

      const third = newSecret({ createdAt: T0 + 2 * MINUTE });
      await store().clients.rotateSecret(tenant.id, client.id, third, T0 + 60 * MINUTE);
      assert.equal((await bySecret(first.secretHash))?.secretExpiresAt, T0 + 10 * MINUTE);
      assert.equal((await bySecret(second.secretHash))?.secretExpiresAt, T0 + 60 * MINUTE);

      const fourth = newSecret({ createdAt: T0 + 3 * MINUTE });
      await store().clients.rotateSecret(tenant.id, client.id, fourth, T0 + 3 * MINUTE);
      for (const old of [first, second, third]) {
        assert.equal((await bySecret(old.secretHash))?.secretExpiresAt, T0 + 3 * MINUTE);
      }
      assert.equal((await bySecret(fourth.secretHash))?.secretExpiresAt, null);
    });

    test('delete marks the client deleted once and ends its secrets now', async () => {
      const tenant = await createTenant(store());
      const { client, secret: first } = await insertClient(tenant.id);
      const second = newSecret({ createdAt: T0 + 1 });
      await store().clients.rotateSecret(tenant.id, client.id, second, T0 + 2);
      const deleted = await store().clients.delete(tenant.id, client.id, T0 + 5);
      const expected = { ...client, status: 'deleted', deletedAt: T0 + 5, updatedAt: T0 + 5 } as const;
      assert.deepEqual(deleted, expected);
      assert.deepEqual(await bySecret(first.secretHash), { client: expected, secretExpiresAt: T0 + 2 });
      assert.deepEqual(await bySecret(second.secretHash), { client: expected, secretExpiresAt: T0 + 5 });
      assert.equal(await store().clients.delete(tenant.id, client.id, T0 + 9), undefined);
      assert.deepEqual(await store().clients.get(tenant.id, client.id), expected);
      const late = newSecret({ createdAt: T0 + 10 });
      assert.equal(await store().clients.rotateSecret(tenant.id, client.id, late, T0 + 10), false);
      assert.equal(await store().clients.findBySecretHash(late.secretHash), undefined);
    });

    describe('tenant scoping', () => {
      /** Two tenants with one client each; every check below reaches for B's client as tenant A. */
      const twoTenants = async () => {
        const [tenantA, tenantB] = [await createTenant(store()), await createTenant(store())];
        const { client: clientA } = await insertClient(tenantA.id);
        const { client: clientB, secret: secretB } = await insertClient(tenantB.id);
        const assertUntouched = async () => {
          assert.deepEqual(await store().clients.get(tenantB.id, clientB.id), clientB);
          assert.deepEqual(await bySecret(secretB.secretHash), { client: clientB, secretExpiresAt: null });
        };
        return { tenantA, clientA, clientB, assertUntouched };
      };

      test("get and list never return another tenant's client", async () => {
        const { tenantA, clientA, clientB } = await twoTenants();
        assert.equal(await store().clients.get(tenantA.id, clientB.id), undefined);
        assert.deepEqual(await store().clients.list(tenantA.id, { limit: 100 }, { includeDeleted: true }), {
          items: [clientA],
          nextCursor: null,
        });
      });

      test("update and delete of another tenant's client change nothing", async () => {
        const { tenantA, clientB, assertUntouched } = await twoTenants();
        const changes = { status: 'suspended' as const, scopes: ['manage:apps'] };
        assert.equal(await store().clients.update(tenantA.id, clientB.id, changes, T0 + 1), undefined);
        assert.equal(await store().clients.delete(tenantA.id, clientB.id, T0 + 1), undefined);
        await assertUntouched();
      });

      test("rotateSecret of another tenant's client adds no secret and changes nothing", async () => {
        const { tenantA, clientB, assertUntouched } = await twoTenants();
        const stolen = newSecret({ createdAt: T0 + 2 });
        assert.equal(await store().clients.rotateSecret(tenantA.id, clientB.id, stolen, T0 + 2), false);
        assert.equal(await store().clients.findBySecretHash(stolen.secretHash), undefined);
        await assertUntouched();
      });
    });
  });
}
