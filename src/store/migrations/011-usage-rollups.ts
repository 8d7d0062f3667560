import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../connection.ts';

/**
 * Usage rollups: verified calls counted per tenant, credential, outcome and time bucket (a minute, an hour, a
 * day), added to by the request feed's flush in the same transaction as the feed's rows. The primary key leads
 * with the tenant, the granularity and the bucket, so a tenant's window is one range, a key's the same range
 * read for its id, and a flush's upserts land on the pages of the current buckets. SQLite clusters the rows
 * by that key (WITHOUT ROWID): no second copy of them in a separate index. See
 * docs/decisions/030-usage-rollups.md.
 */
export const usageRollupsMigration = (dialect: Dialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('usage_rollups')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('granularity', 'text', (c) => c.notNull())
      .addColumn('bucket_start', 'bigint', (c) => c.notNull())
      .addColumn('credential_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_rollups_pk', [
        'tenant_id',
        'granularity',
        'bucket_start',
        'credential_id',
        'outcome',
      ])
      .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`WITHOUT ROWID`) : table))
      .execute();
  },
});
