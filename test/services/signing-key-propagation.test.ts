import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { rotateSigningKey } from '../../src/services/tokens/rotate-signing-key.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { startPostgres } from '../support/postgres.ts';

/** Polls (no fixed sleep) until `holds`, up to 5 s. */
async function until(holds: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
const node = (store: Store): ServiceContext =>
  buildServiceContext({
    config: loadConfig({ object: {}, env: {} }),
    store,
    pepper: TEST_PEPPER,
    masterKey: TEST_MASTER_KEY,
    clock,
  });

/** A rotation on node A, then node B at the same instant: B signs with the new key and publishes it. */
async function rotationReaches(stores: [Store, Store]): Promise<void> {
  const [a, b] = stores.map(node) as [ServiceContext, ServiceContext];
  const now = clock.now();
  const before = await b.signingKeys.current(now);
  const version = b.store.invalidation.cacheVersion();
  const rotated = await rotateSigningKey(a, localPrincipal);
  await until(() => b.store.invalidation.cacheVersion() !== version, "B's bus to move");
  // No time passes: B does not wait for its half-minute reread.
  assert.equal((await b.signingKeys.current(now)).kid, rotated.kid, 'B signs with the new key');
  const published = (await b.signingKeys.jwks(now)).keys.map((key) => key.kid);
  assert.ok(published.includes(rotated.kid) && published.includes(before.kid), 'both published on B');
  for (const context of [a, b]) await context.requestFeed.close();
}

describe('a signing-key rotation on one node is used by another on its next use', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('SQLite: two connections to one file (the CLI and the server)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portcullis-ring-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'portcullis.db');
    const stores: [Store, Store] = [
      await openStore({ sqlitePath: path }),
      await openStore({ sqlitePath: path }, { counterReadIntervalMs: 0 }),
    ];
    cleanups.push(async () => {
      for (const store of stores) await store.close();
    });
    await rotationReaches(stores);
  });

  test('PostgreSQL: two nodes, through the bus', async (t) => {
    const database = await startPostgres();
    if (!database) return t.skip('PostgreSQL is not available');
    cleanups.push(() => database.stop());
    const stores: [Store, Store] = [
      await openStore({ postgresUrl: database.url }),
      await openStore({ postgresUrl: database.url }),
    ];
    cleanups.push(async () => {
      for (const store of stores) await store.close();
    });
    await until(() => stores.every((store) => store.invalidation.cacheVersion() !== undefined), 'the buses');
    await rotationReaches(stores);
  });
});
