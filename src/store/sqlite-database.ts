import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';

type Parameter = null | number | bigint | string | NodeJS.ArrayBufferView;

/** node:sqlite refuses booleans and undefined; the schema stores flags as 0/1. */
function toParameters(parameters: ReadonlyArray<unknown>): Parameter[] {
  return parameters.map((value) => {
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value as Parameter;
  });
}

/** Opens the embedded database with WAL, foreign keys and a busy timeout, as every process must. */
export function openSqliteFile(path: string): DatabaseSync {
  const database = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5000 });
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec('PRAGMA busy_timeout = 5000');
  // Verification reads index pages at random: map the file (no read syscall per page) and keep a larger
  // page cache than SQLite's 2 MB default. Both are upper bounds, not allocations.
  database.exec('PRAGMA mmap_size = 1073741824');
  database.exec('PRAGMA cache_size = -65536');
  return database;
}

/**
 * Adapts `node:sqlite` to the interface Kysely's SQLite dialect drives, with a cache of prepared statements
 * so repeated queries skip SQLite's parser.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  readonly #statements = new Map<string, { statement: StatementSync; reader: boolean }>();

  constructor(raw: DatabaseSync) {
    this.raw = raw;
  }

  prepare(sql: string): SqliteStatement {
    let cached = this.#statements.get(sql);
    if (!cached) {
      const statement = this.raw.prepare(sql);
      cached = { statement, reader: statement.columns().length > 0 };
      if (this.#statements.size >= 500) this.#statements.clear();
      this.#statements.set(sql, cached);
    }
    const { statement, reader } = cached;
    return {
      reader,
      all: (parameters) => statement.all(...toParameters(parameters)),
      run: (parameters) => {
        const result = statement.run(...toParameters(parameters));
        return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
      },
      iterate: (parameters) => statement.iterate(...toParameters(parameters)) as IterableIterator<unknown>,
    };
  }

  close(): void {
    this.#statements.clear();
    this.raw.close();
  }
}

/**
 * Kysely's SQLite dialect, with every query-builder transaction begun IMMEDIATE. A deferred transaction
 * that reads before it writes runs on the snapshot of its first read; should another connection (the feed
 * writer thread, the CLI) commit before its first write, SQLite refuses that write at once with
 * SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out, and the use case fails. Taking the write lock at
 * BEGIN makes the others wait (busy timeout) instead.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Runs `work` inside BEGIN … COMMIT on the embedded database, synchronously, so nothing else on the event
 * loop can interleave. Returns false, doing nothing, while a query-builder transaction is open on the same
 * connection (it holds the connection across awaits); the caller then takes the query builder's path.
 */
export function runSyncTransaction(sqlite: DatabaseSync, work: () => void): boolean {
  if (sqlite.isTransaction) return false;
  sqlite.exec('BEGIN');
  try {
    work();
    sqlite.exec('COMMIT');
  } catch (error) {
    sqlite.exec('ROLLBACK');
    throw error;
  }
  return true;
}
