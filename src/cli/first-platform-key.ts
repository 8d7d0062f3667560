import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapPlatformKey } from '../services/platform/platform-keys.ts';
import { CommandFailure } from './args.ts';
import type { Runtime } from './runtime.ts';

/** Where the first platform key is written, in the data directory (decision 024). */
export const FIRST_PLATFORM_KEY_FILE = 'first-platform-key';

/**
 * Creates the first platform key when the database has none and writes it, once, to a file only the owner
 * may read (mode 0600) in the data directory; returns the file's path, or undefined when a key existed. The
 * key itself goes nowhere else: not to stdout, not to the log.
 */
export async function createFirstPlatformKey(runtime: Runtime): Promise<string | undefined> {
  const { dataDir } = runtime.config;
  const path = join(dataDir, FIRST_PLATFORM_KEY_FILE);
  // Checked before the key exists: a directory it cannot be written to fails here, with nothing lost.
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
  } catch {
    throw new CommandFailure(`the data directory ${dataDir} cannot be written to`);
  }
  const issued = await bootstrapPlatformKey(runtime.context);
  if (!issued) return undefined;
  // Written beside the file and renamed over it: a reader never sees half a key, and a stale file (a
  // database started again from empty) is replaced whole.
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, `${issued.plaintext}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(partial, path);
  } catch {
    rmSync(partial, { force: true });
    throw new CommandFailure(
      `the first platform key could not be written to ${path}: create another with "npx portcullis platform-keys create --name NAME"`,
    );
  }
  return path;
}
