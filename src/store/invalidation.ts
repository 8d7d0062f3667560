import type { DatabaseSync } from 'node:sqlite';
import type { Change } from './scope.ts';

/** The change counter's rows (migrations 003 and 005). */
export const CHANGE_COUNTER = 1;
export const DIRECTORY_SEQUENCE = 2;

/**
 * How caches learn that what they hold may be stale. Every cache of verified credentials compares
 * `cacheVersion()` on each lookup and empties itself when it moved; the key directory follows
 * `directoryVersion()`. Either is undefined when this node cannot confirm it is current: a cache then answers
 * nothing and the database is read. On SQLite the counters in the file; on PostgreSQL LISTEN/NOTIFY
 * (`postgres-bus.ts`).
 */
export interface InvalidationBus {
  cacheVersion(): number | undefined;
  directoryVersion(): number | undefined;
  /**
   * PostgreSQL: the directory sequence values written since the last call, or `'all'` when some may have been
   * missed (before the first call, after a lost connection). Absent on SQLite, whose directory reads every
   * row past the sequence value it last saw.
   */
  takeDirectoryWrites?(): readonly number[] | 'all';
  /** What a unit of work of this process committed, and the directory sequence values it wrote. */
  committed(changes: readonly Change[], directorySeqs: readonly number[]): void;
  /** How the bus is doing, for `/metrics`. */
  status(): BusStatus;
}

export interface BusStatus {
  /** Whether the bus can tell this node of other nodes' changes now (the embedded database's always can). */
  connected: boolean;
  /** Times it connected again after losing its connection. */
  reconnects: number;
  /**
   * `performance.now()` when it last heard from the database: a notice, or its (re)connection. Undefined where
   * nothing is heard, only read (SQLite).
   */
  lastHeardAt: number | undefined;
}

/**
 * The embedded database's bus. The change counter (moved in the committing transaction by every unit that
 * records a change) and the directory sequence are read by one statement at most once a millisecond, so a
 * write by another process (the CLI) is seen within a millisecond of its commit. A unit of this process moves
 * a local epoch that forces the next read, so its own writes take effect on the very next request.
 *
 * While a query-builder transaction holds the connection, both versions are undefined, so every cache and the
 * key directory stand aside: a read there would see the transaction's uncommitted values (a counter moved
 * before the rows it guards, or a sequence value that may yet roll back), and trusting those let a revoked key
 * be cached as valid.
 */
export function sqliteInvalidationBus(sqlite: DatabaseSync, readIntervalMs = 1): InvalidationBus {
  const statement = sqlite.prepare(
    `SELECT (SELECT value FROM change_counter WHERE id = ${CHANGE_COUNTER}),
      (SELECT value FROM change_counter WHERE id = ${DIRECTORY_SEQUENCE})`,
  );
  statement.setReturnArrays(true);
  let values: [number, number] = [0, 0];
  let readAt = Number.NEGATIVE_INFINITY;
  let epoch = 0;
  let readEpoch = -1;
  const read = (): [number, number] | undefined => {
    if (sqlite.isTransaction) return undefined;
    const now = performance.now();
    if (readEpoch !== epoch || now - readAt >= readIntervalMs) {
      readEpoch = epoch;
      values = statement.get() as unknown as [number, number];
      readAt = now;
    }
    return values;
  };
  return {
    cacheVersion: () => read()?.[0],
    directoryVersion: () => read()?.[1],
    committed: () => {
      epoch += 1;
    },
    status: () => ({ connected: true, reconnects: 0, lastHeardAt: undefined }),
  };
}
