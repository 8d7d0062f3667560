import { checkConnection, migrateToLatest, openConnection } from '../store/index.ts';
import { parseFlags } from './args.ts';
import { createFirstPlatformKey } from './first-platform-key.ts';
import { describeTarget, localConfig, openLocal, requireDatabase } from './local.ts';
import { type Output, printJson } from './output.ts';
import { connectionTarget } from './runtime.ts';

const NEXT_KEY = 'npx portcullis platform-keys create --name NAME';

/**
 * `portcullis init`: the data directory (or the PostgreSQL schema), the deployment record and the first
 * platform key, written to a 0600 file whose path is printed (decision 024). Exit code 1 when already done.
 */
export async function initCommand(argv: string[], out: Output): Promise<number> {
  const flags = parseFlags(argv, {});
  const runtime = await openLocal(flags, { create: true });
  try {
    const target = describeTarget(runtime.config);
    const keyFile = await createFirstPlatformKey(runtime);
    if (!keyFile) {
      if (flags.json)
        printJson(out, {
          error: 'already_initialised',
          message: `${target} has a platform key`,
          database: target,
          next: NEXT_KEY,
        });
      else
        out(
          `Already initialised: ${target} has a platform key.\n` +
            `Lost it? Anyone with access to this data can make another:\n  ${NEXT_KEY}\n` +
            'then revoke the lost one: npx portcullis platform-keys list, npx portcullis platform-keys revoke --key pk_…\n',
        );
      return 1;
    }
    if (flags.json) {
      printJson(out, { dataDir: runtime.config.dataDir, database: target, platformKeyFile: keyFile });
    } else {
      out(
        `Initialised ${target}\n` +
          `The first platform key is in ${keyFile} (mode 0600), and nowhere else:\n` +
          `  PK=$(cat ${keyFile})\n` +
          'Store it where you keep secrets, then delete the file.\n',
      );
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** `portcullis migrate`: applies pending migrations to an existing database (`serve` and `init` do too). */
export async function migrateCommand(argv: string[], out: Output): Promise<void> {
  const flags = parseFlags(argv, {});
  const config = localConfig(flags);
  requireDatabase(config);
  const target = connectionTarget(config);
  const connection = openConnection(target);
  try {
    await checkConnection(connection, target);
    const applied = await migrateToLatest(connection);
    if (flags.json) printJson(out, { database: describeTarget(config), applied });
    else
      out(
        `${describeTarget(config)}: applied ${applied.length} migration(s)${applied.length ? `: ${applied.join(', ')}` : ''}\n`,
      );
  } finally {
    await connection.db.destroy();
  }
}
