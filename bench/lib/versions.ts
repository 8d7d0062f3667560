import { readFileSync } from 'node:fs';

export const repoRoot = new URL('../../', import.meta.url);

function readVersion(manifest: URL): string {
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
  return parsed.version ?? 'unknown';
}

/** This project's own version. */
export function projectVersion(): string {
  return readVersion(new URL('package.json', repoRoot));
}

/** The installed version of a dependency, read from its package.json (some packages do not export that file). */
export function packageVersion(name: string): string {
  try {
    return readVersion(new URL(`node_modules/${name}/package.json`, repoRoot));
  } catch {
    return 'not installed';
  }
}
