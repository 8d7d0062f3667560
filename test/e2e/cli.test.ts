import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CliResult,
  call,
  type Env,
  freePort,
  makeTempDir,
  ROOT,
  removeDir,
  runCli,
  type ServerProcess,
  startServer,
} from './server.ts';

const COMMANDS = [
  'serve',
  'init',
  'migrate',
  'tenants create',
  'keys create',
  'keys revoke',
  'signing-keys rotate',
];

/** A failure the operator can act on: a one-line `portcullis: …` message naming the problem, no stack. */
function assertCleanFailure(result: CliResult, code: number, message: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.match(result.stderr, /^portcullis: /);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(result.stdout, /pk_live_|sk_live_/);
}

describe('portcullis --help', { concurrency: true }, () => {
  it('lists every command and exits 0', async () => {
    const result = await runCli(['--help'], {});
    assert.equal(result.code, 0);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    assert.equal(result.stderr, '');
  });

  it('works through the package bin file, as `npx portcullis --help` runs it', async () => {
    const result = await runCli(['--help'], {}, join(ROOT, 'bin/portcullis.js'));
    assert.equal(result.code, 0, result.stderr);
    for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'));
  });
});

describe('bad CLI input', { concurrency: true }, () => {
  let dataDir: string;
  let env: Env;

  before(async () => {
    dataDir = await makeTempDir('cli-bad');
    env = { PORTCULLIS_DATA_DIR: dataDir, PORT: String(await freePort()) };
  });
  after(() => removeDir(dataDir));

  it('an unknown command exits 2 with a message on stderr', async () => {
    assertCleanFailure(await runCli(['frobnicate'], env), 2, /unknown command "frobnicate"/);
  });

  it('an unknown flag exits 2 naming the flag', async () => {
    const result = await runCli(['tenants', 'create', '--name', 'X', '--colour', 'red'], env);
    assertCleanFailure(result, 2, /--colour/);
  });

  it('keys create refuses a bad --mode, a bad --expires-at and an unknown tenant', async () => {
    const base = ['keys', 'create', '--tenant', 'ten_nope', '--name', 'k'];
    assertCleanFailure(await runCli([...base, '--mode', 'prod'], env), 2, /--mode: .*"live"\|"test"/);
    assertCleanFailure(await runCli([...base, '--expires-at', 'tomorrow'], env), 2, /--expires-at: /);
    assertCleanFailure(await runCli(base, env), 1, /not_found: tenant not found/);
  });

  it('a config file with an invalid field exits 1 naming the field', async () => {
    const path = join(dataDir, 'bad.config.json');
    const plans = [{ id: 'x', name: 'X', scopes: [], requestsPerMinute: -1 }];
    await writeFile(path, JSON.stringify({ plans }));
    const result = await runCli(['serve', '--config', path], env);
    assertCleanFailure(result, 1, /config_invalid: config\.plans\.0\.requestsPerMinute: /);
  });

  it('a config file that is not JSON exits 1 with a clear error', async () => {
    const path = join(dataDir, 'broken.config.json');
    await writeFile(path, '{ "server": ');
    const result = await runCli(['serve'], { ...env, PORTCULLIS_CONFIG: path });
    assertCleanFailure(result, 1, /config file .*broken\.config\.json is not valid JSON/);
  });

  it('PORT=abc exits 1 with a clear error', async () => {
    assertCleanFailure(await runCli(['serve'], { ...env, PORT: 'abc' }), 1, /PORT must be a whole number/);
  });

  it('a metrics token too short exits 1 naming the field, not the token', async () => {
    const result = await runCli(['serve'], { ...env, PORTCULLIS_METRICS_TOKEN: 'tooShortToScrape' });
    assertCleanFailure(result, 1, /config_invalid: config\.metrics\.token: must be 32 to 512 /);
    assert.doesNotMatch(result.stderr, /tooShortToScrape/);
  });

  it('PORTCULLIS_ACCESS_LOG=yes exits 1 with a clear error', async () => {
    const result = await runCli(['serve'], { ...env, PORTCULLIS_ACCESS_LOG: 'yes' });
    assertCleanFailure(result, 1, /config_invalid: PORTCULLIS_ACCESS_LOG must be true or false/);
  });
});

describe('migrate', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await makeTempDir('cli-migrate');
  });
  after(() => removeDir(dataDir));

  it('applies the migrations on a fresh dir, then 0 on a second run', async () => {
    const env = { PORTCULLIS_DATA_DIR: join(dataDir, 'nested') };
    const first = await runCli(['migrate', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const applied = (JSON.parse(first.stdout) as { applied: string[] }).applied;
    assert.ok(applied.length > 0);
    assert.ok((await readdir(join(dataDir, 'nested'))).includes('portcullis.db'));
    const second = await runCli(['migrate'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, 'Applied 0 migration(s)\n');
  });
});

describe('tenants and keys from the CLI, against a running server', () => {
  let dataDir: string;
  let env: Env;
  let server: ServerProcess | undefined;
  let platform: string;
  let tenantId: string;
  let key: { id: string; key: string };

  const verify = (presented: string) =>
    call(server as ServerProcess, 'POST', '/api/v1/verify', {
      auth: `Bearer ${platform}`,
      body: { key: presented },
    });

  before(async () => {
    dataDir = await makeTempDir('cli-manage');
    env = { PORTCULLIS_DATA_DIR: dataDir };
    const init = await runCli(['init', '--json'], env);
    assert.equal(init.code, 0, init.stderr);
    platform = (JSON.parse(init.stdout) as { platformKey: string }).platformKey;
  });
  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('tenants create --json prints the tenant on its plan', async () => {
    const result = await runCli(['tenants', 'create', '--name', 'X', '--plan', 'pro', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const tenant = JSON.parse(result.stdout) as { id: string; name: string; plan: string };
    assert.match(tenant.id, /^ten_/);
    assert.equal(tenant.name, 'X');
    assert.equal(tenant.plan, 'pro');
    tenantId = tenant.id;
  });

  it('keys create --json prints id and key, and the key verifies on the server', async () => {
    const result = await runCli(['keys', 'create', '--tenant', tenantId, '--name', 'k', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    key = JSON.parse(result.stdout) as { id: string; key: string };
    assert.deepEqual(Object.keys(key), ['id', 'key']);
    assert.match(key.key, /^sk_live_/);

    const restricted = await runCli(
      [
        'keys',
        'create',
        '--tenant',
        tenantId,
        '--name',
        'r',
        '--mode',
        'test',
        '--type',
        'restricted',
      ].concat(['--scopes', 'bookings:read,mcp:*', '--expires-at', '2099-01-01T00:00:00Z', '--json']),
      env,
    );
    assert.equal(restricted.code, 0, restricted.stderr);
    const restrictedKey = JSON.parse(restricted.stdout) as { key: string };
    assert.match(restrictedKey.key, /^rk_test_/);

    server = await startServer(dataDir, env);
    const valid = await verify(key.key);
    assert.equal(valid.body.valid, true, valid.text);
    assert.equal(valid.body.tenantId, tenantId);
    assert.equal(valid.body.keyId, key.id);
    const scoped = await verify(restrictedKey.key);
    assert.equal(scoped.body.valid, true, scoped.text);
    assert.deepEqual([...scoped.body.scopes].sort(), ['bookings:read', 'mcp:*']);
  });

  it('keys revoke stops the key at once, even for the running server', async () => {
    const result = await runCli(['keys', 'revoke', '--tenant', tenantId, '--key', key.id, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { id: key.id, revoked: true });
    assert.equal((await verify(key.key)).body.code, 'revoked');

    const again = await runCli(['keys', 'revoke', '--tenant', tenantId, '--key', 'key_nope'], env);
    assertCleanFailure(again, 1, /not_found: key not found/);
  });
});
