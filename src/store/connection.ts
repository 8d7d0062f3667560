import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type pg from 'pg';
import { PortcullisError } from '../core/errors.ts';
import { describeDatabaseError } from './database-error.ts';
import { migrationProvider } from './migrations/index.ts';
import { postgresDriver } from './pg.ts';
import type { Database } from './schema.ts';
import { ImmediateSqliteDialect, NodeSqliteDatabase, openSqliteFile } from './sqlite-database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The embedded database itself, for the few hot-path reads that skip the query builder. */
  sqlite?: DatabaseSync;
  /** PostgreSQL's pool, whose counts `/metrics` reports. */
  pool?: pg.Pool;
}

/** What a PostgreSQL pool holds now. */
export interface PoolUsage {
  /** Connections open, idle or checked out. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: above zero for long, the pool is too small or the database too slow. */
  waiting: number;
  /** `database.poolSize`. */
  max: number;
}

/** A PostgreSQL database and how the pool reaches it (`database.*` in config). */
export interface PostgresTarget {
  postgresUrl: string;
  /** Connections in the pool at most (10). */
  poolSize?: number;
  /** How long to wait for a connection before the query fails (0: without end). */
  connectionTimeoutMs?: number;
  /** How long an idle connection stays in the pool (0: until the pool closes). */
  idleTimeoutMs?: number;
  /** The server cancels a statement that runs longer (0 or unset: the server's own setting). */
  statementTimeoutMs?: number;
}

export type ConnectionTarget = { sqlitePath: string } | PostgresTarget;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function openConnection(target: ConnectionTarget): Connection {
  if ('sqlitePath' in target) {
    // The data directory holds the pepper, the master key and tenant data: only its owner may enter it.
    const file = target.sqlitePath !== ':memory:';
    if (file) mkdirSync(dirname(target.sqlitePath), { recursive: true, mode: 0o700 });
    const isNew = file && !existsSync(target.sqlitePath);
    const sqlite = openSqliteFile(target.sqlitePath);
    // A new database file is its owner's only, as the key files are (SQLite gives its WAL files the same mode).
    if (isNew) chmodSync(target.sqlitePath, 0o600);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(new NodeSqliteDatabase(sqlite)) });
    return { db, dialect: 'sqlite', sqlite };
  }
  const pool = new (postgresDriver().Pool)({
    connectionString: target.postgresUrl,
    max: target.poolSize ?? 10,
    ...(target.connectionTimeoutMs === undefined
      ? {}
      : { connectionTimeoutMillis: target.connectionTimeoutMs }),
    ...(target.idleTimeoutMs === undefined ? {} : { idleTimeoutMillis: target.idleTimeoutMs }),
    ...(target.statementTimeoutMs ? { statement_timeout: target.statementTimeoutMs } : {}),
    // Times and counters are bigint columns well inside 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : postgresDriver().types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pool };
}

/**
 * Fails with the real cause (unreachable, authentication refused, no such database) when the database does not
 * answer a trivial query; the password is never in the message.
 */
export async function checkConnection(connection: Connection, target: ConnectionTarget): Promise<void> {
  try {
    await sql`select 1`.execute(connection.db);
  } catch (error) {
    const url = 'postgresUrl' in target ? target.postgresUrl : undefined;
    throw new PortcullisError(
      'service_unavailable',
      `cannot connect to the database: ${describeDatabaseError(error, url)}`,
      { cause: error },
    );
  }
}

/** Applies every pending migration; safe to run at each start and from `portcullis migrate`. */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({ db: connection.db, provider: migrationProvider(connection.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new PortcullisError(
      'service_unavailable',
      `database migration failed: ${describeDatabaseError(error)}`,
      { cause: error },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
