import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { migrateToLatest, openConnection, openStore, type Store } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';
import { T0, uniqueId } from './contract/fixtures.ts';
import { storeContract } from './contract.ts';

const postgres = await startPostgres();

if (!postgres) {
  test.skip('PostgreSQL not installed');
} else {
  after(() => postgres.stop());

  /** The contract's database: fresh for the suite, dropped when its store closes. */
  const openFresh = async (): Promise<Store> => {
    const database = await startPostgres();
    assert.ok(database, 'PostgreSQL is available');
    let store: Store;
    try {
      store = await openStore({ postgresUrl: database.url });
    } catch (error) {
      await database.stop();
      throw error;
    }
    return {
      ...store,
      close: async () => {
        try {
          await store.close();
        } finally {
          await database.stop();
        }
      },
    };
  };

  storeContract('PostgreSQL store', openFresh);

  test('PostgreSQL migrations are idempotent: reopening applies nothing and keeps the data', async () => {
    const connection = openConnection({ postgresUrl: postgres.url });
    try {
      assert.deepEqual(await migrateToLatest(connection), [
        '001-initial',
        '002-oauth',
        '003-change-counter',
        '004-request-log-index',
        '005-change-seq',
        '006-outbox-and-modes',
        '007-deployment',
        '008-directory-sequence',
        '009-people',
        '010-webhooks',
        '011-usage-rollups',
        '012-installations',
        '013-key-model',
        '014-private-key-jwt',
        '015-served-config',
        '016-key-apps',
      ]);
      assert.deepEqual(await migrateToLatest(connection), []);
    } finally {
      await connection.db.destroy();
    }
    const tenant = {
      id: uniqueId('tenant'),
      name: 'Kept',
      planId: 'free',
      status: 'active',
      createdAt: T0,
      updatedAt: T0,
    } as const;
    const first = await openStore({ postgresUrl: postgres.url });
    await first.tenants.insert(tenant);
    await first.close();
    const second = await openStore({ postgresUrl: postgres.url });
    try {
      assert.deepEqual(await second.tenants.get(tenant.id), tenant);
    } finally {
      await second.close();
    }
  });
}
