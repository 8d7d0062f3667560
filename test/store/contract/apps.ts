import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { App, Client, Store } from '../../../src/store/index.ts';
import { type ContractContext, collectPages, createTenant, newSecret, T0, uniqueId } from './fixtures.ts';

export function newApp(tenantId: string, overrides: Partial<App> = {}): App {
  return {
    id: uniqueId('app'),
    tenantId,
    name: 'Booking widget',
    type: 'confidential',
    allowedOrigins: ['https://widget.example.com', 'http://localhost:3000'],
    redirectUris: ['https://widget.example.com/callback'],
    logoUrl: 'https://widget.example.com/logo.png',
    homepageUrl: null,
    visibility: 'private',
    registeredVia: 'management',
    jwks: null,
    jwksUri: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export async function insertApp(store: Store, tenantId: string, overrides: Partial<App> = {}): Promise<App> {
  const app = newApp(tenantId, overrides);
  await store.apps.insert(app);
  return app;
}

export function newClient(tenantId: string, overrides: Partial<Client> = {}): Client {
  return {
    id: uniqueId('cl'),
    tenantId,
    appId: null,
    name: 'CRM sync',
    mode: 'live',
    scopes: ['customers:read', 'manage:keys'],
    status: 'active',
    expiresAt: null,
    createdAt: T0,
    updatedAt: T0,
    deletedAt: null,
    ...overrides,
  };
}

export function appsContract({ store }: ContractContext): void {
  describe('apps', () => {
    test('insert then get reads the app back, lists and nulls included', async () => {
      const tenant = await createTenant(store());
      const app = await insertApp(store(), tenant.id, { type: 'public', allowedOrigins: [], logoUrl: null });
      assert.deepEqual(await store().apps.get(tenant.id, app.id), app);
      assert.equal(await store().apps.get(tenant.id, uniqueId('app')), undefined);
    });

    test('list pages newest first by (created_at, id)', async () => {
      const tenant = await createTenant(store());
      const apps = [
        await insertApp(store(), tenant.id, { createdAt: T0 + 1 }),
        await insertApp(store(), tenant.id, { createdAt: T0 + 3 }),
        await insertApp(store(), tenant.id, { createdAt: T0 + 2 }),
      ];
      const all = await collectPages(2, (cursor) => store().apps.list(tenant.id, { cursor, limit: 2 }));
      assert.deepEqual(all, [apps[1], apps[2], apps[0]]);
    });

    test('update changes only the given fields and stamps updatedAt; null clears a URL', async () => {
      const tenant = await createTenant(store());
      const app = await insertApp(store(), tenant.id);
      const changed = await store().apps.update(
        tenant.id,
        app.id,
        { name: 'Renamed', redirectUris: [], logoUrl: null, homepageUrl: 'https://example.com' },
        T0 + 5,
      );
      const expected = {
        ...app,
        name: 'Renamed',
        redirectUris: [],
        logoUrl: null,
        homepageUrl: 'https://example.com',
        updatedAt: T0 + 5,
      };
      assert.deepEqual(changed, expected);
      assert.deepEqual(await store().apps.get(tenant.id, app.id), expected);
      assert.equal(await store().apps.update(tenant.id, uniqueId('app'), { name: 'x' }, T0), undefined);
    });

    test('delete refuses while a live client belongs to the app, then lets go of deleted clients', async () => {
      const tenant = await createTenant(store());
      const app = await insertApp(store(), tenant.id);
      const client = newClient(tenant.id, { appId: app.id });
      assert.deepEqual(await store().clients.insert(client, newSecret()), { inserted: true });
      const suspended = newClient(tenant.id, { appId: app.id, status: 'suspended' });
      await store().clients.insert(suspended, newSecret());

      assert.equal(await store().apps.delete(tenant.id, app.id), 'has_clients');
      await store().clients.delete(tenant.id, client.id, T0 + 1);
      assert.equal(await store().apps.delete(tenant.id, app.id), 'has_clients', 'a suspended client counts');
      await store().clients.delete(tenant.id, suspended.id, T0 + 1);

      assert.equal(await store().apps.delete(tenant.id, app.id), 'deleted');
      assert.equal(await store().apps.get(tenant.id, app.id), undefined);
      assert.equal((await store().clients.get(tenant.id, client.id))?.appId, null);
      assert.equal(await store().apps.delete(tenant.id, app.id), 'not_found');
    });

    describe('tenant scoping', () => {
      const twoTenants = async () => {
        const [tenantA, tenantB] = [await createTenant(store()), await createTenant(store())];
        const appA = await insertApp(store(), tenantA.id);
        const appB = await insertApp(store(), tenantB.id, { name: 'B app' });
        const assertUntouched = async () =>
          assert.deepEqual(await store().apps.get(tenantB.id, appB.id), appB);
        return { tenantA, appA, appB, assertUntouched };
      };

      test("get and list never return another tenant's app", async () => {
        const { tenantA, appA, appB } = await twoTenants();
        assert.equal(await store().apps.get(tenantA.id, appB.id), undefined);
        assert.deepEqual(await store().apps.list(tenantA.id, { limit: 100 }), {
          items: [appA],
          nextCursor: null,
        });
      });

      test("update and delete of another tenant's app change nothing", async () => {
        const { tenantA, appB, assertUntouched } = await twoTenants();
        assert.equal(await store().apps.update(tenantA.id, appB.id, { name: 'stolen' }, T0 + 1), undefined);
        assert.equal(await store().apps.delete(tenantA.id, appB.id), 'not_found');
        await assertUntouched();
      });

      test("a client cannot be attached to another tenant's app", async () => {
        const { tenantA, appB } = await twoTenants();
        const client = newClient(tenantA.id, { appId: appB.id });
        const secret = newSecret();
        assert.deepEqual(await store().clients.insert(client, secret), {
          inserted: false,
          reason: 'app_not_found',
        });
        assert.equal(await store().clients.get(tenantA.id, client.id), undefined);
        assert.equal(await store().clients.findBySecretHash(secret.secretHash), undefined);
      });
    });
  });
}
