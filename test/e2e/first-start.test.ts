import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  call,
  firstPlatformKey,
  firstPlatformKeyFile,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

describe('serve on an empty data dir', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let platformKey: string;

  before(async () => {
    dataDir = await makeTempDir('first-start');
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('writes the first platform key to a 0600 file and prints only its path, never the key', async () => {
    server = await startServer(dataDir);
    const written = firstPlatformKey(server);
    assert.ok(written, 'a platform key in the data directory');
    assert.match(written, /^pk_live_[A-Za-z0-9]{30}$/);
    platformKey = written;
    const path = firstPlatformKeyFile(dataDir);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8'), `${platformKey}\n`);
    const stdout = server.stdout();
    assert.match(stdout, new RegExp(`First platform key written to ${path} \\(mode 0600\\)`));
    assert.ok(!stdout.includes(platformKey), 'not on stdout, which is the log stream');
    assert.ok(!server.stderr().includes(platformKey), 'not on stderr');
    assert.doesNotMatch(stdout + server.stderr(), /pk_live_/);
    assert.match(stdout, new RegExp(`Portcullis listening on ${server.url}`));
  });

  it('the written key manages the server; an altered key is refused', async () => {
    const tenants = await call(server as ServerProcess, 'GET', '/api/v1/tenants', {
      auth: `Bearer ${platformKey}`,
    });
    assert.equal(tenants.status, 200, tenants.text);
    assert.deepEqual(tenants.body, { items: [], nextCursor: null });

    const last = platformKey.at(-1) === 'A' ? 'B' : 'A';
    const altered = await call(server as ServerProcess, 'GET', '/api/v1/tenants', {
      auth: `Bearer ${platformKey.slice(0, -1)}${last}`,
    });
    assert.equal(altered.status, 401);
    assert.equal(altered.body.code, 'invalid_credential');
  });

  it('a restart on the same data dir writes no other key and the first key still works', async () => {
    assert.equal(await server?.stop(), 0);
    server = await startServer(dataDir);
    assert.equal(firstPlatformKey(server), platformKey, 'the file is left as it was');
    assert.doesNotMatch(server.stdout() + server.stderr(), /pk_live_|First platform key/);
    assert.match(server.stdout(), /Portcullis listening on/);
    const tenants = await call(server, 'GET', '/api/v1/tenants', { auth: `Bearer ${platformKey}` });
    assert.equal(tenants.status, 200);
  });
});
