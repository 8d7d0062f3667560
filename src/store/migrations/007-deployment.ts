import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The deployment record: what every node of one deployment must agree on, written once by the first start on
 * the database and read by every node at its start (`services/deployment/`). One row (id 1): the issuer
 * (null until the first node listens, unless `PORTCULLIS_PUBLIC_URL` named it), the pepper version new secrets
 * are hashed under, and a canary sealed under the master key. One row per pepper version: an HMAC of a fixed
 * label under that pepper, so a node can tell whether its pepper is the one secrets were hashed with. Neither
 * holds a secret.
 */
export const deploymentMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('deployment')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('issuer', 'text')
      .addColumn('current_pepper_version', 'integer', (c) => c.notNull())
      .addColumn('master_key_check', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deployment_peppers')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('label_hmac', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
