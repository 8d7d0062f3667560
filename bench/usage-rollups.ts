/**
 * The feed writer's cost of the usage rollups (decision 030), measured on the writer thread's own code path:
 * `SqliteFeedStatements.write` inside `runSyncTransaction` on a database file, with no server, no load
 * generator and no other thread, so the figures are repeatable on a shared machine. Bounded: it stops by itself
 * (about a minute per source with the default rounds).
 *
 *   node bench/usage-rollups.ts [--rounds 3] [--source name=<checkout>]…
 *
 * Times are CPU time (`process.cpuUsage`), not wall time: other processes on a shared machine do not count.
 * Each `--source` is a checkout (its `src/` is imported), so the build before the rollups and the current one
 * can be compared with this one: `git archive <commit> src | tar -x -C <dir>` and a `node_modules` symlink.
 * Without `--source`, this checkout is measured.
 *
 * Scenarios, every row a distinct key of one tenant within its flush (the worst case for a tally):
 *  - traffic: 60 s at 20,000 calls/s over 10,000 keys in 240 flushes of 5,000 rows, one minute closing in
 *    the middle (so one minute's counts of all 10,000 keys are written, as once a minute in steady use);
 *  - hour: 10,000 keys each called once a minute for an hour, one flush a minute (each closing the minute
 *    before), then the flush that closes the hour: what a minute close and an hour close cost on their own;
 *  - tally: the usage tally alone (`UsageTally.stage` and `commit`) over the traffic's batches.
 * Sources are measured in turn within each round; each figure is the median of the rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// This checkout's shape of a feed row; every source measured takes the same (types only, erased at run time).
import type { RequestRecord } from '../src/store/request-log.ts';

const KEYS = 10_000;
const CALLS_PER_SECOND = 20_000;
const FLUSH_ROWS = 5_000;
const FLUSHES = 240;
const MINUTE = 60_000;
/** An hour's start, far from any real data. */
const T0 = Date.UTC(2030, 0, 1);

/** What a source's modules give the bench; the build before the rollups has no tally. */
interface Source {
  name: string;
  dir: string;
  // biome-ignore lint/suspicious/noExplicitAny: each source's own module shapes, across versions
  feedSql: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  sqliteDatabase: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  store: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  requestBatch: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  usageRollups: any | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  usageTally: any | undefined;
}

async function loadSource(name: string, dir: string): Promise<Source> {
  const load = (path: string) => import(pathToFileURL(join(dir, 'src/store', path)).href);
  return {
    name,
    dir,
    feedSql: await load('feed-sql.ts'),
    sqliteDatabase: await load('sqlite-database.ts'),
    store: await load('index.ts'),
    requestBatch: await load('request-batch.ts'),
    usageRollups: await load('usage-rollups.ts').catch(() => undefined),
    usageTally: await load('usage-tally.ts').catch(() => undefined),
  };
}

const keyIds = Array.from({ length: KEYS }, (_, index) => `key_${String(index).padStart(6, '0')}_bench`);

function record(at: number, key: number): RequestRecord {
  return {
    tenantId: 'ten_bench',
    credentialId: keyIds[key] as string,
    credentialType: 'api_key',
    at,
    method: 'POST',
    path: '/v1/verify',
    status: 200,
    outcome: 'valid',
    latencyMs: 0.25,
    ip: '127.0.0.1',
    rateLimited: false,
  };
}

interface Flush {
  // biome-ignore lint/suspicious/noExplicitAny: the source's PackedRequests
  requests: any;
  usageDueBefore: number;
}

/** 240 flushes of 5,000 rows from T0 + 30 s: the minute starting at T0 closes at the 120th. */
function trafficFlushes(source: Source): Flush[] {
  const flushes: Flush[] = [];
  const start = T0 + 30_000;
  const perMs = CALLS_PER_SECOND / 1000;
  for (let flush = 0; flush < FLUSHES; flush++) {
    const batch = new source.requestBatch.RequestBatch();
    for (let offset = 0; offset < FLUSH_ROWS; offset++) {
      const call = flush * FLUSH_ROWS + offset;
      batch.append(record(start + Math.floor(call / perMs), call % KEYS));
    }
    const end = start + ((flush + 1) * FLUSH_ROWS) / perMs;
    flushes.push({ requests: batch.take(), usageDueBefore: Math.floor(end / MINUTE) * MINUTE });
  }
  return flushes;
}

/** 61 flushes: the k-th holds minute k's calls (every key once) and closes minute k - 1; the last, the hour. */
function hourFlushes(source: Source): Flush[] {
  const flushes: Flush[] = [];
  for (let minute = 0; minute <= 60; minute++) {
    const batch = new source.requestBatch.RequestBatch();
    for (let key = 0; key < KEYS; key++) batch.append(record(T0 + minute * MINUTE + (key % 60_000), key));
    flushes.push({ requests: batch.take(), usageDueBefore: T0 + minute * MINUTE });
  }
  return flushes;
}

async function freshDatabase(source: Source, dir: string): Promise<string> {
  const path = join(dir, `${source.name}-${Math.random().toString(36).slice(2)}.db`);
  const connection = source.store.openConnection({ sqlitePath: path });
  await source.store.migrateToLatest(connection);
  await connection.db.destroy();
  // The tenant the calls are of, as verification only counts calls of existing tenants.
  const database = source.sqliteDatabase.openSqliteFile(path);
  database
    .prepare(
      'INSERT INTO tenants (id, name, plan_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run('ten_bench', 'Bench', 'free', 'active', T0, T0);
  database.close();
  return path;
}

/**
 * CPU milliseconds of the process (every thread: V8's own helpers too, as they share a pinned core): wall time
 * on a shared machine counts other processes' time.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU milliseconds of each flush, written as the writer thread writes it. */
async function writeFlushes(source: Source, dir: string, flushes: readonly Flush[]): Promise<number[]> {
  const path = await freshDatabase(source, dir);
  const database = source.sqliteDatabase.openSqliteFile(path);
  try {
    const statements = new source.feedSql.SqliteFeedStatements(database);
    const times: number[] = [];
    for (const { requests, usageDueBefore } of flushes) {
      // As the writer thread receives it: a copy, its strings new (their hashes not yet computed).
      const feed = { requests: structuredClone(requests), stamps: [], activities: [], usageDueBefore };
      const started = cpuMs();
      let committed: (() => void) | undefined;
      source.sqliteDatabase.runSyncTransaction(database, () => {
        committed = statements.write(feed);
      });
      if (typeof committed === 'function') committed();
      times.push(cpuMs() - started);
    }
    return times;
  } finally {
    database.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

interface Figures {
  trafficMs: number;
  trafficUsPerRow: number;
  minuteCloseMs: number;
  otherFlushMs: number;
  hourMinuteCloseMs: number;
  hourCloseMs: number;
  hourTotalMs: number;
  tallyUsPerRow: number | undefined;
}

async function measure(source: Source, dir: string): Promise<Figures> {
  const traffic = trafficFlushes(source);
  const times = await writeFlushes(source, dir, traffic);
  // The flush that closes the minute starting at T0 is the 120th (index 119).
  const close = times[119] as number;
  const others = times.filter((_, index) => index !== 119);
  const hour = await writeFlushes(source, dir, hourFlushes(source));
  let tallyUsPerRow: number | undefined;
  const UsageTally = source.usageTally?.UsageTally ?? source.usageRollups?.UsageTally;
  if (UsageTally) {
    const tally = new UsageTally();
    let spent = 0;
    for (const { requests, usageDueBefore } of traffic) {
      const copy = structuredClone(requests);
      const started = cpuMs();
      tally.stage(copy, usageDueBefore).commit();
      spent += cpuMs() - started;
    }
    tallyUsPerRow = (spent * 1000) / (FLUSHES * FLUSH_ROWS);
  }
  return {
    trafficMs: sum(times),
    trafficUsPerRow: (sum(times) * 1000) / (FLUSHES * FLUSH_ROWS),
    minuteCloseMs: close,
    otherFlushMs: median(others),
    hourMinuteCloseMs: median(hour.slice(1, 60)),
    hourCloseMs: hour[60] as number,
    hourTotalMs: sum(hour.slice(1)),
    tallyUsPerRow,
  };
}

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    source: { type: 'string', multiple: true },
  },
});
const rounds = Math.max(1, Math.min(9, Number(options.rounds) || 3));
const specs = (options.source ?? [`this=${resolve(import.meta.dirname, '..')}`]).map((spec) => {
  const [name, dir] = spec.includes('=') ? (spec.split('=', 2) as [string, string]) : [spec, spec];
  return { name, dir: resolve(dir) };
});
const sources = await Promise.all(specs.map(({ name, dir }) => loadSource(name, dir)));
const scratch = mkdtempSync(join(tmpdir(), 'usage-rollups-bench-'));
const results = new Map<string, Figures[]>(sources.map((source) => [source.name, []]));
try {
  for (let round = 1; round <= rounds; round++) {
    for (const source of sources) {
      const figures = await measure(source, scratch);
      results.get(source.name)?.push(figures);
      console.error(`round ${round} ${source.name}: ${figures.trafficUsPerRow.toFixed(3)} µs/row`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const rows: [string, keyof Figures, number][] = [
  ['traffic: writer µs per row (240 flushes)', 'trafficUsPerRow', 3],
  ['traffic: writer ms in total', 'trafficMs', 0],
  ['traffic: the minute-closing flush, ms', 'minuteCloseMs', 1],
  ['traffic: any other flush (median), ms', 'otherFlushMs', 2],
  ['hour: a minute-closing flush of 10,000 keys, ms', 'hourMinuteCloseMs', 1],
  ['hour: the hour-closing flush, ms', 'hourCloseMs', 1],
  ['hour: 60 flushes in total, ms', 'hourTotalMs', 0],
  ['tally alone: µs per row', 'tallyUsPerRow', 3],
];
/** The median of the rounds, then the best round: noise on a shared machine only ever adds. */
const cell = (figures: readonly Figures[], field: keyof Figures, digits: number) => {
  const values = figures.map((f) => f[field]).filter((value): value is number => value !== undefined);
  if (values.length === 0) return '–';
  return `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)})`;
};
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`node ${process.version}, ${rounds} round(s), CPU time; median of the rounds (best round)`);
console.log(`${''.padEnd(width)}  ${sources.map((s) => s.name.padStart(16)).join('  ')}`);
for (const [label, field, digits] of rows) {
  const cells = sources.map((s) => cell(results.get(s.name) ?? [], field, digits).padStart(16));
  console.log(`${label.padEnd(width)}  ${cells.join('  ')}`);
}
