import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import {
  call,
  firstPlatformKeyFile,
  makeTempDir,
  removeDir,
  runCli,
  type ServerProcess,
  startServer,
} from './server.ts';

// The operator's story from issue 2, against the real process: init, serve, tenant, keys, an integration
// calling whoami, the platform calling verify, revoke, roll, the request feed; then a restart that loses nothing.
describe('the user story, end to end', () => {
  let dataDir: string;
  let configDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let platform: string;
  let tenantId: string;
  const keys: Record<string, { id: string; key: string }> = {};
  let rolledKey: string;

  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server as ServerProcess, method, path, { auth: `Bearer ${platform}`, body });
  const verify = (key: string, extra: Record<string, unknown> = {}) =>
    asPlatform('POST', '/api/v1/verify', { key, ...extra });
  const feed = async (keyId: string) =>
    (await asPlatform('GET', `/api/v1/tenants/${tenantId}/audit/requests?keyId=${keyId}&limit=200`)).body
      .items as Array<{ outcome: string; path: string | null; method: string | null }>;

  before(async () => {
    dataDir = await makeTempDir('story');
    configDir = await makeTempDir('story-config');
    // A flush interval far beyond the test: rows written before shutdown prove the shutdown flush.
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(configPath, JSON.stringify(withSuiteVocabulary({ audit: { flushIntervalMs: 60_000 } })));
    env = { PORTCULLIS_DATA_DIR: dataDir, PORTCULLIS_CONFIG: configPath };
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('init --json names the file holding the platform key; a second init refuses and says what to do', async () => {
    const first = await runCli(['init', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.doesNotMatch(first.stdout + first.stderr, /pk_live_/);
    const printed = JSON.parse(first.stdout) as {
      dataDir: string;
      database: string;
      platformKeyFile: string;
    };
    assert.deepEqual(printed, {
      dataDir,
      database: `${join(dataDir, 'portcullis.db')} (SQLite)`,
      platformKeyFile: firstPlatformKeyFile(dataDir),
    });
    platform = (await readFile(printed.platformKeyFile, 'utf8')).trim();
    assert.match(platform, /^pk_live_[A-Za-z0-9]{30}$/);

    const second = await runCli(['init', '--json'], env);
    assert.equal(second.code, 1);
    assert.doesNotMatch(second.stdout + second.stderr, /pk_live_/);
    assert.deepEqual(JSON.parse(second.stdout), {
      error: 'already_initialised',
      message: `${printed.database} has a platform key`,
      database: printed.database,
      next: 'npx portcullis platform-keys create --name NAME',
    });
  });

  it('serve starts on the initialised dir without printing another platform key', async () => {
    server = await startServer(dataDir, env);
    assert.doesNotMatch(server.stdout(), /pk_live_|First platform key/);
    assert.equal((await call(server, 'GET', '/healthz')).body.status, 'ok');
  });

  it('creates a tenant on a plan and live/test, secret/restricted keys for it', async () => {
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Acme Travel', plan: 'pro' });
    assert.equal(tenant.status, 201, tenant.text);
    assert.equal(tenant.body.plan, 'pro');
    tenantId = tenant.body.id;

    const specs = {
      liveSecret: { mode: 'live', type: 'secret', prefix: /^sk_live_/ },
      testSecret: { mode: 'test', type: 'secret', prefix: /^sk_test_/ },
      liveRestricted: { mode: 'live', type: 'restricted', scopes: ['bookings:read'], prefix: /^rk_live_/ },
      testRestricted: { mode: 'test', type: 'restricted', scopes: ['mcp:*'], prefix: /^rk_test_/ },
      unused: { mode: 'live', type: 'secret', prefix: /^sk_live_/ },
    };
    for (const [name, { prefix, ...spec }] of Object.entries(specs)) {
      const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, { name, ...spec });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.key, prefix);
      assert.equal(created.body.displayPrefix, created.body.key.slice(0, 12));
      keys[name] = { id: created.body.id, key: created.body.key };
    }
    const listed = await asPlatform('GET', `/api/v1/tenants/${tenantId}/keys`);
    assert.equal(listed.body.items.length, 5);
    for (const { key } of Object.values(keys)) assert.ok(!listed.text.includes(key), 'list shows no secret');
  });

  it('an integration calls whoami with ApiKey and Bearer; no key gets 401 with a challenge', async () => {
    const asApiKey = await call(server as ServerProcess, 'GET', '/api/v1/whoami', {
      auth: `ApiKey ${keys.liveRestricted?.key}`,
    });
    assert.equal(asApiKey.status, 200, asApiKey.text);
    assert.deepEqual(
      { ...asApiKey.body, scopes: undefined },
      {
        credentialType: 'api_key',
        tenantId,
        keyId: keys.liveRestricted?.id,
        mode: 'live',
        type: 'restricted',
        scopes: undefined,
      },
    );
    assert.ok(asApiKey.body.scopes.includes('bookings:read'));
    assert.ok(!asApiKey.body.scopes.includes('bookings:write'));

    const asBearer = await call(server as ServerProcess, 'GET', '/api/v1/whoami', {
      auth: `Bearer ${keys.testRestricted?.key}`,
    });
    assert.equal(asBearer.status, 200, asBearer.text);
    assert.equal(asBearer.body.mode, 'test');
    assert.equal(asBearer.body.keyId, keys.testRestricted?.id);

    const anonymous = await call(server as ServerProcess, 'GET', '/api/v1/whoami');
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /ApiKey realm="portcullis"/);
  });

  it('the platform verifies: valid with ratelimit, insufficient_scope naming the missing scope', async () => {
    const valid = await verify(keys.liveRestricted?.key as string, { scopes: ['bookings:read'] });
    assert.equal(valid.status, 200);
    assert.equal(valid.body.valid, true);
    assert.equal(valid.body.keyId, keys.liveRestricted?.id);
    assert.equal(valid.body.ratelimit.limit, 600);

    const denied = await verify(keys.liveRestricted?.key as string, { scopes: ['bookings:write'] });
    assert.equal(denied.body.valid, false);
    assert.equal(denied.body.code, 'insufficient_scope');
    assert.deepEqual(denied.body.missingScopes, ['bookings:write']);
  });

  it('revoking a key stops it on the very next verify and whoami', async () => {
    assert.equal((await verify(keys.testRestricted?.key as string)).body.valid, true);
    const revoked = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/keys/${keys.testRestricted?.id}`);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.status, 'revoked');
    assert.deepEqual((await verify(keys.testRestricted?.key as string)).body, {
      valid: false,
      code: 'revoked',
      credentialType: 'api_key',
      tenantId,
      keyId: keys.testRestricted?.id,
    });
    const whoami = await call(server as ServerProcess, 'GET', '/api/v1/whoami', {
      auth: `ApiKey ${keys.testRestricted?.key}`,
    });
    assert.equal(whoami.status, 401);
  });

  it('rolling issues a new secret for the same key id and stops the old one', async () => {
    const rolled = await asPlatform(
      'POST',
      `/api/v1/tenants/${tenantId}/keys/${keys.liveSecret?.id}/roll`,
      {},
    );
    assert.equal(rolled.status, 200, rolled.text);
    assert.equal(rolled.body.id, keys.liveSecret?.id);
    assert.notEqual(rolled.body.key, keys.liveSecret?.key);
    rolledKey = rolled.body.key;
    assert.equal((await verify(rolledKey)).body.valid, true);
    // The old secret, replaced with no grace period, answers `rolled`: the key itself lives on.
    assert.equal((await verify(keys.liveSecret?.key as string)).body.code, 'rolled');
  });

  it('the request feed shows every call with its outcome', async () => {
    const rows = await feed(keys.liveRestricted?.id as string);
    const outcomes = rows.map((row) => row.outcome).sort();
    assert.deepEqual(outcomes, ['insufficient_scope', 'valid', 'valid']);
    assert.ok(rows.some((row) => row.method === 'GET' && row.path === '/api/v1/whoami'));
    // whoami (Bearer) and verify before the revoke, then the refused verify and whoami after it.
    const revokedRows = await feed(keys.testRestricted?.id as string);
    assert.deepEqual(revokedRows.map((row) => row.outcome).sort(), ['revoked', 'revoked', 'valid', 'valid']);
  });

  it('a clean SIGTERM shutdown flushes calls made just before it', async () => {
    // testSecret is used only here, so its feed rows and lastUsedAt exist only if shutdown flushed them.
    for (let index = 0; index < 3; index++) {
      const result = await verify(keys.testSecret?.key as string, { method: 'get', path: `/late/${index}` });
      assert.equal(result.body.valid, true);
    }
    assert.equal((await server?.stop()) ?? null, 0, server?.stderr());
  });

  it('after a restart on the same data dir nothing is lost and no new platform key is printed', async () => {
    server = await startServer(dataDir, env);
    assert.doesNotMatch(server.stdout(), /pk_live_|First platform key/);

    const tenants = await asPlatform('GET', '/api/v1/tenants');
    assert.equal(tenants.status, 200, 'the old platform key still works');
    assert.deepEqual(
      tenants.body.items.map((tenant: { id: string; plan: string }) => [tenant.id, tenant.plan]),
      [[tenantId, 'pro']],
    );

    const listed = (await asPlatform('GET', `/api/v1/tenants/${tenantId}/keys`)).body.items as Array<{
      id: string;
      status: string;
      lastUsedAt: string | null;
    }>;
    const byId = new Map(listed.map((key) => [key.id, key]));
    assert.equal(listed.length, 5);
    assert.equal(byId.get(keys.testRestricted?.id as string)?.status, 'revoked');
    for (const name of ['liveSecret', 'testSecret', 'liveRestricted', 'testRestricted']) {
      assert.ok(byId.get(keys[name]?.id as string)?.lastUsedAt, `${name} has lastUsedAt`);
    }
    assert.equal(byId.get(keys.unused?.id as string)?.lastUsedAt, null);

    assert.equal((await verify(keys.testRestricted?.key as string)).body.code, 'revoked');
    assert.equal((await verify(keys.liveSecret?.key as string)).body.code, 'rolled');
    assert.equal((await verify(rolledKey)).body.valid, true);
    assert.equal((await verify(keys.liveRestricted?.key as string)).body.valid, true);

    const late = await feed(keys.testSecret?.id as string);
    assert.deepEqual(late.map((row) => `${row.method} ${row.path}`).sort(), [
      'GET /late/0',
      'GET /late/1',
      'GET /late/2',
    ]);
    assert.equal((await feed(keys.liveRestricted?.id as string)).length, 4);

    const activity = await asPlatform('GET', `/api/v1/tenants/${tenantId}/audit/activity?limit=200`);
    const actions = activity.body.items.map((row: { action: string }) => row.action).sort();
    assert.deepEqual(actions, [
      ...Array(5).fill('key.created'),
      'key.revoked',
      'key.rolled',
      'tenant.created',
    ]);
  });
});
