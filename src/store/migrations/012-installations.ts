import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Installable apps (decision 031): installations (a tenant admin's approval of a client: granted scopes,
 * resource, approver), authorization codes (single-use, ≤ 60 s, PKCE S256) and refresh tokens (rotated on
 * every use, grouped in families so that a replay revokes every token of its grant). Codes and refresh tokens
 * are stored only as their peppered HMACs.
 */
export const installationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // A tenant's app is private to it unless the platform makes it public (installable by every tenant).
    await db.schema
      .alterTable('apps')
      .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
      .execute();
    // `dynamic`: registered by anyone through RFC 7591, not by the platform or a tenant; the consent screen says so.
    await db.schema
      .alterTable('apps')
      .addColumn('registered_via', 'text', (c) => c.notNull().defaultTo('management'))
      .execute();
    await db.schema
      .createTable('installations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('app_id', 'text', (c) => c.references('apps.id'))
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('resource', 'text')
      .addColumn('approved_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('installations_tenant')
      .on('installations')
      .columns(['tenant_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('installations_client')
      .on('installations')
      .columns(['tenant_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('authorization_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('pepper_version', 'integer', (c) => c.notNull())
      .addColumn('family_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('redirect_uri', 'text', (c) => c.notNull())
      .addColumn('code_challenge', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('resource', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();

    await db.schema
      .createTable('refresh_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('pepper_version', 'integer', (c) => c.notNull())
      .addColumn('family_id', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('installation_id', 'text', (c) => c.notNull().references('installations.id'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('resource', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('family_expires_at', 'bigint', (c) => c.notNull())
      .addColumn('consumed_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('access_jti', 'text', (c) => c.notNull())
      .addColumn('access_expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();
    await db.schema
      .createIndex('refresh_tokens_installation')
      .on('refresh_tokens')
      .column('installation_id')
      .execute();
  },
};
