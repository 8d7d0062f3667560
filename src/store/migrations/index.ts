import type { Migration, MigrationProvider } from 'kysely/migration';
import type { Dialect } from '../connection.ts';
import { initialMigration } from './001-initial.ts';
import { oauthMigration } from './002-oauth.ts';
import { changeCounterMigration } from './003-change-counter.ts';
import { requestLogIndexMigration } from './004-request-log-index.ts';
import { changeSeqMigration } from './005-change-seq.ts';
import { outboxMigration } from './006-outbox-and-modes.ts';
import { deploymentMigration } from './007-deployment.ts';
import { directorySequenceMigration } from './008-directory-sequence.ts';
import { peopleMigration } from './009-people.ts';
import { webhooksMigration } from './010-webhooks.ts';
import { usageRollupsMigration } from './011-usage-rollups.ts';
import { installationsMigration } from './012-installations.ts';
import { keyModelMigration } from './013-key-model.ts';
import { privateKeyJwtMigration } from './014-private-key-jwt.ts';
import { servedConfigMigration } from './015-served-config.ts';
import { keyAppsMigration } from './016-key-apps.ts';

/** Migrations in order, the same for SQLite and PostgreSQL; names sort in the order they apply. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialMigration(dialect),
        '002-oauth': oauthMigration,
        '003-change-counter': changeCounterMigration,
        '004-request-log-index': requestLogIndexMigration,
        '005-change-seq': changeSeqMigration(dialect),
        '006-outbox-and-modes': outboxMigration(dialect),
        '007-deployment': deploymentMigration,
        '008-directory-sequence': directorySequenceMigration(dialect),
        '009-people': peopleMigration,
        '010-webhooks': webhooksMigration(dialect),
        '011-usage-rollups': usageRollupsMigration(dialect),
        '012-installations': installationsMigration,
        '013-key-model': keyModelMigration,
        '014-private-key-jwt': privateKeyJwtMigration,
        '015-served-config': servedConfigMigration,
        '016-key-apps': keyAppsMigration,
      };
    },
  };
}
