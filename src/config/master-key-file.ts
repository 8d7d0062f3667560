import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PortcullisError } from '../core/errors.ts';
import { MASTER_KEY_BYTES } from '../core/sealed-box.ts';
import type { Config } from './load.ts';

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/** The 32 bytes a base64 (or base64url) text encodes, or undefined when it is anything else. */
export function parseMasterKey(text: string): Uint8Array | undefined {
  const trimmed = text.trim();
  if (!BASE64_PATTERN.test(trimmed)) return undefined;
  // Node's base64 decoder reads both alphabets.
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === MASTER_KEY_BYTES ? new Uint8Array(bytes) : undefined;
}

/**
 * The master key that seals private signing keys at rest: `PORTCULLIS_MASTER_KEY` (base64 of 32 bytes)
 * when set — required when several nodes share one database, since each must open the others' keys —
 * otherwise `<dataDir>/master-key`, created with mode 0600 on first start. It never goes into the database,
 * and its value never appears in an error.
 */
export function readOrCreateMasterKey(config: Config, create = true): Uint8Array {
  if (config.masterKey !== undefined) {
    const key = parseMasterKey(config.masterKey);
    if (!key) throw new PortcullisError('config_invalid', 'PORTCULLIS_MASTER_KEY must be base64 of 32 bytes');
    return key;
  }
  const path = join(config.dataDir, 'master-key');
  if (existsSync(path)) {
    const key = parseMasterKey(readFileSync(path, 'utf8'));
    if (!key) throw new PortcullisError('config_invalid', `${path} must hold base64 of 32 bytes`);
    return key;
  }
  if (!create) throw missingKeyFile(path, 'PORTCULLIS_MASTER_KEY');
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_BYTES);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return new Uint8Array(key);
}

/** A key file a deployment that already exists lacks: made anew, it could not open what is stored. */
export function missingKeyFile(path: string, env: string): PortcullisError {
  return new PortcullisError(
    'config_invalid',
    `${path} is missing and ${env} is not set, but this database already holds a deployment: restore the file from the backup (a new one could not open what is stored)`,
  );
}
