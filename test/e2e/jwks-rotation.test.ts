import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, errors, type RemoteJWKSet } from 'jose';
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

const ROTATE = '/api/v1/platform/signing-keys/rotate';

/** The kids a real JWKS client resolves: `jose` picks the key by `alg` and `kid`, as an SDK does. */
async function resolves(jwks: RemoteJWKSet, kid: string): Promise<boolean> {
  try {
    await jwks({ alg: 'ES256', kid });
    return true;
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return false;
    throw error;
  }
}

describe('signing keys on the real server: JWKS, metadata and rotation', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  let platformKey: string;
  let jwks: RemoteJWKSet;
  let firstKid: string;
  let rotatedKid: string;

  before(async () => {
    dataDir = await makeTempDir('jwks');
    server = await startServer(dataDir);
    platformKey = firstPlatformKey(server) as string;
    assert.ok(platformKey, 'first start printed a platform key');
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
  });

  it('the metadata issuer is the URL the server is reached at, and jwks_uri is served', async () => {
    const live = server as ServerProcess;
    const metadata = await call(live, 'GET', '/.well-known/oauth-authorization-server');
    assert.equal(metadata.status, 200);
    assert.equal(metadata.body.issuer, live.url);
    assert.equal(
      new URL(metadata.body.issuer).href,
      new URL(`${live.url}/`).href,
      'RFC 8414 §3.3 comparison',
    );
    assert.equal(metadata.body.jwks_uri, `${live.url}/.well-known/jwks.json`);
    assert.equal(metadata.body.token_endpoint, `${live.url}/api/v1/platform/oauth/token`);

    jwks = createRemoteJWKSet(new URL(metadata.body.jwks_uri), { cooldownDuration: 0 });
    await jwks.reload();
    const keys = jwks.jwks()?.keys ?? [];
    assert.equal(keys.length, 1, 'the first start created one signing key');
    firstKid = keys[0]?.kid as string;
    assert.ok(firstKid);
    assert.equal(await resolves(jwks, firstKid), true);
    assert.equal(await resolves(jwks, 'no-such-kid'), false);
  });

  it('POST rotate with the platform key: the new kid is served at once, the old one stays', async () => {
    const live = server as ServerProcess;
    const refused = await call(live, 'POST', ROTATE);
    assert.equal(refused.status, 401);
    const rotated = await call(live, 'POST', ROTATE, { auth: `Bearer ${platformKey}` });
    assert.equal(rotated.status, 200, rotated.text);
    rotatedKid = rotated.body.kid;
    assert.notEqual(rotatedKid, firstKid);
    assert.deepEqual(
      rotated.body.retired.map((key: { kid: string }) => key.kid),
      [firstKid],
    );
    // An unknown kid makes the client refetch: the new key is found without waiting for cache expiry.
    assert.equal(await resolves(jwks, rotatedKid), true);
    assert.equal(await resolves(jwks, firstKid), true, 'the old key is published until its tokens expire');
    assert.deepEqual(
      jwks
        .jwks()
        ?.keys.map((key) => key.kid)
        .sort(),
      [firstKid, rotatedKid].sort(),
    );
  });

  it('the keys survive a restart: sealed under the master key file (0600) in the data dir', async () => {
    assert.equal(await server?.stop(), 0);
    const masterKeyFile = await stat(join(dataDir, 'master-key'));
    assert.equal(masterKeyFile.mode & 0o777, 0o600);
    server = await startServer(dataDir);
    const served = await call(server, 'GET', '/.well-known/jwks.json');
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('cache-control'), 'public, max-age=300');
    assert.deepEqual(
      served.body.keys.map((key: { kid: string }) => key.kid).sort(),
      [firstKid, rotatedKid].sort(),
    );
  });

  it('`portcullis signing-keys rotate --json` rotates on the same database; the next start serves it', async () => {
    assert.equal(await server?.stop(), 0);
    const result = await runCli(['signing-keys', 'rotate', '--json'], { PORTCULLIS_DATA_DIR: dataDir });
    assert.equal(result.code, 0, result.stderr);
    const output = JSON.parse(result.stdout) as { kid: string; retired: { kid: string }[] };
    assert.deepEqual(
      output.retired.map((key) => key.kid),
      [rotatedKid],
    );
    server = await startServer(dataDir);
    const served = await call(server, 'GET', '/.well-known/jwks.json');
    assert.deepEqual(
      served.body.keys.map((key: { kid: string }) => key.kid).sort(),
      [firstKid, rotatedKid, output.kid].sort(),
    );
  });

  it('a different master key cannot open the keys: serve refuses to start, naming no secret', async () => {
    assert.equal(await server?.stop(), 0);
    server = undefined;
    const wrongKey = Buffer.alloc(32, 42).toString('base64');
    const result = await runCli(['serve'], {
      PORTCULLIS_DATA_DIR: dataDir,
      PORTCULLIS_MASTER_KEY: wrongKey,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    // The deployment record's canary is checked as the node joins, before any signing key is opened.
    assert.match(
      result.stderr,
      /config_invalid: PORTCULLIS_MASTER_KEY does not match the master key this database's signing keys are sealed with/,
    );
    assert.ok(!(result.stdout + result.stderr).includes(wrongKey));
  });
});
