import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What the deployment's servers last started with (decision 034): a fingerprint of the configuration that
 * decides what a credential is (prefixes, vocabulary, plans, modes) and where it came from, so a command run with
 * another configuration stops before it issues keys the servers would not accept.
 */
export const servedConfigMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('deployment').addColumn('served_config_fingerprint', 'text').execute();
    await db.schema.alterTable('deployment').addColumn('served_config_source', 'text').execute();
  },
};
