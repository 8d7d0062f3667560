import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { PortcullisError } from '../core/errors.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { ImmediateSqliteDialect, NodeSqliteDatabase, openSqliteFile } from './sqlite-database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The embedded database itself, for the few hot-path reads that skip the query builder. */
  sqlite?: DatabaseSync;
}

export type ConnectionTarget = { sqlitePath: string } | { postgresUrl: string; poolSize?: number };

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function openConnection(target: ConnectionTarget): Connection {
  if ('sqlitePath' in target) {
    // The data directory holds the pepper, the master key and tenant data: only its owner may enter it.
    if (target.sqlitePath !== ':memory:')
      mkdirSync(dirname(target.sqlitePath), { recursive: true, mode: 0o700 });
    const sqlite = openSqliteFile(target.sqlitePath);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(new NodeSqliteDatabase(sqlite)) });
    return { db, dialect: 'sqlite', sqlite };
  }
  const pool = new pg.Pool({
    connectionString: target.postgresUrl,
    max: target.poolSize ?? 10,
    // Times and counters are bigint columns well inside 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

/** Applies every pending migration; safe to run at each start and from `portcullis migrate`. */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({ db: connection.db, provider: migrationProvider(connection.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new PortcullisError('service_unavailable', 'database migration failed', { cause: error });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
