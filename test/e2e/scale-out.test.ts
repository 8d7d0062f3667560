import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import {
  createIssuingClient,
  type IssuingClient,
  issueToken,
  publishedIssuer,
  verifyOn,
} from './oauth-support.ts';
import {
  call,
  type Env,
  firstPlatformKey,
  freePort,
  makeTempDir,
  removeDir,
  runCli,
  type ServerProcess,
  startServer,
} from './server.ts';

const PEPPER = `1:${Buffer.alloc(32, 21).toString('base64')}`;
const MASTER_KEY = Buffer.alloc(32, 22).toString('base64');
const OTHER_PEPPER = `1:${Buffer.alloc(32, 23).toString('base64')}`;
const OTHER_MASTER_KEY = Buffer.alloc(32, 24).toString('base64');

const postgres = await startPostgres();

// Two nodes of one deployment: two server processes, each with its own data dir, on one PostgreSQL database,
// with the same pepper and master key in the env and nothing else in common. Neither sets a public URL.
describe('two nodes on one PostgreSQL database', {
  skip: !postgres && 'PostgreSQL not installed',
  timeout: 120_000,
}, () => {
  const dirs: string[] = [];
  let database: TestPostgres;
  let env: Env;
  let nodes: ServerProcess[] = [];
  let platformKey: string;
  let client: IssuingClient;

  const nodeDir = async () => {
    const dir = await makeTempDir('scale-out');
    dirs.push(dir);
    return dir;
  };
  /** `serve` as a third node with `override` in its env: it must refuse to start. */
  const refusedNode = async (override: Env) => {
    const result = await runCli(['serve'], {
      ...env,
      ...override,
      PORTCULLIS_DATA_DIR: await nodeDir(),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    return result.stdout + result.stderr;
  };

  before(async () => {
    database = (await startPostgres()) as TestPostgres;
    env = { DATABASE_URL: database.url, PORTCULLIS_PEPPER: PEPPER, PORTCULLIS_MASTER_KEY: MASTER_KEY };
    // Both start at once on the empty database: migrations, the deployment record and the issuer race.
    const [dirA, dirB] = [await nodeDir(), await nodeDir()];
    nodes = await Promise.all([startServer(dirA, env), startServer(dirB, env)]);
    const written = nodes.map((node) => firstPlatformKey(node)).filter(Boolean);
    assert.ok(written.length > 0, 'a node wrote the first platform key');
    platformKey = written[0] as string;
  });

  after(async () => {
    for (const node of nodes) await node.stop().catch(() => undefined);
    await database?.stop();
    await postgres?.stop();
    for (const dir of dirs) await removeDir(dir);
  });

  it('both publish one issuer, the address of one of them', async () => {
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const issuers = [await publishedIssuer(a), await publishedIssuer(b)];
    assert.equal(issuers[0], issuers[1]);
    assert.ok([a.url, b.url].includes(issuers[0] as string), `${issuers[0]} is one node's address`);
  });

  it("a token from node A's token endpoint verifies on node B, and the other way round", async () => {
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    client = await createIssuingClient(a, platformKey);
    for (const [issuing, verifying] of [
      [a, b],
      [b, a],
    ] as const) {
      const verified = await verifyOn(verifying, platformKey, await issueToken(issuing, client));
      assert.equal(verified.status, 200, verified.text);
      assert.equal(verified.body.valid, true, verified.text);
      assert.equal(verified.body.clientId, client.clientId);
    }
  });

  it('both are ready: /readyz checks the database', async () => {
    for (const node of nodes) {
      const ready = await call(node, 'GET', '/readyz');
      assert.equal(ready.status, 200, ready.text);
      assert.deepEqual(ready.body, { status: 'ready', checks: { database: 'ok' } });
    }
  });

  it('a node with another pepper refuses to start, saying so', async () => {
    const output = await refusedNode({ PORTCULLIS_PEPPER: OTHER_PEPPER });
    assert.match(
      output,
      /config_invalid: PORTCULLIS_PEPPER does not match the pepper this database's secrets were hashed with/,
    );
    for (const secret of [OTHER_PEPPER.slice(2), PEPPER.slice(2)]) assert.ok(!output.includes(secret));
  });

  it('a node with another master key refuses to start, saying so', async () => {
    const output = await refusedNode({ PORTCULLIS_MASTER_KEY: OTHER_MASTER_KEY });
    assert.match(
      output,
      /config_invalid: PORTCULLIS_MASTER_KEY does not match the master key this database's signing keys are sealed with/,
    );
    for (const secret of [OTHER_MASTER_KEY, MASTER_KEY]) assert.ok(!output.includes(secret));
  });

  it('the database gone: /readyz answers 503 naming it, /healthz still 200', async () => {
    await database.stop();
    const [a] = nodes as [ServerProcess];
    const refused = await call(a, 'GET', '/readyz');
    assert.equal(refused.status, 503, refused.text);
    assert.equal(refused.body.code, 'service_unavailable');
    assert.equal(refused.body.checks.database, 'failed');
    assert.ok(!refused.text.includes(database.url) && !refused.text.includes('portcullis_test_'));
    assert.equal((await call(a, 'GET', '/healthz')).status, 200);
  });
});
