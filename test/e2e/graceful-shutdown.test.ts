import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { type ConnectionTarget, openConnection } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import { createIssuingClient } from './oauth-support.ts';
import { holdRequest } from './raw-request.ts';
import { call, type Env, firstPlatformKey, makeTempDir, removeDir, startServer } from './server.ts';

const VERIFIES = 6;
const TOKENS = 3;

/** What the database holds after the exit: the drained calls' feed rows, the keys' stamps, the tokens' rows. */
async function written(target: ConnectionTarget, keyIds: string[]) {
  const { db } = openConnection(target);
  try {
    const feed = await db
      .selectFrom('request_log')
      .select(['credential_id', 'path'])
      .where('path', 'like', '/drain/%')
      .execute();
    const stamps = await db
      .selectFrom('api_key_last_used')
      .select('key_id')
      .where('key_id', 'in', keyIds)
      .execute();
    const issued = await db
      .selectFrom('activity_log')
      .select('details')
      .where('action', '=', 'token.issued')
      .execute();
    return {
      feed: feed.map((row) => `${row.credential_id} ${row.path}`).sort(),
      stamped: stamps.map((row) => row.key_id).sort(),
      jtis: issued.map((row) => (JSON.parse(row.details) as { jti: string }).jti).sort(),
    };
  } finally {
    await db.destroy();
  }
}

/** Requests held open at SIGTERM (headers read, body not whole) are answered; the buffers are written first. */
async function drainAtSigterm(backend: { env: Env; target: (dataDir: string) => ConnectionTarget }) {
  const dataDir = await makeTempDir('drain');
  const server = await startServer(dataDir, backend.env);
  try {
    const platformKey = firstPlatformKey(server) as string;
    const auth = `Bearer ${platformKey}`;
    const client = await createIssuingClient(server, platformKey);
    const keys: { id: string; key: string }[] = [];
    for (let index = 0; index < VERIFIES; index++) {
      const created = await call(server, 'POST', `/api/v1/tenants/${client.tenantId}/keys`, {
        auth,
        body: { name: `drained ${index}` },
      });
      assert.equal(created.status, 201, created.text);
      keys.push(created.body);
    }
    const json = { authorization: auth, 'content-type': 'application/json' };
    const form = {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    const held = await Promise.all([
      ...keys.map((key, index) =>
        holdRequest(
          server.url,
          'POST',
          '/api/v1/verify',
          json,
          JSON.stringify({ key: key.key, path: `/drain/${index}` }),
        ),
      ),
      ...Array.from({ length: TOKENS }, () =>
        holdRequest(
          server.url,
          'POST',
          '/api/v1/platform/oauth/token',
          form,
          'grant_type=client_credentials',
        ),
      ),
    ]);

    const exited = server.stop();
    for (let wait = 0; !server.stdout().includes('shutting down'); wait++) {
      assert.ok(wait < 100, 'the server logs its shutdown');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await assert.rejects(call(server, 'GET', '/healthz'), 'no new connection is taken once shutdown begins');
    const answers = await Promise.all(held.map((request) => request.finish()));
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.body);
      assert.equal(answer.headers.connection, 'close');
    }
    const verified = answers
      .slice(0, VERIFIES)
      .map((answer) => JSON.parse(answer.body) as { valid: boolean });
    assert.deepEqual(
      verified.map((result) => result.valid),
      keys.map(() => true),
    );
    const jtis = answers
      .slice(VERIFIES)
      .map((answer) =>
        String(decodeJwt((JSON.parse(answer.body) as { access_token: string }).access_token).jti),
      );
    const answered = performance.now();
    assert.equal(await exited, 0, server.stderr());
    // The client keeps its connections open: the server closes each once its answer is sent, and so does not
    // wait for a keep-alive timeout to exit.
    assert.ok(
      performance.now() - answered < 2000,
      `exited ${performance.now() - answered} ms after answering`,
    );

    const stored = await written(
      backend.target(dataDir),
      keys.map((key) => key.id),
    );
    assert.deepEqual(stored.feed, keys.map((key, index) => `${key.id} /drain/${index}`).sort());
    assert.deepEqual(stored.stamped, keys.map((key) => key.id).sort());
    for (const jti of jtis) assert.ok(stored.jtis.includes(jti), `token.issued row for ${jti}`);
  } finally {
    await server.stop().catch(() => undefined);
    await removeDir(dataDir);
  }
}

/** A client that never sends the rest of its request holds the shutdown only until `server.shutdownTimeoutMs`. */
async function stalledClientAtSigterm() {
  const dataDir = await makeTempDir('stall');
  const configPath = join(dataDir, 'portcullis.config.json');
  // The feed is flushed at shutdown only: the row of the answered call can come from nowhere else.
  await writeFile(
    configPath,
    JSON.stringify(
      withSuiteVocabulary({ server: { shutdownTimeoutMs: 300 }, audit: { flushIntervalMs: 60_000 } }),
    ),
  );
  const server = await startServer(dataDir, { PORTCULLIS_CONFIG: configPath });
  try {
    const auth = `Bearer ${firstPlatformKey(server)}`;
    const { tenantId } = await createIssuingClient(server, firstPlatformKey(server) as string);
    const key = (
      await call(server, 'POST', `/api/v1/tenants/${tenantId}/keys`, { auth, body: { name: 'k' } })
    ).body;
    const body = (path: string) => JSON.stringify({ key: key.key, path });
    assert.equal(
      (await call(server, 'POST', '/api/v1/verify', { auth, body: JSON.parse(body('/drain/answered')) })).body
        .valid,
      true,
    );
    const json = { authorization: auth, 'content-type': 'application/json' };
    const stalled = await holdRequest(server.url, 'POST', '/api/v1/verify', json, body('/drain/stalled'));
    const stopped = performance.now();
    assert.equal(await server.stop(), 0, server.stderr());
    assert.ok(performance.now() - stopped < 5000, 'the deadline, not the client, ended the wait');
    await assert.rejects(stalled.finish(), /connection closed|ECONNRESET|EPIPE/);
    const stored = await written({ sqlitePath: join(dataDir, 'portcullis.db') }, [key.id]);
    assert.deepEqual(stored.feed, [`${key.id} /drain/answered`]);
    assert.deepEqual(stored.stamped, [key.id]);
  } finally {
    await server.stop().catch(() => undefined);
    await removeDir(dataDir);
  }
}

const postgres = await startPostgres();
after(() => postgres?.stop());

// SIGTERM with requests in flight: every one is answered, and the request feed, the last-used stamps and the
// token issuance rows are written before the process exits 0.
describe('graceful shutdown of the real server', { timeout: 60_000 }, () => {
  it('SQLite: requests in flight at SIGTERM are answered; feed rows, stamps and token rows are written', () =>
    drainAtSigterm({ env: {}, target: (dataDir) => ({ sqlitePath: join(dataDir, 'portcullis.db') }) }));

  it('a stalled client is cut off at server.shutdownTimeoutMs; the buffers are written all the same', () =>
    stalledClientAtSigterm());

  it('PostgreSQL: the same', async (t) => {
    if (!postgres) return t.skip('PostgreSQL not installed');
    const url = postgres.url;
    await drainAtSigterm({ env: { DATABASE_URL: url }, target: () => ({ postgresUrl: url }) });
  });
});
