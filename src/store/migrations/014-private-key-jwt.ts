import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * `private_key_jwt` client authentication (decision 035): an app's public keys (`jwks`, a JWK Set as JSON
 * text, or `jwks_uri`, where they are published; both null: its clients hold secrets) and the `jti`s of the client assertions already used, each kept until
 * its assertion expires, so that one assertion authenticates once across every node (RFC 7523 §3 item 7).
 */
export const privateKeyJwtMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('apps').addColumn('jwks', 'text').execute();
    // Or where the keys are published (RFC 7591 `jwks_uri`): registrations and metadata documents only.
    await db.schema.alterTable('apps').addColumn('jwks_uri', 'text').execute();
    await db.schema
      .createTable('client_assertion_jtis')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('jti', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_assertion_jtis_pk', ['client_id', 'jti'])
      .execute();
    await db.schema
      .createIndex('client_assertion_jtis_expiry')
      .on('client_assertion_jtis')
      .column('expires_at')
      .execute();
  },
};
