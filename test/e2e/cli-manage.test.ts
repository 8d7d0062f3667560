// The CLI on both stores, against a running server: the way back after losing the platform key, clients,
// management key pairs and the request feed followed as it grows. Every command goes through the same use cases
// as the API, so what the CLI changes the server sees at once.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import {
  type CliResult,
  call,
  clientToken,
  type Env,
  firstPlatformKeyFile,
  makeTempDir,
  removeDir,
  runCli,
  type ServerProcess,
  spawnCli,
  startServer,
} from './server.ts';

const PEPPER = `1:${Buffer.alloc(32, 31).toString('base64')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MASTER_KEY = Buffer.alloc(32, 32).toString('base64');

const postgres = await startPostgres();
const emptyDatabase = postgres ? await startPostgres() : undefined;

// biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON output
function json(result: CliResult): any {
  assert.equal(result.code, 0, `exit code; stderr: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const tokenStatus = async (server: ServerProcess, clientId: string, secret: string): Promise<number> =>
  (await clientToken(server, clientId, secret)).status;

for (const store of ['SQLite', 'PostgreSQL'] as const) {
  describe(`the CLI on ${store}`, {
    skip: store === 'PostgreSQL' && !postgres && 'PostgreSQL not installed',
    timeout: 120_000,
  }, () => {
    let dataDir: string;
    let env: Env;
    let server: ServerProcess | undefined;
    let bootstrap: string;
    let tenantId: string;
    const cli = (...args: string[]) => runCli(args, env);
    const asPlatform = (key: string, path: string) =>
      call(server as ServerProcess, 'GET', path, { auth: `Bearer ${key}` });

    before(async () => {
      dataDir = await makeTempDir('cli-both');
      env =
        store === 'SQLite'
          ? { PORTCULLIS_DATA_DIR: dataDir }
          : {
              PORTCULLIS_DATA_DIR: dataDir,
              DATABASE_URL: (postgres as TestPostgres).url,
              PORTCULLIS_PEPPER: PEPPER,
              PORTCULLIS_MASTER_KEY: MASTER_KEY,
            };
      const init = json(await cli('init', '--json'));
      assert.equal(init.platformKeyFile, firstPlatformKeyFile(dataDir));
      assert.match(
        init.database,
        store === 'SQLite' ? /portcullis\.db \(SQLite\)$/ : /^postgres:\/\/[^@]+ \(PostgreSQL\)$/,
      );
      bootstrap = (await readFile(init.platformKeyFile, 'utf8')).trim();
      server = await startServer(dataDir, env);
      tenantId = json(await cli('tenants', 'create', '--name', 'Acme', '--plan', 'pro', '--json')).id;
    });
    after(async () => {
      await server?.stop().catch(() => undefined);
      await removeDir(dataDir);
    });

    it('a lost platform key: local access makes another, and revokes the lost one at once', async () => {
      await rm(firstPlatformKeyFile(dataDir));
      const listed = json(await cli('platform-keys', 'list', '--json'));
      assert.equal(listed.items.length, 1);
      const lost = listed.items[0];
      assert.equal(lost.name, 'bootstrap');
      assert.equal(lost.displayPrefix, bootstrap.slice(0, 12));

      const created = json(await cli('platform-keys', 'create', '--name', 'ops', '--json'));
      assert.match(created.key, /^pk_live_/);
      assert.deepEqual(created.permissions, ['*']);
      assert.equal((await asPlatform(created.key, '/api/v1/tenants')).status, 200);

      const revoked = json(await cli('platform-keys', 'revoke', '--key', lost.id, '--json'));
      assert.ok(revoked.revokedAt);
      assert.equal((await asPlatform(bootstrap, '/api/v1/tenants')).status, 401);
      assert.equal((await asPlatform(created.key, '/api/v1/tenants')).status, 200);
      assert.deepEqual(json(await cli('platform-keys', 'get', '--key', lost.id, '--json')), revoked);

      const verifier = json(
        await cli('platform-keys', 'create', '--name', 'api', '--permissions', 'verify', '--json'),
      );
      assert.equal((await asPlatform(verifier.key, '/api/v1/tenants')).status, 403);

      // The list pages as the API's does: --limit and --cursor, {items, nextCursor} with --json.
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = json(
          await cli(
            'platform-keys',
            'list',
            '--limit',
            '1',
            ...(cursor ? ['--cursor', cursor] : []),
            '--json',
          ),
        );
        assert.deepEqual(Object.keys(page).sort(), ['items', 'nextCursor']);
        assert.equal(page.items.length, 1);
        paged.push(page.items[0].id);
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(paged.sort(), [lost.id, created.id, verifier.id].sort());
      const table = await cli('platform-keys', 'list', '--limit', '2');
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^More: --cursor \S+$/m);
      const missing = await cli('platform-keys', 'revoke', '--key', 'pk_nope');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /portcullis: not_found: platform key not found/);
    });

    it('clients: create, suspend and resume, rotate the secret; the server follows each step', async () => {
      const created = json(
        await cli(
          'clients',
          'create',
          '--tenant',
          tenantId,
          '--name',
          'sync',
          '--scopes',
          'bookings:read',
          '--json',
        ),
      );
      const clientId = created.client_id as string;
      assert.equal(created.id, clientId);
      assert.match(created.client_secret, /^cs_live_/);
      assert.equal(await tokenStatus(server as ServerProcess, clientId, created.client_secret), 200);

      const suspended = json(
        await cli('clients', 'suspend', '--tenant', tenantId, '--client', clientId, '--json'),
      );
      assert.equal(suspended.status, 'suspended');
      assert.equal(await tokenStatus(server as ServerProcess, clientId, created.client_secret), 401);
      json(await cli('clients', 'resume', '--tenant', tenantId, '--client', clientId, '--json'));
      assert.equal(await tokenStatus(server as ServerProcess, clientId, created.client_secret), 200);

      const rotated = json(
        await cli('clients', 'rotate-secret', '--tenant', tenantId, '--client', clientId, '--json'),
      );
      assert.notEqual(rotated.client_secret, created.client_secret);
      assert.equal(await tokenStatus(server as ServerProcess, clientId, created.client_secret), 401);
      assert.equal(await tokenStatus(server as ServerProcess, clientId, rotated.client_secret), 200);

      const { client_id: _id, client_secret: _secret, ...shown } = rotated;
      const got = json(await cli('clients', 'get', '--tenant', tenantId, '--client', clientId, '--json'));
      assert.deepEqual(got, { ...shown, updatedAt: got.updatedAt });
      const listed = json(await cli('clients', 'list', '--tenant', tenantId, '--json'));
      assert.deepEqual(listed, { items: [got], nextCursor: null });
      const table = await cli('clients', 'list', '--tenant', tenantId);
      assert.match(
        table.stdout,
        new RegExp(`^${clientId}\\s+sync\\s+live\\s+active\\s+bookings:read\\s`, 'm'),
      );
    });

    it('management key pairs: create, list, get, revoke; the pair works until revoked', async () => {
      const created = json(
        await cli(
          'management-keys',
          'create',
          '--tenant',
          tenantId,
          '--name',
          'backend',
          '--permissions',
          'manage:keys',
          '--json',
        ),
      );
      const headers = { 'x-api-key': created.apiKey, 'x-api-secret': created.apiSecret };
      const keys = () =>
        call(server as ServerProcess, 'GET', `/api/v1/tenants/${tenantId}/keys`, { headers });
      assert.equal((await keys()).status, 200);
      const { apiSecret: _secret, ...fresh } = created;
      const listed = json(await cli('management-keys', 'list', '--tenant', tenantId, '--json')).items;
      assert.ok(listed[0]?.lastUsedAt, 'used once');
      const shown = { ...fresh, lastUsedAt: listed[0].lastUsedAt };
      assert.deepEqual(listed, [shown]);
      assert.deepEqual(
        json(await cli('management-keys', 'get', '--tenant', tenantId, '--key', created.id, '--json')),
        shown,
      );
      const revoked = json(
        await cli('management-keys', 'revoke', '--tenant', tenantId, '--key', created.id, '--json'),
      );
      assert.equal(revoked.status, 'revoked');
      assert.equal((await keys()).status, 401);
    });

    it('audit tail follows the request feed as the server writes it, until Ctrl-C', async () => {
      const platform = json(await cli('platform-keys', 'create', '--name', 'tail', '--json')).key as string;
      const key = json(await cli('keys', 'create', '--tenant', tenantId, '--name', 'tailed', '--json'));
      const verify = () =>
        call(server as ServerProcess, 'POST', '/api/v1/verify', {
          auth: `Bearer ${platform}`,
          body: { key: key.key, method: 'GET', path: '/bookings' },
        });
      for (let call = 0; call < 3; call++) assert.equal((await verify()).body.valid, true);
      // Without following, --json is one document: the rows, oldest first.
      const written = async () =>
        (
          json(await cli('audit', 'tail', '--tenant', tenantId, '--key', key.id, '--no-follow', '--json'))
            .items as unknown[]
        ).length;
      for (let waited = 0; (await written()) < 3 && waited < 10_000; waited += 100) await sleep(100);
      const tail = spawnCli(
        [
          'audit',
          'tail',
          '--tenant',
          tenantId,
          '--key',
          key.id,
          '--lines',
          '2',
          '--interval-ms',
          '100',
          '--json',
        ],
        env,
      );
      const rows = () =>
        tail
          .stdout()
          .split('\n')
          .filter(Boolean)
          .map(
            (line) => JSON.parse(line) as { id: number; credentialId: string; outcome: string; path: string },
          );
      try {
        for (let waited = 0; rows().length < 2 && waited < 10_000; waited += 50) await sleep(50);
        await sleep(500);
        assert.equal(rows().length, 2, `the last two calls made before the tail: ${tail.stderr()}`);
        await verify();
        await verify();
        for (let waited = 0; rows().length < 4 && waited < 10_000; waited += 50) await sleep(50);
        // A few more polls: the call before the last two is old, never shown as new.
        await sleep(500);
        assert.equal(tail.child.exitCode, null, 'still following');
      } finally {
        assert.equal(await tail.stop(), 0, tail.stderr());
      }
      const seen = rows();
      assert.equal(seen.length, 4, tail.stdout());
      assert.equal(new Set(seen.map((row) => row.id)).size, 4, 'each row once');
      assert.deepEqual(
        seen.map((row) => row.id),
        [...seen.map((row) => row.id)].sort((a, b) => a - b),
        'oldest first',
      );
      for (const row of seen) {
        assert.equal(row.credentialId, key.id);
        assert.equal(row.outcome, 'valid');
        assert.equal(row.path, '/bookings');
      }
      assert.ok(!tail.stdout().includes(key.key), 'no secret in the feed');
      // People read the latency rounded to at most one decimal; --json gives it as the API does.
      const human = await cli('audit', 'tail', '--tenant', tenantId, '--key', key.id, '--no-follow');
      assert.equal(human.code, 0, human.stderr);
      const lines = human.stdout.split('\n').filter((text) => text.includes('/bookings'));
      assert.ok(lines.length >= 4, human.stdout);
      for (const text of lines) assert.match(text, / {2}\d+(\.\d)?ms {2}/);
    });

    it("keys list and clients list take the API's filters", async () => {
      const create = async (...args: string[]) =>
        json(await cli('keys', 'create', '--tenant', tenantId, ...args, '--json'));
      const reader = await create(
        '--name',
        'filter reader',
        '--type',
        'restricted',
        '--scopes',
        'bookings:read',
      );
      await create('--name', 'filter test', '--mode', 'test');
      const gone = await create('--name', 'filter gone');
      json(await cli('keys', 'revoke', '--tenant', tenantId, '--key', gone.id, '--json'));
      const names = async (...args: string[]) =>
        json(await cli('keys', 'list', '--tenant', tenantId, '--name-prefix', 'filter ', ...args, '--json'))
          .items.map((item: { name: string }) => item.name)
          .sort();
      assert.deepEqual(await names(), ['filter gone', 'filter reader', 'filter test']);
      assert.deepEqual(await names('--status', 'revoked'), ['filter gone']);
      assert.deepEqual(await names('--mode', 'test'), ['filter test']);
      assert.deepEqual(await names('--type', 'restricted', '--status', 'active'), ['filter reader']);
      assert.equal(reader.type, 'restricted');
      const wrong = await cli('keys', 'list', '--tenant', tenantId, '--status', 'sleeping');
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--status/);

      const client = json(
        await cli(
          'clients',
          'create',
          '--tenant',
          tenantId,
          '--name',
          'filter job',
          '--scopes',
          'bookings:read',
          '--json',
        ),
      );
      json(await cli('clients', 'suspend', '--tenant', tenantId, '--client', client.id, '--json'));
      const clients = async (...args: string[]) =>
        json(
          await cli('clients', 'list', '--tenant', tenantId, '--name-prefix', 'filter ', ...args, '--json'),
        ).items.map((item: { id: string }) => item.id);
      assert.deepEqual(await clients('--status', 'suspended'), [client.id]);
      assert.deepEqual(await clients('--status', 'active'), []);
      assert.deepEqual(await clients('--mode', 'test'), []);
    });

    it('usage counts verified calls by outcome; a stopped server has written every count', async () => {
      const platform = json(await cli('platform-keys', 'create', '--name', 'usage', '--json')).key as string;
      const key = json(
        await cli(
          'keys',
          'create',
          '--tenant',
          tenantId,
          '--name',
          'counted',
          '--type',
          'restricted',
          '--scopes',
          'bookings:read',
          '--json',
        ),
      );
      const verify = (scopes: string[]) =>
        call(server as ServerProcess, 'POST', '/api/v1/verify', {
          auth: `Bearer ${platform}`,
          body: { key: key.key, scopes },
        });
      for (let call = 0; call < 3; call++) assert.equal((await verify(['bookings:read'])).body.valid, true);
      assert.equal((await verify(['bookings:write'])).body.code, 'insufficient_scope');
      await server?.stop();
      server = undefined;
      const report = json(
        await cli('usage', '--tenant', tenantId, '--key', key.id, '--interval', 'minute', '--json'),
      );
      assert.equal(report.interval, 'minute');
      assert.equal(report.buckets.length, 60);
      const sum = (pick: (bucket: { total: number; outcomes: Record<string, number> }) => number) =>
        report.buckets.reduce((total: number, bucket: never) => total + pick(bucket), 0);
      assert.equal(
        sum((bucket) => bucket.total),
        4,
      );
      assert.equal(
        sum((bucket) => bucket.outcomes.valid ?? 0),
        3,
      );
      assert.equal(
        sum((bucket) => bucket.outcomes.insufficient_scope ?? 0),
        1,
      );
      const table = await cli('usage', '--tenant', tenantId, '--key', key.id, '--interval', 'day');
      assert.equal(table.code, 0, table.stderr);
      assert.match(
        table.stdout,
        /^start\s+total\s+valid\s+rateLimited\s+refused\n\S+\s+4\s+3\s+0\s+insufficient_scope=1\n$/,
      );
      const bad = await cli('usage', '--tenant', tenantId, '--interval', 'week');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--interval/);
    });
  });
}

describe('the CLI on a PostgreSQL database nobody initialised', {
  skip: !emptyDatabase && 'PostgreSQL not installed',
}, () => {
  let dataDir: string;
  before(async () => {
    dataDir = await makeTempDir('cli-empty-pg');
  });
  after(async () => {
    await removeDir(dataDir);
    await emptyDatabase?.stop();
    await postgres?.stop();
  });

  it('a command other than init refuses it, saying to check DATABASE_URL or run init', async () => {
    const env = {
      PORTCULLIS_DATA_DIR: dataDir,
      DATABASE_URL: (emptyDatabase as TestPostgres).url,
      PORTCULLIS_PEPPER: PEPPER,
      PORTCULLIS_MASTER_KEY: MASTER_KEY,
    };
    const result = await runCli(['tenants', 'list'], env);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /^portcullis: config_invalid: the database of DATABASE_URL holds no Portcullis deployment: check DATABASE_URL, or run "npx portcullis init"/m,
    );
    assert.equal((await runCli(['init'], env)).code, 0);
    assert.equal((await runCli(['tenants', 'list', '--json'], env)).code, 0);
  });
});
