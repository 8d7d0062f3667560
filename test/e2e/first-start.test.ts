import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  call,
  makeTempDir,
  printedPlatformKey,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

/** Every line of output that parses as JSON: pino's structured log lines. */
function jsonLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    try {
      return typeof JSON.parse(line) === 'object';
    } catch {
      return false;
    }
  });
}

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

  it('prints a platform key exactly once on stdout, outside every JSON log line', async () => {
    server = await startServer(dataDir);
    const stdout = server.stdout();
    const printed = printedPlatformKey(stdout);
    assert.ok(printed, `a platform key on stdout:\n${stdout}`);
    platformKey = printed;
    assert.match(stdout, /Platform management key \(shown once, store it now\)/);
    assert.equal(stdout.split(platformKey).length - 1, 1, 'printed exactly once');
    assert.ok(jsonLines(stdout).length > 0, 'the server logs JSON lines too');
    for (const line of jsonLines(stdout)) assert.ok(!line.includes(platformKey), `key in log line: ${line}`);
    assert.ok(!server.stderr().includes(platformKey));
    assert.match(stdout, new RegExp(`Portcullis listening on ${server.url}`));
  });

  it('the printed key manages the server; an altered key is refused', async () => {
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

  it('a restart on the same data dir prints no key and the first key still works', async () => {
    assert.equal(await server?.stop(), 0);
    server = await startServer(dataDir);
    assert.equal(printedPlatformKey(server.stdout()), undefined);
    assert.doesNotMatch(server.stdout() + server.stderr(), /pk_live_|Platform management key/);
    assert.match(server.stdout(), /Portcullis listening on/);
    const tenants = await call(server, 'GET', '/api/v1/tenants', { auth: `Bearer ${platformKey}` });
    assert.equal(tenants.status, 200);
  });
});
