import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
// The guide's own code, as the guide shows it (docs/guides/protect-your-api.md includes these files).
import { createVerifier, requireKey } from '../../examples/protect-your-api/fastify.js';
import {
  call,
  firstPlatformKey,
  freePort,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from '../e2e/server.ts';

/**
 * "Protect your API", run: the guide's Fastify middleware in front of a small API, checking keys against a
 * real Portcullis process. The Express and Hono adapters differ only in how they read the request and write the
 * refusal; guide-snippets.test.ts runs all three as the guide shows them.
 */

const CONFIG = {
  scopes: [
    { name: 'widgets:read', description: 'Read widgets' },
    { name: 'widgets:write', description: 'Change widgets', implies: ['widgets:read'] },
  ],
  plans: [
    { id: 'large', name: 'Large', scopes: ['widgets:*'], requestsPerMinute: 10_000 },
    { id: 'small', name: 'Small', scopes: ['widgets:*'], requestsPerMinute: 3 },
  ],
  defaultPlan: 'large',
};

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON fields
  body: any;
}

type Verifier = ReturnType<typeof createVerifier>;

describe('the "Protect your API" guide: its Fastify middleware against a real server', () => {
  let server: ServerProcess;
  let dataDir: string;
  let configDir: string;
  let verifyKey: string;
  let manageOnlyKey: string;
  let tenantId: string;
  let readerKey: string;
  let readerKeyId: string;
  const apis: FastifyInstance[] = [];
  const stubs: (Server | TcpServer)[] = [];
  const sockets: Socket[] = [];
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { auth: `Bearer ${firstPlatformKey(server)}`, body });

  /** Our API: one route that reads, one that writes, behind the guide's `requireKey`. */
  async function protectedApi(verifier: Verifier): Promise<(path: string, key?: string) => Promise<Answer>> {
    const api = Fastify();
    api.get('/widgets', { preHandler: requireKey(verifier, ['widgets:read']) }, async (request) => ({
      // biome-ignore lint/suspicious/noExplicitAny: the example decorates the request as plain JavaScript
      principal: (request as any).principal,
    }));
    api.post('/widgets', { preHandler: requireKey(verifier, ['widgets:write']) }, async () => ({ ok: true }));
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    apis.push(api);
    return async (path, key) => {
      const [method, route] = path.split(' ') as [string, string];
      const response = await fetch(`${url}${route}`, {
        method,
        headers: key ? { authorization: `Bearer ${key}` } : {},
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };
  }

  /** A fetch that counts the calls it passes on to Portcullis. */
  function countingFetch() {
    const counter = {
      calls: 0,
      fetch: (input: string | URL | Request, init?: RequestInit) => {
        counter.calls++;
        return fetch(input, init);
      },
    };
    return counter;
  }

  before(async () => {
    dataDir = await makeTempDir('guide-protect');
    configDir = await makeTempDir('guide-protect-config');
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(configPath, JSON.stringify(CONFIG));
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: configPath });
    const verify = await asPlatform('POST', '/api/v1/platform/keys', {
      name: 'api',
      permissions: ['verify'],
    });
    assert.equal(verify.status, 201, verify.text);
    verifyKey = verify.body.key;
    const manage = await asPlatform('POST', '/api/v1/platform/keys', {
      name: 'ops',
      permissions: ['manage'],
    });
    manageOnlyKey = manage.body.key;
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Widget Co', plan: 'large' });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const reader = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'reader',
      type: 'restricted',
      scopes: ['widgets:read'],
    });
    assert.equal(reader.status, 201, reader.text);
    readerKey = reader.body.key;
    readerKeyId = reader.body.id;
  });

  after(async () => {
    for (const api of apis) await api.close();
    for (const socket of sockets) socket.destroy();
    for (const stub of stubs) await new Promise((resolve) => stub.close(resolve));
    await server?.stop();
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('a valid key with the scope passes, and the route sees the principal; without a key it is 401', async () => {
    const ask = await protectedApi(createVerifier({ baseUrl: server.url, platformKey: verifyKey }));
    const passed = await ask('GET /widgets', readerKey);
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
    assert.equal(passed.body.principal.tenantId, tenantId);
    assert.equal(passed.body.principal.keyId, readerKeyId);
    assert.equal(passed.body.principal.credentialType, 'api_key');
    assert.deepEqual(passed.body.principal.scopes, ['widgets:read']);

    const missing = await ask('GET /widgets');
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.match(String(missing.headers.get('content-type')), /^application\/problem\+json/);
  });

  it("the principal carries the key's meta and externalId; { consume } spends credits on every call, uncached", async () => {
    const metered = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'metered',
      type: 'restricted',
      scopes: ['widgets:read'],
      meta: { plan: 'trial' },
      externalId: 'cus_42',
      credits: { remaining: 2 },
    });
    assert.equal(metered.status, 201, metered.text);
    const counter = countingFetch();
    const verifier = createVerifier({ baseUrl: server.url, platformKey: verifyKey, fetch: counter.fetch });
    const api = Fastify();
    api.get(
      '/reports',
      { preHandler: requireKey(verifier, ['widgets:read'], { consume: 1 }) },
      async (request) => ({
        // biome-ignore lint/suspicious/noExplicitAny: the example decorates the request as plain JavaScript
        principal: (request as any).principal,
      }),
    );
    const url = await api.listen({ host: '127.0.0.1', port: 0 });
    apis.push(api);
    const get = async (): Promise<Omit<Answer, 'headers'>> => {
      const response = await fetch(`${url}/reports`, {
        headers: { authorization: `Bearer ${metered.body.key}` },
      });
      return { status: response.status, body: await response.json() };
    };
    const first = await get();
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body.principal.meta, { plan: 'trial' });
    assert.equal(first.body.principal.externalId, 'cus_42');
    assert.equal(first.body.principal.remaining, 1);
    assert.equal((await get()).body.principal.remaining, 0);
    const spent = await get();
    assert.equal(spent.status, 429);
    assert.equal(spent.body.code, 'usage_exceeded');
    assert.equal(counter.calls, 3, 'each spending call asked Portcullis');
  });

  it('a key without the scope is 403 insufficient_scope naming it; a made-up key is 401', async () => {
    const ask = await protectedApi(createVerifier({ baseUrl: server.url, platformKey: verifyKey }));
    const refused = await ask('POST /widgets', readerKey);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'insufficient_scope');
    assert.deepEqual(refused.body.missingScopes, ['widgets:write']);
    assert.equal(
      refused.headers.get('www-authenticate'),
      'Bearer error="insufficient_scope", scope="widgets:write"',
    );
    const madeUp = await ask('GET /widgets', `${readerKey.slice(0, -4)}AAAA`);
    assert.equal(madeUp.status, 401);
    assert.equal(madeUp.body.code, 'malformed');
    assert.match(String(madeUp.headers.get('www-authenticate')), /invalid_token/);
  });

  it('answers are cached for the TTL: the same key and scopes ask Portcullis once', async () => {
    const counter = countingFetch();
    const ask = await protectedApi(
      createVerifier({
        baseUrl: server.url,
        platformKey: verifyKey,
        cacheTtlMs: 60_000,
        fetch: counter.fetch,
      }),
    );
    assert.equal((await ask('GET /widgets', readerKey)).status, 200);
    assert.equal((await ask('GET /widgets', readerKey)).status, 200);
    assert.equal(counter.calls, 1);
    // Another scope list is another question.
    assert.equal((await ask('POST /widgets', readerKey)).status, 403);
    assert.equal(counter.calls, 2);
  });

  it('past its plan’s rate limit a key is 429 with Retry-After; rate-limit answers are never cached', async () => {
    const small = await asPlatform('POST', '/api/v1/tenants', { name: 'Small Co', plan: 'small' });
    const limited = await asPlatform('POST', `/api/v1/tenants/${small.body.id}/keys`, { name: 'busy' });
    assert.equal(limited.status, 201, limited.text);
    const counter = countingFetch();
    const ask = await protectedApi(
      createVerifier({ baseUrl: server.url, platformKey: verifyKey, cacheTtlMs: 0, fetch: counter.fetch }),
    );
    let answer: Answer | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      answer = await ask('GET /widgets', limited.body.key);
      if (answer.status !== 200) break;
    }
    assert.equal(answer?.status, 429, JSON.stringify(answer?.body));
    assert.equal(answer?.body.code, 'rate_limited');
    assert.ok(Number(answer?.headers.get('retry-after')) >= 1);
    const before = counter.calls;
    assert.equal((await ask('GET /widgets', limited.body.key)).status, 429);
    assert.equal(counter.calls, before + 1);
  });

  it('a revoked key is 401 revoked once its cached answer is gone', async () => {
    const key = await asPlatform('POST', `/api/v1/tenants/${tenantId}/keys`, { name: 'leaving' });
    const ask = await protectedApi(
      createVerifier({ baseUrl: server.url, platformKey: verifyKey, cacheTtlMs: 0 }),
    );
    assert.equal((await ask('GET /widgets', key.body.key)).status, 200);
    assert.equal((await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/keys/${key.body.id}`)).status, 200);
    const revoked = await ask('GET /widgets', key.body.key);
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.code, 'revoked');
  });

  it('fails closed with 503 when Portcullis is down, slow, failing, or the platform key cannot verify', async () => {
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);

    // Nobody listens.
    const down = await protectedApi(
      createVerifier({ baseUrl: `http://127.0.0.1:${await freePort()}`, platformKey: verifyKey, onError }),
    );
    // Accepts the connection and never answers.
    const silent = createTcpServer((socket) => sockets.push(socket));
    stubs.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as { port: number }).port;
    const slow = await protectedApi(
      createVerifier({
        baseUrl: `http://127.0.0.1:${silentPort}`,
        platformKey: verifyKey,
        timeoutMs: 200,
        onError,
      }),
    );
    // Answers 500.
    const failing = createHttpServer((_request, response) => response.writeHead(500).end('{}'));
    stubs.push(failing);
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const failingPort = (failing.address() as { port: number }).port;
    const broken = await protectedApi(
      createVerifier({ baseUrl: `http://127.0.0.1:${failingPort}`, platformKey: verifyKey, onError }),
    );
    // A platform key without `verify`: Portcullis answers 403, which is this server's fault, not the caller's.
    const misconfigured = await protectedApi(
      createVerifier({ baseUrl: server.url, platformKey: manageOnlyKey, onError }),
    );

    for (const ask of [down, slow, broken, misconfigured]) {
      const answer = await ask('GET /widgets', readerKey);
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'verification_unavailable');
      assert.equal(answer.headers.get('retry-after'), '5');
    }
    assert.equal(errors.length, 4);
    for (const error of errors) assert.doesNotMatch(String(error), new RegExp(readerKey));
  });
});
