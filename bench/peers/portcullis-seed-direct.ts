import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { displayPrefixOf, generateCredential } from '../../src/core/credential-format.ts';
import { newId } from '../../src/core/ids.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { PepperRing } from '../../src/services/peppers.ts';

/**
 * Inserts `count` active keys for `tenantId` into the store under `dataDir` while the server is stopped, and
 * returns their plaintext values (the load generator needs them).
 */
export type SeedKeysDirect = (dataDir: string, tenantId: string, count: number) => Promise<readonly string[]>;

const INSERT_KEY = `INSERT INTO api_keys (id, tenant_id, name, mode, type, scopes, ip_allowlist, display_prefix,
  created_at, expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, 'live', 'secret', NULL, NULL, ?, ?, NULL, NULL, NULL)`;
const INSERT_SECRET = `INSERT INTO api_key_secrets (secret_hash, key_id, tenant_id, pepper_version, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?, NULL)`;

/**
 * Seeding a million keys through the HTTP API would take longer than the benchmark itself, so the 1M-key
 * scenario writes rows straight into the embedded database: the same key format, the same peppered HMAC
 * (the pepper file of the data directory) and the same rows the issue service writes, in batches of 10,000
 * per transaction. Bench-only: the product issues keys through `services/keys/issue.ts`.
 */
export const seedKeysDirect: SeedKeysDirect = async (dataDir, tenantId, count) => {
  const peppers = PepperRing.parse((await readFile(join(dataDir, 'pepper'), 'utf8')).trim());
  const database = new DatabaseSync(join(dataDir, 'portcullis.db'), { timeout: 5000 });
  const keys: string[] = [];
  try {
    const insertKey = database.prepare(INSERT_KEY);
    const insertSecret = database.prepare(INSERT_SECRET);
    const now = Date.now();
    for (let start = 0; start < count; start += 10_000) {
      database.exec('BEGIN');
      for (let index = start; index < Math.min(count, start + 10_000); index++) {
        const key = generateCredential('sk', 'live', cryptoRandom);
        const id = newId('apiKey', cryptoRandom);
        insertKey.run(id, tenantId, `bench-${index}`, displayPrefixOf(key), now);
        insertSecret.run(peppers.hashCurrent(key), id, tenantId, peppers.current.version, now);
        keys.push(key);
      }
      database.exec('COMMIT');
    }
  } finally {
    database.close();
  }
  return keys;
};

/** The 1,000,000-key scenario's seeder. */
export async function loadSeedKeysDirect(): Promise<SeedKeysDirect | undefined> {
  return seedKeysDirect;
}
