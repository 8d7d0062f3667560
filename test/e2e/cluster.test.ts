import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import {
  type ApiResponse,
  call,
  makeTempDir,
  printedPlatformKey,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

/** Polls `probe` (no fixed sleep: it returns as soon as `holds`), up to `ms`. */
async function until<T>(probe: () => Promise<T>, holds: (value: T) => boolean, what: string, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

const database = await startPostgres();
const redis = database ? await startRedis() : undefined;
const skip = database && redis ? false : 'PostgreSQL and Redis are needed';

/**
 * Two real server processes of one deployment: one PostgreSQL database, one Redis, the same pepper and master
 * key, and nothing else shared — in particular no PORTCULLIS_PUBLIC_URL: the nodes agree on the issuer through
 * the deployment record.
 */
describe('two nodes on PostgreSQL + Redis', { skip }, () => {
  const dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let platform: string;
  let tenantId: string;
  before(async () => {
    const env = {
      DATABASE_URL: (database as TestPostgres).url,
      REDIS_URL: (redis as TestRedis).url,
      PORTCULLIS_PEPPER: `1:${randomBytes(32).toString('base64')}`,
      PORTCULLIS_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    dirs.push(await makeTempDir('node-a'), await makeTempDir('node-b'));
    a = await startServer(dirs[0] as string, env);
    b = await startServer(dirs[1] as string, env);
    platform = `Bearer ${printedPlatformKey(a.stdout()) ?? ''}`;
    const tenant = await call(a, 'POST', '/api/v1/tenants', {
      auth: platform,
      body: { name: 'Club', plan: 'free' },
    });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
  });
  after(async () => {
    for (const node of [a, b]) await node?.stop();
    for (const dir of dirs) await removeDir(dir);
    await redis?.stop();
    await database?.stop();
  });

  const verifyOn = (node: ServerProcess, key: string): Promise<ApiResponse> =>
    call(node, 'POST', '/api/v1/verify', { auth: platform, body: { key } });

  test('a key revoked on A is refused on B, which had it cached', async () => {
    const key = await call(a, 'POST', `/api/v1/tenants/${tenantId}/keys`, {
      auth: platform,
      body: { name: 'k' },
    });
    for (let i = 0; i < 3; i++) assert.equal((await verifyOn(b, key.body.key)).body.valid, true);
    const revoked = await call(a, 'DELETE', `/api/v1/tenants/${tenantId}/keys/${key.body.id}`, {
      auth: platform,
    });
    assert.equal(revoked.status, 200);
    const refused = await until(
      () => verifyOn(b, key.body.key),
      (r) => r.body.valid === false,
      'B to refuse',
    );
    assert.equal(refused.body.code, 'revoked');
  });

  test('a token issued by A verifies on B: the nodes agree on the issuer', async () => {
    const client = await call(a, 'POST', `/api/v1/tenants/${tenantId}/clients`, {
      auth: platform,
      body: { name: 'm2m', scopes: ['bookings:read'] },
    });
    const basic = Buffer.from(`${client.body.client_id}:${client.body.client_secret}`).toString('base64');
    const response = await fetch(`${a.url}/api/v1/platform/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(response.status, 200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const verified = await verifyOn(b, token);
    assert.equal(verified.body.valid, true, verified.text);
    const [metaA, metaB] = await Promise.all(
      [a, b].map((node) => call(node, 'GET', '/.well-known/oauth-authorization-server')),
    );
    assert.equal(metaA?.body.issuer, metaB?.body.issuer);
  });

  test('a signing-key rotation on A is published and used by B at once', async () => {
    const rotated = await call(a, 'POST', '/api/v1/platform/signing-keys/rotate', { auth: platform });
    assert.equal(rotated.status, 200, rotated.text);
    const jwks = await until(
      () => call(b, 'GET', '/.well-known/jwks.json'),
      (r) => r.body.keys.some((key: { kid: string }) => key.kid === rotated.body.kid),
      "B's JWKS to publish the new key",
      2000,
    );
    assert.ok(jwks.status === 200);
  });

  test('/readyz reports the database and Redis on both nodes', async () => {
    for (const node of [a, b]) {
      const ready = await call(node, 'GET', '/readyz');
      assert.equal(ready.status, 200, ready.text);
      assert.deepEqual(ready.body.checks, { database: 'ok', redis: 'ok' });
    }
  });

  test('a rate limit is shared: a 60/min key through both nodes gets 60', async () => {
    const key = await call(a, 'POST', `/api/v1/tenants/${tenantId}/keys`, {
      auth: platform,
      body: { name: 'rl' },
    });
    let allowed = 0;
    for (let i = 0; i < 80; i++) {
      const answer = await verifyOn(i % 2 === 0 ? a : b, key.body.key);
      if (answer.body.valid) allowed += 1;
      else assert.equal(answer.body.code, 'rate_limited');
    }
    // The free plan's 60 a minute, and at most one more that the elapsed time refilled.
    assert.ok(allowed >= 60 && allowed <= 61, `${allowed} allowed`);
  });
});
