import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { displayPrefixOf, generateCredential } from '../../src/core/credential-format.ts';
import { newId } from '../../src/core/ids.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { PepperRing } from '../../src/services/peppers.ts';

/** Where the keys go: the embedded database of a data directory, or a PostgreSQL database. */
export type DirectSeedTarget = { sqliteDataDir: string } | { postgresUrl: string };

/**
 * Inserts `count` active keys for `tenantId` into the store while the server is stopped, hashed under `pepper`
 * (the deployment's pepper text, `<version>:<base64>`), and returns their plaintext values (the load generator
 * needs them).
 */
export type SeedKeysDirect = (
  target: DirectSeedTarget,
  pepper: string,
  tenantId: string,
  count: number,
) => Promise<readonly string[]>;

const batchSize = 10_000;

const INSERT_KEY = `INSERT INTO api_keys (id, tenant_id, name, mode, type, scopes, ip_allowlist, display_prefix,
  created_at, expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, 'live', 'secret', NULL, NULL, ?, ?, NULL, NULL, NULL)`;
const INSERT_SECRET = `INSERT INTO api_key_secrets (secret_hash, key_id, tenant_id, pepper_version, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?, NULL)`;

// PostgreSQL: one statement per table and batch, its rows passed as arrays and unnested on the server.
const INSERT_KEYS_PG = `INSERT INTO api_keys (id, tenant_id, name, mode, type, scopes, ip_allowlist, display_prefix,
  created_at, expires_at, last_used_at, revoked_at)
  SELECT id, $4, name, 'live', 'secret', NULL, NULL, display_prefix, $5, NULL, NULL, NULL
  FROM unnest($1::text[], $2::text[], $3::text[]) AS rows (id, name, display_prefix)`;
const INSERT_SECRETS_PG = `INSERT INTO api_key_secrets (secret_hash, key_id, tenant_id, pepper_version, created_at,
  expires_at)
  SELECT secret_hash, key_id, $3, $4, $5, NULL FROM unnest($1::text[], $2::text[]) AS rows (secret_hash, key_id)`;

/** One batch of keys as the issue service makes them: the same format, ids and peppered HMAC. */
interface Batch {
  keys: string[];
  ids: string[];
  names: string[];
  displayPrefixes: string[];
  secretHashes: string[];
}

function makeBatch(peppers: PepperRing, start: number, end: number): Batch {
  const batch: Batch = { keys: [], ids: [], names: [], displayPrefixes: [], secretHashes: [] };
  for (let index = start; index < end; index++) {
    const key = generateCredential('sk', 'live', cryptoRandom);
    batch.keys.push(key);
    batch.ids.push(newId('apiKey', cryptoRandom));
    batch.names.push(`bench-${index}`);
    batch.displayPrefixes.push(displayPrefixOf(key));
    batch.secretHashes.push(peppers.hashCurrent(key));
  }
  return batch;
}

/**
 * Seeding a million keys through the HTTP API would take longer than the benchmark itself, so the 1M-key
 * scenarios write rows straight into the store: the same key format, the same peppered HMAC and the same rows
 * the issue service writes, in batches of 10,000 per transaction (on PostgreSQL, two multi-row INSERTs of
 * unnested arrays per batch). Bench-only: the product issues keys through `services/keys/issue.ts`.
 */
export const seedKeysDirect: SeedKeysDirect = async (target, pepper, tenantId, count) => {
  const peppers = PepperRing.parse(pepper);
  const version = peppers.current.version;
  const now = Date.now();
  const keys: string[] = [];
  if ('sqliteDataDir' in target) {
    const database = new DatabaseSync(join(target.sqliteDataDir, 'portcullis.db'), { timeout: 5000 });
    try {
      const insertKey = database.prepare(INSERT_KEY);
      const insertSecret = database.prepare(INSERT_SECRET);
      for (let start = 0; start < count; start += batchSize) {
        const batch = makeBatch(peppers, start, Math.min(count, start + batchSize));
        database.exec('BEGIN');
        batch.ids.forEach((id, at) => {
          insertKey.run(id, tenantId, batch.names[at] as string, batch.displayPrefixes[at] as string, now);
          insertSecret.run(batch.secretHashes[at] as string, id, tenantId, version, now);
        });
        database.exec('COMMIT');
        keys.push(...batch.keys);
      }
    } finally {
      database.close();
    }
    return keys;
  }
  const client = new pg.Client({ connectionString: target.postgresUrl });
  await client.connect();
  try {
    for (let start = 0; start < count; start += batchSize) {
      const batch = makeBatch(peppers, start, Math.min(count, start + batchSize));
      await client.query('BEGIN');
      await client.query(INSERT_KEYS_PG, [batch.ids, batch.names, batch.displayPrefixes, tenantId, now]);
      await client.query(INSERT_SECRETS_PG, [batch.secretHashes, batch.ids, tenantId, version, now]);
      await client.query('COMMIT');
      keys.push(...batch.keys);
    }
    // Fresh statistics for a table that grew from nothing to a million rows while nobody was looking.
    await client.query('ANALYZE api_keys, api_key_secrets');
  } finally {
    await client.end();
  }
  return keys;
};

/** The 1,000,000-key scenarios' seeder. */
export async function loadSeedKeysDirect(): Promise<SeedKeysDirect | undefined> {
  return seedKeysDirect;
}
