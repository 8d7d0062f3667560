import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { revokeKey } from '../../src/services/keys/manage.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { LISTENER_APPLICATION_NAME } from '../../src/store/postgres-bus.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

/** Polls `probe` (no fixed sleep: it returns as soon as the condition holds), up to 5 s. */
async function until<T>(probe: () => T, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = probe();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const listening = (store: Store) =>
  until(
    () => store.invalidation.cacheVersion(),
    (v) => v !== undefined,
    'the bus to listen',
  ) as Promise<number>;

const database = await startPostgres();
const skip = database ? false : 'PostgreSQL is not available';

describe('the PostgreSQL invalidation bus: two nodes on one database', { skip }, () => {
  let pgdb: TestPostgres;
  let nodeA: Store;
  let nodeB: Store;
  before(async () => {
    pgdb = database as TestPostgres;
    nodeA = await openStore({ postgresUrl: pgdb.url });
    nodeB = await openStore({ postgresUrl: pgdb.url });
    await Promise.all([listening(nodeA), listening(nodeB)]);
  });
  after(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await pgdb?.stop();
  });

  const tenant = async (store: Store) => {
    const id = `ten_bus${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`;
    const at = Date.UTC(2030, 0, 1);
    await store.tenants.insert({
      id,
      name: 'Bus',
      planId: 'free',
      status: 'active',
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };

  test("a committed change on A moves B's version, once; a unit without a change or rolled back does not", async () => {
    const tenantId = await tenant(nodeA);
    const before = await listening(nodeB);
    await nodeA.unitOfWork((unit) =>
      unit.activityLog.append({
        tenantId,
        at: 1,
        actorType: 'cli',
        actorId: null,
        ip: null,
        action: 'tenant.renamed',
        targetType: 'tenant',
        targetId: tenantId,
        details: {},
      }),
    );
    await assert.rejects(
      nodeA.unitOfWork(async (unit) => {
        await unit.tenants.update(tenantId, { status: 'suspended' }, 2);
        throw new Error('rolled back');
      }),
    );
    await nodeA.tenants.update(tenantId, { status: 'suspended' }, 3);
    const after = await until(
      () => nodeB.invalidation.cacheVersion(),
      (v) => v !== before,
      'the notice',
    );
    assert.equal(after, (before as number) + 1, 'exactly one notice: the committed change');
    assert.equal(
      (await nodeB.tenants.get(tenantId))?.status,
      'suspended',
      'the change is visible at the notice',
    );
  });

  /** `sql` on a connection of its own, with the listeners' application name as $1. */
  const onListeners = async (sql: string): Promise<number[]> => {
    const admin = new pg.Client({ connectionString: (database as TestPostgres).url });
    await admin.connect();
    try {
      return (await admin.query<{ pid: number }>(sql, [LISTENER_APPLICATION_NAME])).rows.map(
        (row) => row.pid,
      );
    } finally {
      await admin.end();
    }
  };

  test('a node that loses its listener stops trusting its caches until it listens again, on a new version', async () => {
    const before = await listening(nodeB);
    assert.equal(nodeB.invalidation.status().connected, true);
    const reconnectsBefore = nodeB.invalidation.status().reconnects;
    await onListeners(
      `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`,
    );
    await until(
      () => nodeB.invalidation.cacheVersion(),
      (v) => v === undefined,
      'the loss to show',
    );
    assert.equal(nodeB.invalidation.status().connected, false, 'reported as disconnected (/metrics)');
    const resumed = await listening(nodeB);
    assert.ok(resumed > before, 'a new version: what was cached before the gap is dropped');
    const status = nodeB.invalidation.status();
    assert.equal(status.connected, true);
    assert.equal(status.reconnects, reconnectsBefore + 1, 'the reconnection counted');
    assert.ok(performance.now() - (status.lastHeardAt as number) < 5_000, 'heard from at its reconnection');
  });

  test('a listener whose connection hangs without an error (its server process frozen) is given up the same way', {
    skip:
      process.env.PORTCULLIS_TEST_DATABASE_URL !== undefined &&
      'PostgreSQL runs elsewhere: no process to freeze',
  }, async () => {
    const before = await listening(nodeB);
    const frozen = await onListeners(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    );
    assert.equal(frozen.length, 2, 'one listener per node');
    // SIGSTOP: the connection stays open and nothing comes through it, as with a hung host; only the heartbeat
    // going unanswered can show it.
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      await until(
        () => nodeB.invalidation.cacheVersion(),
        (v) => v === undefined,
        'the hang to show',
      );
      const resumed = await listening(nodeB);
      assert.ok(resumed > before, 'listening on a new connection, on a new version');
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
  });
});

describe('caches on PostgreSQL: a revocation on one node reaches the other', { skip }, () => {
  let pgdb: TestPostgres;
  let stores: Store[] = [];
  let a: ServiceContext;
  let b: ServiceContext;
  before(async () => {
    pgdb = (await startPostgres()) as TestPostgres;
    stores = [await openStore({ postgresUrl: pgdb.url }), await openStore({ postgresUrl: pgdb.url })];
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
    const node = (store: Store) =>
      buildServiceContext({
        config: loadConfig({ object: {}, env: {} }),
        store,
        pepper: TEST_PEPPER,
        masterKey: TEST_MASTER_KEY,
        clock,
      });
    [a, b] = stores.map(node) as [ServiceContext, ServiceContext];
    await Promise.all(stores.map(listening));
  });
  after(async () => {
    for (const context of [a, b]) await context?.requestFeed.close();
    for (const store of stores) await store.close();
    await pgdb?.stop();
  });

  test('B answers a key from its cache, and refuses it once A has revoked it', async () => {
    const created = await createTenant(a, localPrincipal, { name: 'Club', plan: 'pro' });
    const issued = await issueKey(a, localPrincipal, created.id, { name: 'k', type: 'secret' });
    assert.equal((await verifyApiKey(b, issued.plaintext, {})).valid, true);
    assert.equal((await verifyApiKey(b, issued.plaintext, {})).valid, true);
    assert.ok(b.verifiedKeys.size > 0, 'B caches what it verified: the bus confirms it is current');
    const version = b.store.invalidation.cacheVersion();
    await revokeKey(a, localPrincipal, created.id, issued.key.id);
    await until(
      () => b.store.invalidation.cacheVersion(),
      (v) => v !== version,
      "B's notice",
    );
    const refused = await verifyApiKey(b, issued.plaintext, {});
    assert.equal(refused.valid ? 'valid' : refused.code, 'revoked');
  });
});
