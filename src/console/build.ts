import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_OUT_DIR, CONSOLE_SOURCE_DIR } from './vite.config.ts';

/**
 * Builds the console (`dist/console/`) when its sources changed since the last build. `npm ci` (the `prepare`
 * script) and `npm start` (`prestart`) both run it, so a fresh clone and a `git pull` serve a current console
 * without a step to remember. The stamp is a hash of the sources, the build config and the lockfile, not of
 * modification times, which a clone resets.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAMP = join(CONSOLE_OUT_DIR, '.source-hash');
const INPUTS = [fileURLToPath(new URL('./vite.config.ts', import.meta.url)), join(ROOT, 'package-lock.json')];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The hash the current sources would stamp on a build. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(CONSOLE_SOURCE_DIR), ...INPUTS]) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Whether `dist/console/` was built from the sources as they are now. */
export function consoleIsCurrent(): boolean {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === consoleSourceHash();
}

/** Builds the console unless it is current; answers whether it built. */
export async function ensureConsoleBuilt(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && consoleIsCurrent()) return false;
  const hash = consoleSourceHash();
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) });
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const started = performance.now();
  const built = await ensureConsoleBuilt({ force });
  console.log(
    built
      ? `console built into ${relative(ROOT, CONSOLE_OUT_DIR)} in ${Math.round(performance.now() - started)} ms`
      : 'console is current',
  );
}
