import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ConnectionTarget } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import { burstThenKill, interleave } from './burst.ts';
import { checkOutbox, checkThroughApi } from './kill-nine-checks.ts';
import {
  call,
  type Env,
  firstPlatformKey,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

/** A plan that never refuses the burst: no key limit or rate limit is reached. */
const CONFIG = {
  plans: [
    {
      id: 'burst',
      name: 'Burst',
      scopes: ['bookings:*'],
      requestsPerMinute: 1_000_000,
      maxActiveKeys: 100_000,
    },
  ],
  defaultPlan: 'burst',
};
const SCOPE = 'bookings:read';
const REVOCABLE_KEYS = 60;
const BURST = { creates: 120, tokens: 120, concurrency: 96, killAfter: 150, deadlineMs: 10_000 };

/**
 * The whole scenario on one backend: set up, burst, SIGKILL mid-burst, restart, check. `backend.env` points
 * the server at its database; `backend.target` opens the same database directly.
 */
async function killNine(backend: {
  env: Env;
  target: (dataDir: string) => ConnectionTarget;
}): Promise<string> {
  const dataDir = await makeTempDir('kill-nine');
  const configDir = await makeTempDir('kill-nine-config');
  const servers: ServerProcess[] = [];
  try {
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(configPath, JSON.stringify(withSuiteVocabulary(CONFIG)));
    const env: Env = { PORTCULLIS_CONFIG: configPath, PORTCULLIS_LOG_LEVEL: 'warn', ...backend.env };
    const first = await startServer(dataDir, env);
    servers.push(first);
    const platformKey = firstPlatformKey(first) as string;
    assert.ok(platformKey, 'the first start printed a platform key');
    const asPlatform = (method: string, path: string, body?: unknown) =>
      call(first, method, path, { auth: `Bearer ${platformKey}`, body });

    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Kill Nine', plan: 'burst' });
    assert.equal(tenant.status, 201, tenant.text);
    const tenantId: string = tenant.body.id;
    const client = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'burst client',
      scopes: [SCOPE],
      mode: 'live',
    });
    assert.equal(client.status, 201, client.text);
    const revocable = await Promise.all(
      Array.from({ length: REVOCABLE_KEYS }, async () => {
        const key = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, { name: 'to revoke' });
        assert.equal(key.status, 201, key.text);
        return key.body.id as string;
      }),
    );

    const outcome = await burstThenKill(
      {
        server: first,
        tenantId,
        platformKey,
        clientId: client.body.client_id,
        clientSecret: client.body.client_secret,
        scope: SCOPE,
      },
      { operations: interleave(BURST.creates, revocable, BURST.tokens), ...BURST },
    );
    const { acknowledged } = outcome;
    const errorLines = first
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    assert.deepEqual(
      outcome.refusals,
      [],
      `every answer before the kill is a success\n${errorLines.join('\n')}`,
    );
    assert.equal(first.child.signalCode, 'SIGKILL');
    const counts = [acknowledged.createdKeys, acknowledged.revokedKeys, acknowledged.tokenJtis].map(
      (a) => a.length,
    );
    assert.ok(
      counts.every((count) => count > 0) && counts.reduce((a, b) => a + b) >= BURST.killAfter,
      `${counts}`,
    );
    // Every other worker was waiting on an answer: the kill lands mid-burst, not after it.
    assert.ok(
      outcome.inFlightAtKill >= BURST.concurrency / 2,
      `${outcome.inFlightAtKill} in flight at the kill`,
    );
    assert.ok(outcome.unanswered > 0, 'the kill cut requests off');
    // The setup's keys were acknowledged writes too.
    acknowledged.createdKeys.push(...revocable);

    const restarted = await startServer(dataDir, env);
    servers.push(restarted);
    const keys = await checkThroughApi(restarted, platformKey, tenantId, acknowledged);
    assert.equal(await restarted.stop(), 0, 'the restarted server stops cleanly');
    await checkOutbox(backend.target(dataDir), tenantId, client.body.client_id, keys);
    const [created, revoked, tokens] = counts;
    const acked = `acknowledged ${created} creations, ${revoked} revocations, ${tokens} issuances`;
    return `${acked}; killed with ${outcome.inFlightAtKill} in flight, ${outcome.unanswered} unanswered`;
  } finally {
    // A server still up after a failed assertion: SIGTERM, then SIGKILL after a bounded wait.
    for (const server of servers) await server.stop().catch(() => undefined);
    await removeDir(dataDir);
    await removeDir(configDir);
  }
}

const postgres = await startPostgres();
after(() => postgres?.stop());

// A kill -9 mid-burst loses no acknowledged write: each acknowledged key creation, revocation and token
// issuance has its activity row after a restart, and keys, activity rows and outbox events agree one for one.
describe('kill -9 mid-burst against the real server', { timeout: 60_000 }, () => {
  it('SQLite: no acknowledged write is lost, no change lacks its row or event', async (t) => {
    const target = (dataDir: string) => ({ sqlitePath: join(dataDir, 'portcullis.db') });
    t.diagnostic(await killNine({ env: {}, target }));
  });

  it('PostgreSQL: no acknowledged write is lost, no change lacks its row or event', async (t) => {
    if (!postgres) return t.skip('PostgreSQL not installed');
    const url = postgres.url;
    t.diagnostic(await killNine({ env: { DATABASE_URL: url }, target: () => ({ postgresUrl: url }) }));
  });
});
