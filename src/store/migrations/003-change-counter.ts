import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One row counting writes that can change a verification (revocations, rolls, tenant changes), from any
 * process. Caches of verified credentials compare it instead of re-reading rows on every request.
 */
export const changeCounterMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('change_counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO change_counter (id, value) VALUES (1, 0)`.execute(db);
  },
};
