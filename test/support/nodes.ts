import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { openRedis, type RedisConnection } from '../../src/store/redis.ts';
import { startTestApp, type TestApp, type TestAppOptions } from './app.ts';
import { startPostgres } from './postgres.ts';

export interface TestNodes {
  nodes: TestApp[];
  /** The one frozen clock every node reads, so they move together. */
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestNodesOptions extends Omit<TestAppOptions, 'store' | 'clock' | 'redis'> {
  /** Each node connects to this Redis on its own connection. */
  redisUrl?: string;
}

/**
 * `count` nodes of one deployment: each its own app, service context (caches, limiter), store connection and
 * Redis connection, all over one database — a SQLite file, or one PostgreSQL database under
 * `npm run test:postgres` — with one frozen clock.
 */
export async function startTestNodes(count: number, options: TestNodesOptions = {}): Promise<TestNodes> {
  const { redisUrl, ...appOptions } = options;
  const database = await openDatabase();
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const nodes: TestApp[] = [];
  const connections: RedisConnection[] = [];
  const close = async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await Promise.all(connections.map((connection) => connection.close()));
    await database.drop();
  };
  try {
    // One after the other: the first migrates the database.
    for (let node = 0; node < count; node++) {
      const redis = redisUrl ? await openRedis(redisUrl, { commandTimeoutMs: 1_000 }) : undefined;
      if (redis) connections.push(redis);
      const store = await database.open();
      nodes.push(await startTestApp({ ...appOptions, store, clock, ...(redis ? { redis } : {}) }));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { nodes, clock, close };
}

async function openDatabase(): Promise<{ open: () => Promise<Store>; drop: () => Promise<void> }> {
  if (process.env.PORTCULLIS_TEST_STORE === 'postgres') {
    const pg = await startPostgres();
    if (!pg) throw new Error('PORTCULLIS_TEST_STORE=postgres needs PostgreSQL (see docs/testing.md)');
    return { open: () => openStore({ postgresUrl: pg.url }), drop: () => pg.stop() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-nodes-'));
  return {
    open: () => openStore({ sqlitePath: join(dir, 'portcullis.db') }),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}
