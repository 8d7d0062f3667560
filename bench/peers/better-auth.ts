/**
 * Better Auth's API-key plugin, as a Better Auth user would verify keys in their own API: `auth.api.verifyApiKey`
 * (the plugin marks `/api-key/verify` server-only, so it is not reachable through `auth.handler`) behind a
 * plain `node:http` route, on Node's built-in `node:sqlite`.
 *
 * Plugin settings are its defaults except the per-key rate limit, which stays on (its counter is written on
 * every verification, as Portcullis' own limiter also counts every request) but with a ceiling no run can reach:
 * the default of 10 requests per day would deny most of the run. SQLite gets WAL and `synchronous = NORMAL`,
 * the usual settings for a server on SQLite; Better Auth leaves the database as it is handed over.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import {
  announceReady,
  createVerifyServer,
  listenOnLoopback,
  readPeerEnv,
  writeKeys,
} from '../lib/server-peer.ts';
import { packageVersion } from '../lib/versions.ts';

const { keyCount, keysFile, workDir } = readPeerEnv();

const database = new DatabaseSync(join(workDir, 'better-auth.sqlite'));
const pragmas = { journal_mode: 'WAL', synchronous: 'NORMAL' };
for (const [name, value] of Object.entries(pragmas)) database.exec(`PRAGMA ${name} = ${value}`);

const rateLimit = { enabled: true, timeWindow: 24 * 60 * 60 * 1000, maxRequests: 1_000_000_000 };

const options = {
  database,
  secret: randomBytes(32).toString('hex'),
  baseURL: 'http://127.0.0.1',
  telemetry: { enabled: false },
  plugins: [apiKey({ rateLimit })],
};
// Migrate before the first use of `auth`, whose start-up check would otherwise log the missing tables.
const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
const context = await auth.$context;

// The keys need an owner; creating one user through the internal adapter avoids enabling a sign-up method
// that the benchmark does not otherwise use.
const owner = await context.internalAdapter.createUser(
  { email: 'bench@example.com', name: 'Bench' },
  { method: 'admin' },
);

const plaintextKeys: string[] = [];
for (let i = 0; i < keyCount; i++) {
  const created = await auth.api.createApiKey({ body: { userId: owner.id, name: `k${i}` } });
  plaintextKeys.push(created.key);
}

const server = createVerifyServer((key) => auth.api.verifyApiKey({ body: { key } }));

await writeKeys(keysFile, plaintextKeys);
const port = await listenOnLoopback(server);

announceReady({
  port,
  versions: {
    'better-auth': packageVersion('better-auth'),
    '@better-auth/api-key': packageVersion('@better-auth/api-key'),
    sqlite: process.versions.sqlite ?? 'unknown',
  },
  settings: { database: 'node:sqlite DatabaseSync (file)', pragmas, rateLimit, deferUpdates: false },
});
