import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Each API key and tenant records the change counter's value of its last verification-relevant write
 * (created, revoked, rolled; created, plan or status changed). The in-memory key index reads only the rows
 * that changed since the value it last saw, instead of reloading every key. Rows that predate this
 * migration start at 0 and are read by the index's first full load.
 */
export const changeSeqMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['api_keys', 'tenants']) {
      await db.schema
        .alterTable(table)
        .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex(`${table}_change_seq`).on(table).column('change_seq').execute();
    }
  },
};
