import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  basic,
  type Cluster,
  type ClusterNode,
  createKey,
  createTenant,
  postForm,
  startBackingServices,
  startCluster,
  until,
  verifyOn,
} from './cluster-support.ts';
import { type ApiResponse, call } from './server.ts';

const OAUTH = '/api/v1/platform/oauth';
/**
 * How long B may take to refuse what A revoked. The target is milliseconds (a benchmark measures it); this is
 * only the bound past which the test calls the notice lost.
 */
const REFUSED_WITHIN_MS = 2000;

const services = await startBackingServices();
const skip = services ? false : 'PostgreSQL and Redis are needed';

/** Two real server processes of one deployment, on one PostgreSQL database and one Redis. */
describe('two nodes on PostgreSQL + Redis', { skip }, () => {
  let cluster: Cluster;
  let a: ClusterNode;
  let b: ClusterNode;
  let tenantId: string;
  before(async () => {
    cluster = await startCluster(services as NonNullable<typeof services>);
    ({ a, b } = cluster);
    tenantId = await createTenant(cluster, a, 'free');
  });
  after(() => cluster?.close());

  const verify = (node: ClusterNode, key: string) => verifyOn(cluster, node, key);

  test('a token issued by A verifies on B: the nodes agree on the issuer', async () => {
    const client = await call(a, 'POST', `/api/v1/tenants/${tenantId}/clients`, {
      auth: cluster.platform,
      body: { name: 'm2m', scopes: ['bookings:read'] },
    });
    const issued = await postForm(
      a,
      `${OAUTH}/token`,
      { grant_type: 'client_credentials' },
      basic(client.body.client_id, client.body.client_secret),
    );
    assert.equal(issued.status, 200, issued.text);
    const verified = await verify(b, issued.body.access_token);
    assert.equal(verified.body.valid, true, verified.text);
    const [metaA, metaB] = await Promise.all(
      [a, b].map((node) => call(node, 'GET', '/.well-known/oauth-authorization-server')),
    );
    assert.equal(metaA?.body.issuer, metaB?.body.issuer);
  });

  test('a signing-key rotation on A is published and used by B at once', async () => {
    const rotated = await call(a, 'POST', '/api/v1/platform/signing-keys/rotate', { auth: cluster.platform });
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
    const key = await createKey(cluster, a, tenantId);
    const started = Date.now();
    let allowed = 0;
    for (let i = 0; i < 80; i++) {
      const answer = await verify(i % 2 === 0 ? a : b, key.key);
      if (answer.body.valid) allowed += 1;
      else assert.equal(answer.body.code, 'rate_limited');
    }
    // The free plan's 60 a minute, and at most one more per second that the elapsed time refilled.
    const refilled = Math.ceil((Date.now() - started) / 1000);
    assert.ok(allowed >= 60 && allowed <= 60 + refilled, `${allowed} allowed`);
  });

  test('a rate limit is shared under contention: 100 verifies of a 60/min key at once through both nodes, 60 pass', async () => {
    const key = await createKey(cluster, a, tenantId);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => verify(i % 2 === 0 ? a : b, key.key)),
    );
    const refilled = Math.ceil((Date.now() - started) / 1000);
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.text);
      if (!answer.body.valid) assert.equal(answer.body.code, 'rate_limited');
    }
    const allowed = answers.filter((answer) => answer.body.valid).length;
    assert.ok(allowed >= 60 && allowed <= 60 + refilled, `${allowed} allowed`);
  });

  /**
   * Every kind of credential, held in B's caches, then revoked (or its tenant suspended) through A: B refuses it
   * from then on. Each is first used on B a few times, so B answers it from memory when A's change commits.
   */
  describe('a change committed on A is refused on B, which had the credential cached', () => {
    /** Uses `credential` on B three times: each must pass, so B holds it in its caches. */
    const warm = async (
      probe: () => Promise<ApiResponse>,
      passes: (r: ApiResponse) => boolean,
      what: string,
    ) => {
      for (let i = 0; i < 3; i++) {
        const answer = await probe();
        assert.ok(passes(answer), `${what} passes on B before the change: ${answer.status} ${answer.text}`);
      }
    };
    /** Polls B until it refuses; the answer it refuses with. */
    const refusedOnB = (
      probe: () => Promise<ApiResponse>,
      refused: (r: ApiResponse) => boolean,
      what: string,
    ) => until(probe, refused, `B to refuse ${what}`, REFUSED_WITHIN_MS);

    const valid = (r: ApiResponse) => r.status === 200 && r.body.valid === true;
    const invalid = (r: ApiResponse) => r.status === 200 && r.body.valid === false;

    /** A client of `tenantId`, and a token for it from `node`'s token endpoint. */
    const createClient = async (tenantId: string, scopes = ['bookings:read']) => {
      const client = await call(a, 'POST', `/api/v1/tenants/${tenantId}/clients`, {
        auth: cluster.platform,
        body: { name: 'm2m', scopes },
      });
      assert.equal(client.status, 201, client.text);
      const { client_id: id, client_secret: secret } = client.body;
      return { id, authorization: basic(id, secret) };
    };
    const tokenFrom = (node: ClusterNode, client: { authorization: string }) =>
      postForm(node, `${OAUTH}/token`, { grant_type: 'client_credentials' }, client.authorization);
    const issueToken = async (node: ClusterNode, client: { authorization: string }): Promise<string> => {
      const issued = await tokenFrom(node, client);
      assert.equal(issued.status, 200, issued.text);
      return issued.body.access_token;
    };
    const introspect = (node: ClusterNode, token: string) =>
      postForm(node, `${OAUTH}/introspect`, { token }, cluster.platform);

    test('an API key revoked on A: B answers revoked', async () => {
      const tenantId = await createTenant(cluster, a);
      const key = await createKey(cluster, a, tenantId);
      await warm(() => verify(b, key.key), valid, 'the key');
      const revoked = await call(a, 'DELETE', `/api/v1/tenants/${tenantId}/keys/${key.id}`, {
        auth: cluster.platform,
      });
      assert.equal(revoked.status, 200, revoked.text);
      const refused = await refusedOnB(() => verify(b, key.key), invalid, 'the revoked key');
      assert.equal(refused.body.code, 'revoked');
      assert.equal(refused.body.keyId, key.id);
    });

    test('an API key rolled on A without a grace period: B refuses the old secret, accepts the new one', async () => {
      const tenantId = await createTenant(cluster, a);
      const key = await createKey(cluster, a, tenantId);
      await warm(() => verify(b, key.key), valid, 'the old secret');
      const rolled = await call(a, 'POST', `/api/v1/tenants/${tenantId}/keys/${key.id}/roll`, {
        auth: cluster.platform,
        body: { gracePeriodSeconds: 0 },
      });
      assert.equal(rolled.status, 200, rolled.text);
      const refused = await refusedOnB(() => verify(b, key.key), invalid, 'the rolled-out secret');
      assert.equal(refused.body.code, 'rolled');
      const renewed = await verify(b, rolled.body.key);
      assert.equal(renewed.body.valid, true, renewed.text);
      assert.equal(renewed.body.keyId, key.id);
    });

    test('an access token revoked on A (RFC 7009): B answers revoked, and introspects it inactive', async () => {
      const tenantId = await createTenant(cluster, a);
      const client = await createClient(tenantId);
      const token = await issueToken(a, client);
      await warm(() => verify(b, token), valid, 'the token');
      await warm(
        () => introspect(b, token),
        (r) => r.status === 200 && r.body.active === true,
        'introspection',
      );
      const revoked = await postForm(a, `${OAUTH}/revoke`, { token }, client.authorization);
      assert.equal(revoked.status, 200, revoked.text);
      const refused = await refusedOnB(() => verify(b, token), invalid, 'the revoked token');
      assert.equal(refused.body.code, 'revoked');
      assert.deepEqual((await introspect(b, token)).body, { active: false });
    });

    test('a client suspended on A: B issues it no more tokens; tokens already issued run until they expire', async () => {
      const tenantId = await createTenant(cluster, a);
      const client = await createClient(tenantId);
      const token = await issueToken(b, client);
      await warm(
        () => tokenFrom(b, client),
        (r) => r.status === 200,
        'client authentication',
      );
      const suspended = await call(a, 'PATCH', `/api/v1/tenants/${tenantId}/clients/${client.id}`, {
        auth: cluster.platform,
        body: { status: 'suspended' },
      });
      assert.equal(suspended.status, 200, suspended.text);
      const refused = await refusedOnB(
        () => tokenFrom(b, client),
        (r) => r.status !== 200,
        'the suspended client',
      );
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.error, 'invalid_client');
      // Seed 002: suspension stops new tokens; deletion (next test) is what ends the ones already issued.
      assert.equal((await verify(b, token)).body.valid, true);
    });

    test("a client's secret rotated on A without a grace period: B refuses the old secret, accepts the new one", async () => {
      const tenantId = await createTenant(cluster, a);
      const client = await createClient(tenantId);
      await warm(
        () => tokenFrom(b, client),
        (r) => r.status === 200,
        'client authentication',
      );
      const rotated = await call(
        a,
        'POST',
        `/api/v1/tenants/${tenantId}/clients/${client.id}/rotate-secret`,
        {
          auth: cluster.platform,
          body: { gracePeriodSeconds: 0 },
        },
      );
      assert.equal(rotated.status, 200, rotated.text);
      const refused = await refusedOnB(
        () => tokenFrom(b, client),
        (r) => r.status !== 200,
        'the old secret',
      );
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.error, 'invalid_client');
      const renewed = await tokenFrom(b, { authorization: basic(client.id, rotated.body.client_secret) });
      assert.equal(renewed.status, 200, renewed.text);
    });

    test("a tenant's plan lowered on A: B narrows its keys' scopes at once", async () => {
      const tenantId = await createTenant(cluster, a, 'pro');
      const key = await createKey(cluster, a, tenantId);
      // `analytics:read` is in the pro plan, not in the free one.
      const verifyWithScope = () =>
        call(b, 'POST', '/api/v1/verify', {
          auth: cluster.platform,
          body: { key: key.key, scopes: ['analytics:read'] },
        });
      await warm(verifyWithScope, valid, 'the key with a pro scope');
      const lowered = await call(a, 'PATCH', `/api/v1/tenants/${tenantId}`, {
        auth: cluster.platform,
        body: { plan: 'free' },
      });
      assert.equal(lowered.status, 200, lowered.text);
      const refused = await refusedOnB(verifyWithScope, invalid, 'the scope the plan no longer has');
      assert.equal(refused.body.code, 'insufficient_scope');
      assert.deepEqual(refused.body.missingScopes, ['analytics:read']);
    });

    test('a client deleted on A: B refuses its tokens and its secret', async () => {
      const tenantId = await createTenant(cluster, a);
      const client = await createClient(tenantId);
      const token = await issueToken(a, client);
      await warm(() => verify(b, token), valid, 'the token');
      await warm(
        () => tokenFrom(b, client),
        (r) => r.status === 200,
        'client authentication',
      );
      const deleted = await call(a, 'DELETE', `/api/v1/tenants/${tenantId}/clients/${client.id}`, {
        auth: cluster.platform,
      });
      assert.equal(deleted.status, 200, deleted.text);
      const refused = await refusedOnB(() => verify(b, token), invalid, "the deleted client's token");
      assert.equal(refused.body.code, 'revoked');
      assert.deepEqual((await introspect(b, token)).body, { active: false });
      const secret = await tokenFrom(b, client);
      assert.equal(secret.status, 401, secret.text);
      assert.equal(secret.body.error, 'invalid_client');
    });

    test('a tenant suspended on A: B refuses every credential of it; resumed, B accepts them again', async () => {
      const tenantId = await createTenant(cluster, a);
      const key = await createKey(cluster, a, tenantId);
      const client = await createClient(tenantId, ['bookings:read', 'manage:keys']);
      const token = await issueToken(a, client);
      const pair = await call(a, 'POST', `/api/v1/tenants/${tenantId}/management-keys`, {
        auth: cluster.platform,
        body: { name: 'automation', permissions: ['manage:keys'] },
      });
      assert.equal(pair.status, 201, pair.text);
      const keysPath = `/api/v1/tenants/${tenantId}/keys`;
      const headers = { 'x-api-key': pair.body.apiKey, 'x-api-secret': pair.body.apiSecret };
      const byPair = () => call(b, 'GET', keysPath, { headers });
      const byToken = () => call(b, 'GET', keysPath, { auth: `Bearer ${token}` });
      const ok = (r: ApiResponse) => r.status === 200;
      await warm(() => verify(b, key.key), valid, 'the key');
      await warm(() => verify(b, token), valid, 'the token');
      await warm(() => tokenFrom(b, client), ok, 'client authentication');
      await warm(byPair, ok, 'the management key pair');
      await warm(byToken, ok, 'the M2M token on the management API');

      const setStatus = async (status: 'active' | 'suspended') => {
        const changed = await call(a, 'PATCH', `/api/v1/tenants/${tenantId}`, {
          auth: cluster.platform,
          body: { status },
        });
        assert.equal(changed.status, 200, changed.text);
      };
      await setStatus('suspended');
      const keyRefused = await refusedOnB(() => verify(b, key.key), invalid, "the suspended tenant's key");
      assert.equal(keyRefused.body.code, 'tenant_suspended');
      const tokenRefused = await refusedOnB(() => verify(b, token), invalid, "the suspended tenant's token");
      assert.equal(tokenRefused.body.code, 'tenant_suspended');
      assert.equal((await tokenFrom(b, client)).status, 401, 'no new token');
      assert.equal((await byPair()).status, 401, 'the management key pair');
      assert.equal((await byToken()).status, 401, 'the M2M token on the management API');
      assert.deepEqual((await introspect(b, token)).body, { active: false });

      await setStatus('active');
      await refusedOnB(() => verify(b, key.key), valid, 'to accept the key again (resumed)');
      assert.equal((await verify(b, token)).body.valid, true);
      assert.equal((await tokenFrom(b, client)).status, 200);
      assert.equal((await byPair()).status, 200);
    });

    test('a platform key revoked on A: B refuses it for management calls and for verify', async () => {
      const issue = async (permissions: string[]) => {
        const created = await call(a, 'POST', '/api/v1/platform/keys', {
          auth: cluster.platform,
          body: { name: 'ops', permissions },
        });
        assert.equal(created.status, 201, created.text);
        return { id: created.body.id as string, auth: `Bearer ${created.body.key}` };
      };
      const manager = await issue(['manage']);
      const verifier = await issue(['verify']);
      const tenantId = await createTenant(cluster, a);
      const key = await createKey(cluster, a, tenantId);
      const manage = () => call(b, 'GET', '/api/v1/tenants', { auth: manager.auth });
      const verifyAs = () =>
        call(b, 'POST', '/api/v1/verify', { auth: verifier.auth, body: { key: key.key } });
      await warm(manage, (r) => r.status === 200, 'the manage key');
      await warm(verifyAs, valid, 'the verify key');
      for (const revoked of [manager, verifier]) {
        const answer = await call(a, 'DELETE', `/api/v1/platform/keys/${revoked.id}`, {
          auth: cluster.platform,
        });
        assert.equal(answer.status, 204, answer.text);
      }
      for (const [probe, what] of [
        [manage, 'the revoked manage key'],
        [verifyAs, 'the revoked verify key'],
      ] as const) {
        const refused = await refusedOnB(probe, (r) => r.status !== 200, what);
        assert.equal(refused.status, 401, refused.text);
        assert.equal(refused.body.code, 'invalid_credential');
      }
    });

    test('a management key pair revoked on A: B refuses it', async () => {
      const tenantId = await createTenant(cluster, a);
      const pair = await call(a, 'POST', `/api/v1/tenants/${tenantId}/management-keys`, {
        auth: cluster.platform,
        body: { name: 'automation', permissions: ['manage:keys'] },
      });
      assert.equal(pair.status, 201, pair.text);
      const headers = { 'x-api-key': pair.body.apiKey, 'x-api-secret': pair.body.apiSecret };
      const listKeys = () => call(b, 'GET', `/api/v1/tenants/${tenantId}/keys`, { headers });
      await warm(listKeys, (r) => r.status === 200, 'the pair');
      const revoked = await call(a, 'DELETE', `/api/v1/tenants/${tenantId}/management-keys/${pair.body.id}`, {
        auth: cluster.platform,
      });
      assert.equal(revoked.status, 200, revoked.text);
      const refused = await refusedOnB(listKeys, (r) => r.status !== 200, 'the revoked pair');
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.code, 'invalid_credential');
    });

    test('an M2M token revoked on A: B refuses it on the management API', async () => {
      const tenantId = await createTenant(cluster, a);
      const client = await createClient(tenantId, ['manage:keys']);
      const token = await issueToken(a, client);
      const listKeys = () => call(b, 'GET', `/api/v1/tenants/${tenantId}/keys`, { auth: `Bearer ${token}` });
      await warm(listKeys, (r) => r.status === 200, 'the M2M token');
      const revoked = await postForm(a, `${OAUTH}/revoke`, { token }, cluster.platform);
      assert.equal(revoked.status, 200, revoked.text);
      const refused = await refusedOnB(listKeys, (r) => r.status !== 200, 'the revoked M2M token');
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.code, 'invalid_credential');
    });
  });
});
