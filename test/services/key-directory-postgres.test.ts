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
import { rollKey } from '../../src/services/keys/roll.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant, updateTenant } from '../../src/services/tenants/manage.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import {
  invalidationNotice,
  LISTENER_APPLICATION_NAME,
  readInvalidationNotice,
} from '../../src/store/postgres-bus.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

/** Polls (no fixed sleep) until `holds`, up to 5 s. */
async function until(holds: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const codeOf = async (context: ServiceContext, key: string) => {
  const result = await verifyApiKey(context, key, {});
  return result.valid ? 'valid' : result.code;
};

describe('commit notices name the directory writes', () => {
  test('a payload says whether caches must drop and which sequence values were written', () => {
    assert.deepEqual(readInvalidationNotice(invalidationNotice(true, [41, 42])), {
      changed: true,
      directorySeqs: [41, 42],
    });
    assert.deepEqual(readInvalidationNotice(invalidationNotice(false, [43])), {
      changed: false,
      directorySeqs: [43],
    });
    assert.deepEqual(readInvalidationNotice(invalidationNotice(true, [])), {
      changed: true,
      directorySeqs: [],
    });
  });

  test('too many values to name, or a payload it cannot read, asks for every row', () => {
    const many = Array.from({ length: 2_000 }, (_, index) => 1_000_000 + index);
    assert.deepEqual(readInvalidationNotice(invalidationNotice(false, many)), {
      changed: false,
      directorySeqs: 'all',
    });
    for (const payload of ['', 'x', 'c:1,,2', 'c:-1', undefined]) {
      assert.deepEqual(readInvalidationNotice(payload), { changed: true, directorySeqs: 'all' });
    }
  });
});

const database = await startPostgres();
const skip = database ? false : 'PostgreSQL is not available';

describe('the key directory on PostgreSQL: two nodes on one database', { skip }, () => {
  let pgdb: TestPostgres;
  let stores: Store[] = [];
  let a: ServiceContext;
  let b: ServiceContext;
  let tenantId: string;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const node = (store: Store) =>
    buildServiceContext({
      config: loadConfig({ object: {}, env: {} }),
      store,
      pepper: TEST_PEPPER,
      masterKey: TEST_MASTER_KEY,
      clock,
    });
  const issued = async () => {
    const { plaintext, key } = await issueKey(a, localPrincipal, tenantId, { name: 'k', type: 'secret' });
    return { plaintext, id: key.id };
  };
  const issue = async () => (await issued()).plaintext;
  /** Waits until B has heard of A's last write and read it into its directory. */
  const caughtUp = async (version: number | undefined) => {
    await until(() => b.store.invalidation.directoryVersion() !== version, "B's notice");
    assert.equal(await b.keyDirectory.catchUp(), true, "B's directory is current");
  };

  before(async () => {
    pgdb = database as TestPostgres;
    stores = [await openStore({ postgresUrl: pgdb.url }), await openStore({ postgresUrl: pgdb.url })];
    a = node(stores[0] as Store);
    tenantId = (await createTenant(a, localPrincipal, { name: 'Club', plan: 'pro' })).id;
    for (let i = 0; i < 3; i++) await issue();
    // B starts after A has written: its first read takes every row.
    b = node(stores[1] as Store);
    await until(() => b.store.invalidation.directoryVersion() !== undefined, 'B to listen');
  });
  after(async () => {
    for (const context of [a, b]) await context?.requestFeed.close();
    for (const store of stores) await store.close();
    await pgdb?.stop();
  });

  test('a node reads every key at its start and answers from memory', async () => {
    assert.equal(await b.keyDirectory.catchUp(), true);
    assert.ok(b.keyDirectory.size >= 3, `holds ${b.keyDirectory.size} secrets`);
  });

  test('a key created on A verifies on B at once, before B has heard of it, and joins its directory', async () => {
    assert.equal(await b.keyDirectory.catchUp(), true);
    const size = b.keyDirectory.size;
    const version = b.store.invalidation.directoryVersion();
    const key = await issue();
    // A miss on PostgreSQL is read from the database: a key made a moment ago on another node is no stranger.
    assert.equal(await codeOf(b, key), 'valid');
    await caughtUp(version);
    assert.equal(b.keyDirectory.size, size + 1, 'the new secret is in the directory');
    assert.equal(await codeOf(b, key), 'valid');
  });

  test('a revocation, a roll and a suspension on A are refused by B once heard of', async () => {
    let heard = b.store.invalidation.directoryVersion();
    const revoked = await issued();
    const rolled = await issued();
    await caughtUp(heard);
    for (const key of [revoked, rolled]) {
      assert.equal(await codeOf(b, key.plaintext), 'valid');
      assert.equal(await codeOf(b, key.plaintext), 'valid');
    }
    heard = b.store.invalidation.directoryVersion();
    await revokeKey(a, localPrincipal, tenantId, revoked.id);
    await caughtUp(heard);
    assert.equal(await codeOf(b, revoked.plaintext), 'revoked');
    heard = b.store.invalidation.directoryVersion();
    await rollKey(a, localPrincipal, tenantId, rolled.id, 0);
    await caughtUp(heard);
    assert.equal(await codeOf(b, rolled.plaintext), 'rolled', "the rolled key's old secret stops at once");
    heard = b.store.invalidation.directoryVersion();
    const spare = await issue();
    await caughtUp(heard);
    heard = b.store.invalidation.directoryVersion();
    await updateTenant(a, localPrincipal, tenantId, { status: 'suspended' });
    await caughtUp(heard);
    assert.equal(await codeOf(b, spare), 'tenant_suspended');
    await updateTenant(a, localPrincipal, tenantId, { status: 'active' });
  });

  test("a node's own revocation is refused on its very next request", async () => {
    const { plaintext: key, id } = await issued();
    await until(() => b.keyDirectory.current(), "B's directory to hold the key");
    assert.equal(await codeOf(b, key), 'valid');
    await revokeKey(b, localPrincipal, tenantId, id);
    assert.equal(await codeOf(b, key), 'revoked');
  });

  test('after losing its listener a node answers nothing from its directory, then reads every row again', async () => {
    const { plaintext: key, id } = await issued();
    await until(() => b.keyDirectory.current(), "B's directory to hold the key");
    const admin = new pg.Client({ connectionString: pgdb.url });
    await admin.connect();
    try {
      // The listeners go first, then the key is revoked while B cannot hear of it.
      // By the listeners' name: their last query is the heartbeat's as often as the LISTEN.
      const ended = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [LISTENER_APPLICATION_NAME],
      );
      assert.equal(ended.rowCount, 2, "both nodes' listeners");
    } finally {
      await admin.end();
    }
    await until(() => b.store.invalidation.directoryVersion() === undefined, 'the loss to show');
    assert.equal(b.keyDirectory.current(), false, 'no answer from the directory while not listening');
    await revokeKey(a, localPrincipal, tenantId, id);
    assert.equal(await codeOf(b, key), 'revoked', 'read from the database meanwhile');
    await until(() => b.store.invalidation.directoryVersion() !== undefined, 'B to listen again');
    assert.equal(await b.keyDirectory.catchUp(), true);
    assert.equal(await codeOf(b, key), 'revoked', 'the full read saw the revocation it missed');
  });
});
