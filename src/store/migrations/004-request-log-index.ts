import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The request feed keeps one append-only secondary index, (tenant_id, id, credential_id), instead of one per
 * tenant and one per credential. Rows arrive in id order, so every insert lands on the index's last page; an
 * index led by the credential put each row on a different page (4 KB written per row with many active keys).
 * Listing one key's requests walks the tenant's entries newest first, reading credential ids from the index
 * alone. See docs/decisions/009-request-feed-index.md.
 */
export const requestLogIndexMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('request_log_credential').execute();
    await db.schema.dropIndex('request_log_tenant').execute();
    await db.schema
      .createIndex('request_log_tenant_id_credential')
      .on('request_log')
      .columns(['tenant_id', 'id', 'credential_id'])
      .execute();
  },
};
