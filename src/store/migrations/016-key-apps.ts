import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * An API key may belong to one of its tenant's apps (the integration it serves), as a client may. A label, not a
 * grant: the key's scopes and plan decide what it does. Deleting the app lets go of its keys (`app_id` null).
 */
export const keyAppsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('api_keys').addColumn('app_id', 'text').execute();
    await db.schema
      .createIndex('api_keys_tenant_app')
      .on('api_keys')
      .columns(['tenant_id', 'app_id'])
      .execute();
  },
};
