import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../connection.ts';

/**
 * A second counter row (id 2), the key directory's sequence: it moves with every write to an API key or a
 * tenant that verification reads (created, revoked, rolled; created, plan or status changed), and each such
 * row records the value as its `change_seq`. The in-memory key directory reads only the rows past the value
 * it last saw, instead of reloading every key. Row 1 still moves only with writes that can change a
 * verification already made, so creating a key empties no cache. Rows that predate this migration start at 0
 * and are read by the directory's first full load.
 */
export const changeSeqMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    for (const table of ['api_keys', 'tenants']) {
      await db.schema
        .alterTable(table)
        .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex(`${table}_change_seq`).on(table).column('change_seq').execute();
    }
    await sql`INSERT INTO change_counter (id, value) VALUES (2, 0)`.execute(db);
    // Last-used stamps, one narrow row per key clustered by key id (SQLite: WITHOUT ROWID). The request feed
    // writes a minute's stamps in key-id order, so each batch lands on a few neighbouring pages; on the wide,
    // insertion-ordered api_keys table every stamp was a page of its own. The stamps written there before
    // move over; api_keys.last_used_at is no longer written or read.
    await db.schema
      .createTable('api_key_last_used')
      .addColumn('key_id', 'text', (c) => c.primaryKey().notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`WITHOUT ROWID`) : table))
      .execute();
    await sql`INSERT INTO api_key_last_used (key_id, last_used_at)
      SELECT id, last_used_at FROM api_keys WHERE last_used_at IS NOT NULL`.execute(db);
  },
});
