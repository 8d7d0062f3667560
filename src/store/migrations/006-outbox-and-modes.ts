import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../connection.ts';

/**
 * The outbox: every event a unit of work commits, in the same transaction as the change and its activity row,
 * for delivery to webhooks. A mode for management key pairs: a test-mode pair manages only test-mode objects
 * (pairs issued before are live, as they always acted). And a mode on activity rows.
 */
export const outboxMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('outbox')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('mode', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('management_keys')
      .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live'))
      .execute();
    // The mode of the object an activity row is about (null: one that belongs to both, such as a tenant or an
    // app), so that a test-mode credential reads only test-mode rows. Rows written before are left without.
    await db.schema.alterTable('activity_log').addColumn('mode', 'text').execute();
  },
});
