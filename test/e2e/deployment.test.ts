import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import {
  createIssuingClient,
  type IssuingClient,
  issueToken,
  publishedIssuer,
  verifyOn,
} from './oauth-support.ts';
import {
  call,
  firstPlatformKey,
  freePort,
  makeTempDir,
  removeDir,
  runCli,
  type ServerProcess,
  startServer,
} from './server.ts';

const OTHER_PEPPER = `1:${Buffer.alloc(32, 3).toString('base64')}`;
const NEW_PEPPER_SECRET = Buffer.alloc(32, 4).toString('base64');

// One node on the embedded database across restarts: the deployment record keeps its issuer whatever port it
// comes back on, and a start with a pepper its secrets were not hashed with is refused.
describe('the deployment record on the embedded database', { timeout: 120_000 }, () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let platformKey: string;
  let client: IssuingClient;
  let firstIssuer: string;
  let token: string;

  const live = () => server as ServerProcess;
  const restart = async (env: Record<string, string> = {}) => {
    assert.equal(await server?.stop(), 0, server?.stderr());
    server = await startServer(dataDir, env);
    return server;
  };
  const serveRefused = async (env: Record<string, string>) => {
    const result = await runCli(['serve'], {
      PORTCULLIS_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      ...env,
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    return result.stdout + result.stderr;
  };

  before(async () => {
    dataDir = await makeTempDir('deployment');
    server = await startServer(dataDir);
    platformKey = firstPlatformKey(server) as string;
    assert.ok(platformKey, 'first start printed a platform key');
    client = await createIssuingClient(server, platformKey);
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('the first node stores the address it listens on as the issuer', async () => {
    firstIssuer = await publishedIssuer(live());
    assert.equal(firstIssuer, live().url);
    token = await issueToken(live(), client);
    assert.equal(decodeJwt(token).iss, firstIssuer);
    assert.equal((await verifyOn(live(), platformKey, token)).body.valid, true);
  });

  it('a restart on another port keeps the issuer: the metadata names it, tokens from before verify', async () => {
    const restarted = await restart();
    assert.notEqual(restarted.url, firstIssuer);
    assert.equal(await publishedIssuer(restarted), firstIssuer);
    const verified = await verifyOn(restarted, platformKey, token);
    assert.equal(verified.body.valid, true, verified.text);
    assert.equal(decodeJwt(await issueToken(restarted, client)).iss, firstIssuer);
  });

  it('PORTCULLIS_PUBLIC_URL overrides the issuer for that node, without changing the stored one', async () => {
    const overridden = await restart({ PORTCULLIS_PUBLIC_URL: 'https://auth.example.com/' });
    assert.equal(await publishedIssuer(overridden), 'https://auth.example.com');
    const verified = await verifyOn(overridden, platformKey, token);
    assert.deepEqual([verified.body.valid, verified.body.code], [false, 'wrong_issuer']);
    assert.equal(await publishedIssuer(await restart()), firstIssuer);
  });

  it('another PORTCULLIS_PEPPER refuses to start, naming the setting and no secret', async () => {
    const output = await serveRefused({ PORTCULLIS_PEPPER: OTHER_PEPPER });
    assert.match(
      output,
      /config_invalid: PORTCULLIS_PEPPER does not match the pepper this database's secrets were hashed with \(version 1\)/,
    );
    assert.ok(!output.includes(OTHER_PEPPER.slice(2)));
    assert.ok(
      !output.includes(await readFile(join(dataDir, 'pepper'), 'utf8').then((text) => text.slice(2, 40))),
    );
  });

  it('rotation: a ring with a new current pepper starts; old secrets still verify; the old ring alone is refused', async () => {
    const filePepper = (await readFile(join(dataDir, 'pepper'), 'utf8')).trim();
    const rotatedEnv = { PORTCULLIS_PEPPER: `2:${NEW_PEPPER_SECRET},${filePepper}` };
    const rotated = await restart(rotatedEnv);
    const tenants = await call(rotated, 'GET', '/api/v1/tenants', { auth: `Bearer ${platformKey}` });
    assert.equal(tenants.status, 200, 'a platform key hashed under version 1 still works');
    assert.equal((await verifyOn(rotated, platformKey, await issueToken(rotated, client))).body.valid, true);
    assert.equal(await rotated.stop(), 0);
    server = undefined;
    const output = await serveRefused({});
    assert.match(
      output,
      /config_invalid: the pepper file .*pepper lacks pepper version 2, which this database's newest secrets are hashed with/,
    );
    assert.ok(!output.includes(NEW_PEPPER_SECRET));
    server = await startServer(dataDir, rotatedEnv);
    assert.equal(await publishedIssuer(server), firstIssuer);
  });
});
