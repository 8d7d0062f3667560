import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../connection.ts';

/**
 * PostgreSQL's key-directory sequence. SQLite numbers directory writes with counter row 2 (migration 005),
 * whose row lock orders them by commit; on PostgreSQL that row would queue every key creation of every node
 * behind one lock. A sequence hands out values without a lock, but not in commit order, so the directory there
 * does not read "everything past a value": each unit names the values it wrote in its commit notice and the
 * directory reads exactly those rows (`postgres-bus.ts`, `services/keys/key-directory.ts`). Rows written
 * before this migration keep 0 and are read by every full load.
 */
export const directorySequenceMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'postgres') await sql`CREATE SEQUENCE directory_seq START 1`.execute(db);
  },
});
