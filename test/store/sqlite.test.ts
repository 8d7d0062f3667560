import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, test } from 'node:test';
import { migrateToLatest, openConnection, openStore } from '../../src/store/index.ts';
import { createTenant, issueKey, newKey, newSecret, T0, uniqueId } from './contract/fixtures.ts';
import { storeContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `work` on a second, raw connection to the database file, as another process would. */
function withRawFile<T>(path: string, work: (raw: DatabaseSync) => T, timeout = 5000): T {
  const raw = new DatabaseSync(path, { timeout });
  try {
    return work(raw);
  } finally {
    raw.close();
  }
}

storeContract('SQLite store in memory', () => openStore({ sqlitePath: ':memory:' }));

const contractFile = join(dir, 'contract', 'portcullis.db');
storeContract('SQLite store in a file', () => openStore({ sqlitePath: contractFile }));

describe('SQLite file', () => {
  test('the file is in WAL mode, as a second connection sees it', async () => {
    const path = join(dir, 'wal', 'portcullis.db');
    const store = await openStore({ sqlitePath: path });
    try {
      const mode = withRawFile(path, (raw) => raw.prepare('PRAGMA journal_mode').get());
      assert.deepEqual({ ...mode }, { journal_mode: 'wal' });
    } finally {
      await store.close();
    }
  });

  test('foreign keys are enforced: an api key for a tenant that does not exist rejects', async () => {
    const store = await openStore({ sqlitePath: join(dir, 'foreign-keys.db') });
    try {
      const key = newKey(uniqueId('missing_tenant'));
      await assert.rejects(store.apiKeys.insertWithinLimit(key, newSecret(), 5, T0), /FOREIGN KEY/);
      assert.equal(await store.apiKeys.get(key.tenantId, key.id), undefined);
    } finally {
      await store.close();
    }
  });

  test('a unit of work takes the write lock at its start: a commit by another connection cannot fail it', async () => {
    const path = join(dir, 'immediate.db');
    const store = await openStore({ sqlitePath: path });
    try {
      const tenant = await createTenant(store);
      const { key } = await issueKey(store, tenant.id);
      let otherWrite: unknown = 'not tried';
      const revoked = await store.unitOfWork(async (unit) => {
        assert.ok(await unit.apiKeys.get(tenant.id, key.id));
        // What the feed writer thread does meanwhile, on its own connection. Had it committed between the
        // unit's read and its first write, the unit's snapshot would be stale and its write refused at once
        // (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out). It must wait for the unit instead: with
        // no busy timeout, it is told the database is busy.
        otherWrite = withRawFile(
          path,
          (raw) => {
            try {
              raw.exec(`INSERT INTO activity_log (tenant_id, at, actor_type, action, target_type, target_id,
                details) VALUES ('${tenant.id}', 0, 'client', 'token.issued', 'client', 'c', '{}')`);
              return 'committed';
            } catch (error) {
              return (error as { errcode?: number }).errcode;
            }
          },
          0,
        );
        return unit.apiKeys.revoke(tenant.id, key.id, T0 + 1);
      });
      assert.equal(revoked?.revokedAt, T0 + 1);
      assert.equal(otherWrite, 5, 'SQLITE_BUSY: the other writer waits for the unit');
    } finally {
      await store.close();
    }
  });

  test('migrations are idempotent: reopening applies nothing and keeps the data', async () => {
    const path = join(dir, 'reopen.db');
    const connection = openConnection({ sqlitePath: path });
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
    const first = await openStore({ sqlitePath: path });
    await first.tenants.insert(tenant);
    await first.close();
    const second = await openStore({ sqlitePath: path });
    try {
      assert.deepEqual(await second.tenants.get(tenant.id), tenant);
    } finally {
      await second.close();
    }
  });
});
