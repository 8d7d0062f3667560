import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultPlans } from '../../src/config/defaults.ts';
import { SUITE_VOCABULARY_PATH } from '../support/vocabulary.ts';
import {
  type CliResult,
  call,
  type Env,
  firstPlatformKey,
  freePort,
  makeTempDir,
  ROOT,
  removeDir,
  runCli,
  type ServerProcess,
  spawnCli,
  startServer,
} from './server.ts';

const COMMANDS = [
  'serve',
  'init',
  'migrate',
  'tenants create',
  'tenants list',
  'keys create',
  'keys list',
  'clients create',
  'clients list',
  'clients rotate-secret',
  'management-keys create',
  'management-keys list',
  'platform-keys create',
  'platform-keys list',
  'audit tail',
  'usage',
  'signing-keys rotate',
];

/** The system's own Node when it is older than the project's (as on a machine that has not installed Node 24). */
function olderNode(): string | undefined {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(/^v(\d+)/.exec(version)?.[1]) < 24) return path;
  }
  return undefined;
}

/**
 * A failure the operator can act on: a one-line `portcullis: …` message naming the problem, no stack; after the
 * line naming the data, when the command got as far as opening it.
 */
function assertCleanFailure(result: CliResult, code: number, message: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.match(
    result.stderr,
    /^(Using .+ \((SQLite|PostgreSQL)\)\n)?portcullis: [^\n]+\n(Run "npx portcullis --help" for usage\.\n)?$/,
  );
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(result.stdout, /pk_live_|sk_live_/);
}

/** A failure with --json: one JSON object on stdout, `{error, message}`, and nothing on stderr. */
function assertJsonFailure(result: CliResult, code: number, error: string, message: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stderr, '', 'nothing on stderr');
  assert.equal(result.stdout.trimEnd().split('\n').length, 1, `one line: ${result.stdout}`);
  const printed = JSON.parse(result.stdout) as { error: string; message: string };
  assert.deepEqual(Object.keys(printed), ['error', 'message']);
  assert.equal(printed.error, error);
  assert.match(printed.message, message);
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

  it('--version prints the package version', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag], {}, join(ROOT, 'bin/portcullis.js'));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `portcullis ${manifest.version}\n`);
    }
  });

  it('--version --json prints {"version": …}', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag, '--json'], {});
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), { version: manifest.version });
    }
    const first = await runCli(['--json', '--version'], {});
    assert.deepEqual(JSON.parse(first.stdout), { version: manifest.version }, '--json before the command');
    const none = await runCli(['--json'], {});
    assert.equal(none.code, 2);
    assert.equal(JSON.parse(none.stdout).error, 'usage');
    assert.match(JSON.parse(none.stdout).message, /^no command given/);
  });

  const older = olderNode();
  it('the bin run by an older Node says in one line what to run instead', {
    skip: !older && 'no Node older than 24 on this machine',
  }, async () => {
    const result = await runCli(['tenants', 'list'], {}, join(ROOT, 'bin/portcullis.js'), {
      node: older as string,
    });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.split('\n').length, 2, `one line: ${result.stderr}`);
    assert.match(
      result.stderr,
      /^portcullis needs Node\.js 24 or later \(this is v\d+\.\d+\.\d+\): run "npx portcullis"/,
    );
    const json = await runCli(['--version', '--json'], {}, join(ROOT, 'bin/portcullis.js'), {
      node: older as string,
    });
    assert.equal(json.code, 1);
    assert.equal(
      JSON.parse(json.stdout).error,
      'node_version',
      'with --json, the one line is JSON on stdout',
    );
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
    const init = await runCli(['init'], env);
    assert.equal(init.code, 0, init.stderr);
    assertCleanFailure(await runCli(base, env), 1, /not_found: tenant not found/);
  });

  it('with --json every failure is one JSON object on stdout, with the same exit code', async () => {
    assertJsonFailure(
      await runCli(['frobnicate', '--json'], env),
      2,
      'usage',
      /unknown command "frobnicate"/,
    );
    assertJsonFailure(
      await runCli(['tenants', 'create', '--colour', 'red', '--json'], env),
      2,
      'usage',
      /--colour/,
    );
    assertJsonFailure(
      await runCli(['keys', 'list', '--tenant', 't', '--limit', '500', '--json'], env),
      2,
      'usage',
      /^--limit: /,
    );
    assertJsonFailure(await runCli(['tenants', 'get', '--json'], env), 2, 'usage', /^--tenant: is required$/);
    // A data dir of its own: the tests of this block run at once, and another one inits the shared one.
    const own = { PORTCULLIS_DATA_DIR: join(dataDir, 'json') };
    assert.equal((await runCli(['init'], own)).code, 0);
    const refused = await runCli(['platform-keys', 'get', '--key', 'pk_nope', '--json'], own);
    assertJsonFailure(refused, 1, 'not_found', /^platform key not found$/);
    assert.deepEqual(JSON.parse(refused.stdout), { error: 'not_found', message: 'platform key not found' });
    assertJsonFailure(
      await runCli(['tenants', 'list', '--cursor', 'junk', '--json'], own),
      1,
      'validation_failed',
      /cursor/,
    );
    // Without --json the same refusal stays a line on stderr.
    assertCleanFailure(
      await runCli(['platform-keys', 'get', '--key', 'pk_nope'], own),
      1,
      /not_found: platform key not found/,
    );
  });

  it('a missing or unknown action, and a missing id, exit 2 naming what to give', async () => {
    assertCleanFailure(
      await runCli(['tenants'], env),
      2,
      /tenants: unknown action; use one of create, list, get/,
    );
    assertCleanFailure(await runCli(['clients', 'delete'], env), 2, /clients: unknown action "delete"/);
    assertCleanFailure(await runCli(['keys', 'list'], env), 2, /--tenant: is required/);
    assertCleanFailure(
      await runCli(['keys', 'list', '--tenant', 't', '--limit', '500'], env),
      2,
      /--limit: /,
    );
    const clients = ['clients', 'create', '--tenant', 't', '--name', 'c'];
    assertCleanFailure(await runCli(clients, env), 2, /--scopes: is required/);
    assertCleanFailure(
      await runCli([...clients, '--scopes', 'a:b', '--expires-in-days', 'soon'], env),
      2,
      /--expires-in-days: must be a whole number/,
    );
    const pairs = ['management-keys', 'create', '--tenant', 't', '--name', 'm', '--permissions', 'root'];
    assertCleanFailure(await runCli(pairs, env), 2, /--permissions: /);
    assertCleanFailure(
      await runCli(['platform-keys', 'create', '--name', 'p', '--permissions', 'all'], env),
      2,
      /--permissions: /,
    );
    assertCleanFailure(
      await runCli(['audit', 'tail', '--tenant', 't', '--lines', '500'], env),
      2,
      /--lines: /,
    );
    assertCleanFailure(
      await runCli(['tenants', 'list', '--data-dir', ''], env),
      2,
      /--data-dir: must not be empty/,
    );
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

  it('refuses a data dir without a database and creates nothing; after init it has nothing to apply', async () => {
    const nested = join(dataDir, 'nested');
    const env = { PORTCULLIS_DATA_DIR: nested };
    assertCleanFailure(await runCli(['migrate'], env), 1, /no Portcullis database at /);
    assertJsonFailure(await runCli(['migrate', '--json'], env), 1, 'failed', /^no Portcullis database at /);
    assert.equal(existsSync(nested), false, 'no data dir created');
    assert.equal((await runCli(['init'], env)).code, 0);
    const first = await runCli(['migrate', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const database = `${join(nested, 'portcullis.db')} (SQLite)`;
    assert.deepEqual(JSON.parse(first.stdout), { database, applied: [] });
    assert.ok((await readdir(nested)).includes('portcullis.db'));
    const second = await runCli(['migrate'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, `${database}: applied 0 migration(s)\n`);
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
    const { platformKeyFile } = JSON.parse(init.stdout) as { platformKeyFile: string };
    platform = (await readFile(platformKeyFile, 'utf8')).trim();
  });
  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('tenants create --json prints the tenant on its plan; list and get show it as the API does', async () => {
    const result = await runCli(['tenants', 'create', '--name', 'X', '--plan', 'pro', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'nothing but the JSON');
    const tenant = JSON.parse(result.stdout) as { id: string; name: string; plan: string; status: string };
    assert.match(tenant.id, /^ten_/);
    assert.equal(tenant.name, 'X');
    assert.equal(tenant.plan, 'pro');
    assert.equal(tenant.status, 'active');
    tenantId = tenant.id;

    const listed = await runCli(['tenants', 'list', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { items: [tenant], nextCursor: null });
    const got = await runCli(['tenants', 'get', '--tenant', tenantId, '--json'], env);
    assert.deepEqual(JSON.parse(got.stdout), tenant);

    const table = await runCli(['tenants', 'list'], env);
    assert.match(table.stdout, /^id\s+name\s+plan\s+status\s+createdAt\n/);
    assert.match(table.stdout, new RegExp(`^${tenantId}\\s+X\\s+pro\\s+active\\s`, 'm'));
    assert.equal(
      table.stderr,
      `Using ${join(dataDir, 'portcullis.db')} (SQLite)\n`,
      'names the data it uses',
    );
    assertCleanFailure(await runCli(['tenants', 'get', '--tenant', 'ten_nope'], env), 1, /not_found/);
  });

  it('keys create --json prints id and key, and the key verifies on the server', async () => {
    const result = await runCli(['keys', 'create', '--tenant', tenantId, '--name', 'k', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    key = JSON.parse(result.stdout) as { id: string; key: string };
    assert.match(key.id, /^key_/);
    assert.match(key.key, /^sk_live_/);
    const { key: _plaintext, ...shown } = key as Record<string, unknown>;
    assert.deepEqual(shown, {
      ...shown,
      tenantId,
      name: 'k',
      mode: 'live',
      type: 'secret',
      status: 'active',
      displayPrefix: key.key.slice(0, 12),
    });

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

    const listed = await runCli(['keys', 'list', '--tenant', tenantId, '--limit', '1', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const page = JSON.parse(listed.stdout) as { items: { id: string }[]; nextCursor: string };
    assert.equal(page.items.length, 1);
    assert.ok(page.nextCursor, 'a second page');
    const rest = await runCli(
      ['keys', 'list', '--tenant', tenantId, '--cursor', page.nextCursor, '--json'],
      env,
    );
    const ids = [...page.items, ...(JSON.parse(rest.stdout).items as { id: string }[])].map(
      (each) => each.id,
    );
    assert.equal(ids.length, 2);
    assert.ok(ids.includes(key.id));
    const got = await runCli(['keys', 'get', '--tenant', tenantId, '--key', key.id, '--json'], env);
    const read = JSON.parse(got.stdout) as Record<string, unknown>;
    assert.equal(read.id, key.id);
    assert.ok(!got.stdout.includes(key.key), 'a read never shows the secret');
  });

  it('keys revoke stops the key at once, even for the running server', async () => {
    const result = await runCli(['keys', 'revoke', '--tenant', tenantId, '--key', key.id, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const revoked = JSON.parse(result.stdout) as { id: string; status: string; revokedAt: string | null };
    assert.equal(revoked.id, key.id);
    assert.equal(revoked.status, 'revoked');
    assert.ok(revoked.revokedAt);
    assert.equal((await verify(key.key)).body.code, 'revoked');

    const again = await runCli(['keys', 'revoke', '--tenant', tenantId, '--key', 'key_nope'], env);
    assertCleanFailure(again, 1, /not_found: key not found/);
  });
});

describe('serve --json', () => {
  it('prints only JSON lines on stdout: the key file, where it listens, and the logs', async () => {
    const dataDir = await makeTempDir('cli-serve-json');
    const port = await freePort();
    const serve = spawnCli(['serve', '--json'], { PORTCULLIS_DATA_DIR: dataDir, PORT: String(port) });
    try {
      const lines = () => serve.stdout().split('\n').filter(Boolean);
      for (let waited = 0; !serve.stdout().includes('"listening"') && waited < 20_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const parsed = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(parsed.some((line) => line.firstPlatformKeyFile === join(dataDir, 'first-platform-key')));
      assert.ok(
        parsed.some((line) => line.listening === `http://127.0.0.1:${port}`),
        serve.stdout(),
      );
      assert.doesNotMatch(serve.stdout(), /pk_live_/);
    } finally {
      assert.equal(await serve.stop(), 0, serve.stderr());
      await removeDir(dataDir);
    }
  });
});

describe('the data directory', () => {
  let elsewhere: string;
  before(async () => {
    elsewhere = await makeTempDir('cli-elsewhere');
  });
  after(() => removeDir(elsewhere));

  it('run from another directory, a command refuses a missing ./data and creates none', async () => {
    for (const args of [
      ['tenants', 'list'],
      ['platform-keys', 'create', '--name', 'x'],
      ['signing-keys', 'rotate'],
    ]) {
      const result = await runCli(args, {}, undefined, { cwd: elsewhere });
      assertCleanFailure(
        result,
        1,
        new RegExp(
          `no Portcullis database at ${join(elsewhere, 'data', 'portcullis.db')}: point at it with --data-dir`,
        ),
      );
      assert.match(result.stderr, /or run "npx portcullis init" to create a new one there/);
    }
    assert.deepEqual(await readdir(elsewhere), [], 'nothing created');
  });

  it('init creates it there; --data-dir points any command at it from anywhere', async () => {
    const dataDir = join(elsewhere, 'data');
    const init = await runCli(['init'], {}, undefined, { cwd: elsewhere });
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, new RegExp(`^Initialised ${join(dataDir, 'portcullis.db')} \\(SQLite\\)`));
    assert.match(init.stdout, new RegExp(`PK=\\$\\(cat ${join(dataDir, 'first-platform-key')}\\)`));
    assert.doesNotMatch(init.stdout, /pk_live_/);
    const listed = await runCli(['platform-keys', 'list', '--data-dir', dataDir, '--json'], {});
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal((JSON.parse(listed.stdout) as { items: unknown[] }).items.length, 1);
  });

  it("a command with another configuration than the server's is refused, naming both; with the same it runs", async () => {
    const dataDir = await makeTempDir('cli-other-config');
    const configDir = await makeTempDir('cli-other-config-file');
    try {
      const served = join(configDir, 'served.json');
      await writeFile(
        served,
        JSON.stringify({ credentials: { prefixes: { secret: 'acme', restricted: 'acmer' } } }),
      );
      const server = await startServer(dataDir, { PORTCULLIS_CONFIG: served });
      try {
        const tenant = JSON.parse(
          (
            await runCli(['tenants', 'create', '--name', 'Acme', '--json'], {
              PORTCULLIS_DATA_DIR: dataDir,
              PORTCULLIS_CONFIG: served,
            })
          ).stdout,
        ) as { id: string };
        // Without the server's file, a key would carry prefixes and scopes the server does not accept.
        for (const [env, source] of [
          [{ PORTCULLIS_DATA_DIR: dataDir, PORTCULLIS_CONFIG: '' }, 'the built-in configuration'],
          [{ PORTCULLIS_DATA_DIR: dataDir }, SUITE_VOCABULARY_PATH],
        ] as const) {
          const refused = await runCli(['keys', 'create', '--tenant', tenant.id, '--name', 'x'], env);
          assertCleanFailure(
            refused,
            1,
            new RegExp(
              `the server of this deployment runs with ${served}, this command with ${source}: point it at the same configuration with --config PATH or PORTCULLIS_CONFIG`,
            ),
          );
        }
        const keys = await runCli(['keys', 'list', '--tenant', tenant.id, '--json'], {
          PORTCULLIS_DATA_DIR: dataDir,
          PORTCULLIS_CONFIG: '',
        });
        assert.equal(keys.code, 1, 'reads are refused as well: the command runs on another vocabulary');
        const created = await runCli(
          ['keys', 'create', '--tenant', tenant.id, '--name', 'x', '--config', served, '--json'],
          { PORTCULLIS_DATA_DIR: dataDir },
        );
        assert.equal(created.code, 0, created.stderr);
        const key = (JSON.parse(created.stdout) as { key: string }).key;
        assert.match(key, /^acme_live_/);
        const platform = firstPlatformKey(server);
        const verified = await call(server, 'POST', '/api/v1/verify', {
          auth: `Bearer ${platform}`,
          body: { key },
        });
        assert.equal(verified.body.valid, true, verified.text);
      } finally {
        await server.stop();
      }
    } finally {
      await removeDir(dataDir);
      await removeDir(configDir);
    }
  });

  it('a server started without a plan its tenants are on names the plan and how many tenants; their keys answer tenant_suspended', async () => {
    const dataDir = await makeTempDir('cli-undefined-plan');
    const configDir = await makeTempDir('cli-undefined-plan-file');
    try {
      const builtIn = { PORTCULLIS_DATA_DIR: dataDir, PORTCULLIS_CONFIG: '' };
      const first = await startServer(dataDir, { PORTCULLIS_CONFIG: '' });
      const platform = firstPlatformKey(first);
      await first.stop();
      const tenantOn = async (plan: string) => {
        const created = await runCli(
          ['tenants', 'create', '--name', plan, '--plan', plan, '--json'],
          builtIn,
        );
        assert.equal(created.code, 0, created.stderr);
        return (JSON.parse(created.stdout) as { id: string }).id;
      };
      const onScale = await tenantOn('scale');
      await tenantOn('scale');
      const onPro = await tenantOn('pro');
      const keyOf = async (tenant: string) => {
        const created = await runCli(
          ['keys', 'create', '--tenant', tenant, '--name', 'k', '--json'],
          builtIn,
        );
        assert.equal(created.code, 0, created.stderr);
        return (JSON.parse(created.stdout) as { key: string }).key;
      };
      const scaleKey = await keyOf(onScale);
      const proKey = await keyOf(onPro);

      // The same vocabulary without the scale plan, as when a plan is renamed in the file.
      const withoutScale = join(configDir, 'without-scale.json');
      await writeFile(
        withoutScale,
        JSON.stringify({ plans: defaultPlans.filter((plan) => plan.id !== 'scale') }),
      );
      const server = await startServer(dataDir, { PORTCULLIS_CONFIG: withoutScale });
      try {
        const warnings = server
          .stdout()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.level === 40);
        assert.equal(warnings.length, 1, server.stdout());
        assert.equal(warnings[0]?.plan, 'scale');
        assert.equal(warnings[0]?.tenants, 2);
        assert.deepEqual(warnings[0]?.plans, ['free', 'pro']);
        assert.match(String(warnings[0]?.msg), /plan the configuration does not define/);
        const verify = (key: string) =>
          call(server, 'POST', '/api/v1/verify', { auth: `Bearer ${platform}`, body: { key } });
        const refused = await verify(scaleKey);
        assert.equal(refused.body.valid, false);
        assert.equal(refused.body.code, 'tenant_suspended');
        assert.equal((await verify(proKey)).body.valid, true);
        const moved = await call(server, 'PATCH', `/api/v1/tenants/${onScale}`, {
          auth: `Bearer ${platform}`,
          body: { plan: 'pro' },
        });
        assert.equal(moved.status, 200, moved.text);
        assert.equal((await verify(scaleKey)).body.valid, true, 'on a defined plan again, the key works');
      } finally {
        await server.stop();
      }
    } finally {
      await removeDir(dataDir);
      await removeDir(configDir);
    }
  });

  it('a data dir that lost its pepper file is refused, naming the file, before anything is created', async () => {
    const dataDir = await makeTempDir('cli-no-pepper');
    try {
      assert.equal((await runCli(['init'], { PORTCULLIS_DATA_DIR: dataDir })).code, 0);
      await rm(join(dataDir, 'pepper'));
      const result = await runCli(['tenants', 'list'], { PORTCULLIS_DATA_DIR: dataDir });
      assertCleanFailure(
        result,
        1,
        new RegExp(`${join(dataDir, 'pepper')} is missing and PORTCULLIS_PEPPER is not set`),
      );
      assert.equal(existsSync(join(dataDir, 'pepper')), false);
    } finally {
      await removeDir(dataDir);
    }
  });

  it('serve on a database restored without its pepper or master key makes no new one: it says to restore the file', async () => {
    const dataDir = await makeTempDir('serve-restored');
    try {
      assert.equal((await runCli(['init'], { PORTCULLIS_DATA_DIR: dataDir })).code, 0);
      const modes = await Promise.all(
        ['portcullis.db', 'pepper', 'master-key'].map(
          async (name) => (await stat(join(dataDir, name))).mode & 0o777,
        ),
      );
      assert.deepEqual(modes, [0o600, 0o600, 0o600], 'the database and key files are the owner’s only');
      for (const [file, env] of [
        ['pepper', 'PORTCULLIS_PEPPER'],
        ['master-key', 'PORTCULLIS_MASTER_KEY'],
      ] as const) {
        const kept = await readFile(join(dataDir, file));
        await rm(join(dataDir, file));
        const served = await runCli(['serve'], {
          PORTCULLIS_DATA_DIR: dataDir,
          PORT: '0',
          HOST: '127.0.0.1',
        });
        assertCleanFailure(
          served,
          1,
          new RegExp(
            `${join(dataDir, file)} is missing and ${env} is not set, but this database already holds a deployment: restore the file from the backup`,
          ),
        );
        assert.equal(existsSync(join(dataDir, file)), false, `no new ${file} was made`);
        await writeFile(join(dataDir, file), kept, { mode: 0o600 });
      }
      assert.equal((await runCli(['tenants', 'list'], { PORTCULLIS_DATA_DIR: dataDir })).code, 0);
    } finally {
      await removeDir(dataDir);
    }
  });
});

describe('start time', () => {
  let dataDir: string;
  let hook: string;
  before(async () => {
    dataDir = await makeTempDir('cli-start');
    assert.equal((await runCli(['init'], { PORTCULLIS_DATA_DIR: dataDir })).code, 0);
    // Names, at exit, every package the command loaded.
    hook = join(dataDir, 'packages-hook.mjs');
    await writeFile(
      hook,
      `import { registerHooks } from 'node:module';
const seen = new Set();
registerHooks({ load(url, context, next) { const m = /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(url); if (m) seen.add(m[1]); return next(url, context); } });
process.on('exit', () => process.stderr.write('packages: ' + [...seen].sort().join(' ') + '\\n'));
`,
    );
  });
  after(() => removeDir(dataDir));

  const packagesOf = (result: CliResult) => /^packages: (.*)$/m.exec(result.stderr)?.[1]?.split(' ') ?? [];

  it('--help loads no package; a command on the embedded database loads neither the HTTP server nor PostgreSQL nor Redis', async (t) => {
    const help = await runCli(['--help'], {}, undefined, { nodeOptions: ['--import', hook] });
    assert.equal(help.code, 0);
    assert.deepEqual(packagesOf(help).filter(Boolean), []);

    const env = { PORTCULLIS_DATA_DIR: dataDir };
    const listed = await runCli(['tenants', 'list', '--json'], env, undefined, {
      nodeOptions: ['--import', hook],
    });
    assert.equal(listed.code, 0, listed.stderr);
    const loaded = packagesOf(listed);
    assert.ok(loaded.includes('kysely'), loaded.join(' '));
    for (const heavy of ['fastify', '@fastify/swagger', 'pino', 'pg', 'ioredis'])
      assert.ok(!loaded.includes(heavy), `${heavy} loaded: ${loaded.join(' ')}`);

    // The figure, for the record (the machine may be busy with other tests: not asserted).
    const started = performance.now();
    assert.equal((await runCli(['tenants', 'list', '--json'], env)).code, 0);
    t.diagnostic(`tenants list --json: ${Math.round(performance.now() - started)} ms, process start to exit`);
  });
});
