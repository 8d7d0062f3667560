import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './load.ts';
import { missingKeyFile } from './master-key-file.ts';

/**
 * Pepper material: `PORTCULLIS_PEPPER` when set (required for several nodes sharing one database),
 * otherwise `<dataDir>/pepper`, created with mode 0600 on first start. It never goes into the database.
 */
export function readOrCreatePepper(config: Config, create = true): string {
  if (config.pepper) return config.pepper;
  const path = join(config.dataDir, 'pepper');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  if (!create) throw missingKeyFile(path, 'PORTCULLIS_PEPPER');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const text = `1:${randomBytes(32).toString('base64')}`;
  writeFileSync(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return text;
}
