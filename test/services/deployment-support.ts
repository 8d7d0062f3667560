import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import type { JoinOptions } from '../../src/services/deployment.ts';
import { PepperRing } from '../../src/services/peppers.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';

export const pepperText = (version: number, fill: number) =>
  `${version}:${Buffer.alloc(32, fill).toString('base64')}`;
export const OLD = pepperText(1, 1);
export const NEW = pepperText(2, 2);
export const MASTER_KEY = new Uint8Array(32).fill(5);
export const OTHER_MASTER_KEY = new Uint8Array(32).fill(6);

/** What a node brings to the deployment: its pepper ring and master key, from the env. */
export function node(
  store: Store,
  pepper: string,
  masterKey = MASTER_KEY,
  publicIssuer?: string,
): JoinOptions {
  return {
    store,
    clock: new ManualClock(Date.UTC(2026, 5, 1)),
    random: cryptoRandom,
    peppers: PepperRing.parse(pepper),
    masterKey,
    pepperSource: 'PORTCULLIS_PEPPER',
    masterKeySource: 'PORTCULLIS_MASTER_KEY',
    publicIssuer,
  };
}

/** Stores on one database, opened one after another (their migrations do not race); they then race. */
export async function openMany(open: () => Promise<Store>, count: number): Promise<Store[]> {
  const stores: Store[] = [];
  for (let index = 0; index < count; index++) stores.push(await open());
  return stores;
}

/** A fresh, empty database: `open` gives a store on it (each its own connection), `drop` removes it. */
interface FreshDatabase {
  open(): Promise<Store>;
  drop(): Promise<void>;
}

async function freshSqlite(): Promise<FreshDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-deployment-'));
  return {
    open: () => openStore({ sqlitePath: join(dir, 'portcullis.db') }),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function freshPostgres(): Promise<FreshDatabase> {
  const database = await startPostgres();
  assert.ok(database, 'PostgreSQL is available');
  return { open: () => openStore({ postgresUrl: database.url }), drop: () => database.stop() };
}

export type OnFreshDatabase = (work: (open: () => Promise<Store>) => Promise<void>) => Promise<void>;

/**
 * The backends the deployment tests run on, each with a runner of `work` on a fresh database: every store it
 * opens is closed, then the database dropped. PostgreSQL is skipped (`skip` set) when not installed.
 */
export async function deploymentBackends(): Promise<
  { name: string; skip: string | false; onFreshDatabase: OnFreshDatabase; stop(): Promise<void> }[]
> {
  const postgres = await startPostgres();
  const runner =
    (fresh: () => Promise<FreshDatabase>): OnFreshDatabase =>
    async (work) => {
      const database = await fresh();
      const opened: Store[] = [];
      try {
        await work(async () => {
          const store = await database.open();
          opened.push(store);
          return store;
        });
      } finally {
        for (const store of opened) await store.close();
        await database.drop();
      }
    };
  return [
    { name: 'SQLite', skip: false, onFreshDatabase: runner(freshSqlite), stop: async () => {} },
    {
      name: 'PostgreSQL',
      skip: !postgres && 'PostgreSQL not installed',
      onFreshDatabase: runner(freshPostgres),
      stop: async () => postgres?.stop(),
    },
  ];
}
