// The access log (`accessLog: true`): one JSON line per management or OAuth request, naming the route pattern,
// status, duration and caller, never a secret, a body or a query string; verify and the public routes never.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/cli/logger.ts';
import { loadConfig } from '../../src/config/load.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { createKeyPair } from './management-support.ts';
import { listening } from './metrics-support.ts';
import { basic, requestToken } from './oauth-support.ts';

interface AccessLine {
  level: number;
  msg: string;
  reqId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  ip: string;
  tenantId: string | null;
  principal: { kind: string; id: string | null } | null;
}

/** The server's own logger at `info`, writing its lines to memory. */
function memoryLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const config = loadConfig({ object: { logLevel: 'info' }, env: {} });
  return { logger: createLogger(config, { write: (line: string) => void lines.push(line) }), lines };
}

const accessLines = (lines: readonly string[]): AccessLine[] =>
  lines.map((line) => JSON.parse(line) as AccessLine).filter((entry) => entry.msg === 'access');

describe('the access log, on', () => {
  const { logger, lines } = memoryLogger();
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await startTestApp({ logger, config: { accessLog: true, oauth: { legacyQueryCredentials: true } } });
    base = await listening(t);
  });
  after(() => t.close());

  it('one line per management request: the route pattern, status, duration, tenant and caller', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const start = lines.length;
    const response = await fetch(`${base}/api/v1/tenants/${tenantId}/keys?limit=5`, {
      headers: { authorization: `Bearer ${t.platformKey}` },
    });
    assert.equal(response.status, 200);
    const [line, ...more] = accessLines(lines.slice(start));
    assert.deepEqual(more, []);
    assert.ok(line);
    assert.equal(line.level, 30, 'info');
    assert.equal(line.method, 'GET');
    assert.equal(line.route, '/api/v1/tenants/:tenantId/keys', 'the pattern: no id, no query');
    assert.equal(line.status, 200);
    assert.equal(typeof line.durationMs, 'number');
    assert.match(line.reqId, /^req-/);
    assert.equal(line.ip, '127.0.0.1');
    assert.equal(line.tenantId, tenantId);
    assert.equal(line.principal?.kind, 'platform_key');
    assert.match(line.principal?.id ?? '', /^pk_[0-9A-Za-z]{20}$/);
  });

  it('a key pair names its own tenant; a refused request is logged with no caller', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const start = lines.length;
    await fetch(`${base}/api/v1/tenants/${tenantId}/keys`, { headers: pair.headers });
    await fetch(`${base}/api/v1/tenants/${tenantId}/keys`, { headers: { authorization: 'Bearer nope' } });
    const [byPair, refused] = accessLines(lines.slice(start));
    // A pair's id is the X-Api-Key half of its credential: the kind and tenant name it, the id does not.
    assert.deepEqual(byPair?.principal, { kind: 'management_key', id: null });
    assert.ok(!lines.slice(start).some((line) => line.includes(pair.apiKey)));
    assert.equal(byPair?.tenantId, tenantId);
    assert.equal(refused?.status, 401);
    assert.equal(refused?.principal, null);
    assert.equal(refused?.tenantId, tenantId, 'a tenant id in the path is named');
  });

  it('OAuth requests name the client once it has authenticated', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId);
    const start = lines.length;
    assert.equal((await requestToken(t, { basic: client })).statusCode, 200);
    const last = client.client_secret.at(-1) === 'x' ? 'y' : 'x';
    const wrong = {
      client_id: client.client_id,
      client_secret: `${client.client_secret.slice(0, -1)}${last}`,
    };
    assert.equal((await requestToken(t, { basic: wrong })).statusCode, 401);
    const [issued, refused] = accessLines(lines.slice(start));
    assert.equal(issued?.route, '/api/v1/platform/oauth/token');
    assert.equal(issued?.status, 200);
    assert.deepEqual(issued?.principal, { kind: 'client', id: client.client_id });
    assert.equal(issued?.tenantId, tenantId);
    assert.equal(refused?.status, 401);
    assert.equal(refused?.principal, null, 'a client id that failed is not named');
  });

  it('verify, whoami, the probes, /metrics and the public documents are never logged', async () => {
    const key = await createKey(t, await createTenant(t, { plan: 'pro' }));
    const start = lines.length;
    const verifier = { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' };
    for (const path of ['/api/v1/verify', '/api/v1/verify?entry=framework']) {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: verifier,
        body: JSON.stringify({ key: key.key }),
      });
      assert.equal(response.status, 200);
    }
    await fetch(`${base}/api/v1/whoami`, { headers: { authorization: `ApiKey ${key.key}` } });
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/api/v1/scopes', '/llms.txt']) {
      assert.equal((await fetch(`${base}${path}`)).status, 200, path);
    }
    assert.equal((await fetch(`${base}/nothing/here`)).status, 404);
    assert.deepEqual(accessLines(lines.slice(start)), []);
  });

  it('never a secret: not a created key, a client secret, a key pair, a token, a query string or a path', async () => {
    const start = lines.length;
    const tenantId = await createTenant(t, { plan: 'pro' });
    const key = await createKey(t, tenantId);
    const client = await createClient(t, tenantId);
    const rotated = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/clients/${client.id}/rotate-secret`,
      payload: {},
    });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const rotatedSecret = rotated.json<{ client_secret: string }>().client_secret;
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const token = (
      await requestToken(t, { post: { client_id: client.client_id, client_secret: rotatedSecret } })
    ).json<{ access_token: string }>().access_token;
    const sent = [
      // Credentials in headers, in a form body, in the legacy query form, and pasted where an id belongs.
      fetch(`${base}/api/v1/tenants/${tenantId}/keys`, { headers: { authorization: `Bearer ${token}` } }),
      fetch(`${base}/api/v1/tenants/${tenantId}/keys?apikey=${pair.apiKey}&apisecret=${pair.apiSecret}`),
      fetch(`${base}/api/v1/tenants/${key.key}/keys`, {
        headers: { authorization: `Bearer ${t.platformKey}` },
      }),
      fetch(`${base}/api/v1/platform/oauth/introspect`, {
        method: 'POST',
        headers: {
          authorization: basic(client.client_id, rotatedSecret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `token=${token}`,
      }),
    ];
    const statuses = (await Promise.all(sent)).map((response) => response.status);
    // The client's token holds no management permission: refused, and logged all the same.
    assert.deepEqual(statuses, [403, 200, 404, 200]);
    const logged = lines.slice(start);
    const entries = accessLines(logged);
    assert.ok(entries.length >= 9, `${entries.length} access lines`);
    const pasted = entries.find((entry) => entry.status === 404);
    assert.equal(pasted?.route, '/api/v1/tenants/:tenantId/keys');
    assert.equal(pasted?.tenantId, null, 'a path parameter that is not a tenant id is not logged');
    const secrets = [
      t.platformKey,
      pair.apiKey,
      key.key,
      client.client_secret,
      rotatedSecret,
      pair.apiSecret,
      token,
      t.verifierKey,
    ];
    for (const entry of entries) assert.doesNotMatch(JSON.stringify(entry), /apisecret|authorization|\?/i);
    for (const line of logged) {
      for (const secret of secrets) {
        for (const fragment of [secret, secret.slice(-20)]) {
          assert.ok(!line.includes(fragment), `${secret.slice(0, 8)}… logged: ${line}`);
        }
      }
    }
  });
});

describe('the access log, by default', () => {
  it('is off: a management request writes no line', async () => {
    const { logger, lines } = memoryLogger();
    const t = await startTestApp({ logger });
    try {
      assert.equal(t.config.accessLog, false);
      await createTenant(t);
      assert.equal((await asPlatform(t, { method: 'GET', url: '/api/v1/tenants' })).statusCode, 200);
      assert.deepEqual(accessLines(lines), []);
    } finally {
      await t.close();
    }
  });
});
