import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
// The guide's own code (docs/guides/machine-clients.md includes these files).
import { createTokenSource } from '../../examples/machine-clients/access-token.js';
import { createAccessTokenVerifier } from '../../examples/machine-clients/verify-access-token.js';
import {
  call,
  firstPlatformKey,
  freePort,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from '../e2e/server.ts';

/** "Machine clients", run: the guide's token source and offline verifier against a real server process. */

const AUDIENCE = 'https://api.example.com';
const CONFIG = {
  scopes: [
    { name: 'widgets:read', description: 'Read widgets' },
    { name: 'widgets:write', description: 'Change widgets' },
  ],
  plans: [{ id: 'basic', name: 'Basic', scopes: ['widgets:*'], requestsPerMinute: 10_000 }],
  defaultPlan: 'basic',
  oauth: { resourceServers: [{ audience: AUDIENCE, name: 'Widgets API' }] },
};

describe('the "Machine clients" guide: its token source and offline verifier against a real server', () => {
  let server: ServerProcess;
  let dataDir: string;
  let configDir: string;
  let tenantId: string;
  let clientId: string;
  let clientSecret: string;
  let issuer: string;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { auth: `Bearer ${firstPlatformKey(server)}`, body });

  before(async () => {
    dataDir = await makeTempDir('guide-clients');
    configDir = await makeTempDir('guide-clients-config');
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(configPath, JSON.stringify(CONFIG));
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: configPath });
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Widget Co' });
    tenantId = tenant.body.id;
    const client = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'nightly export',
      scopes: ['widgets:read'],
      mode: 'live',
    });
    assert.equal(client.status, 201, client.text);
    clientId = client.body.client_id;
    clientSecret = client.body.client_secret;
    issuer = (await call(server, 'GET', '/.well-known/oauth-authorization-server')).body.issuer;
  });

  after(async () => {
    await server?.stop();
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('a client gets one token and reuses it; the offline verifier accepts it and reads tenant, mode and scopes', async () => {
    let requests = 0;
    const tokens = createTokenSource({
      baseUrl: server.url,
      clientId,
      clientSecret,
      scope: 'widgets:read',
      fetch: (input: string | URL | Request, init?: RequestInit) => {
        requests++;
        return fetch(input, init);
      },
    });
    const [first, second] = await Promise.all([tokens.accessToken(), tokens.accessToken()]);
    assert.equal(first, second);
    assert.equal(await tokens.accessToken(), first);
    assert.equal(requests, 1);

    const verifier = createAccessTokenVerifier({ issuer, audience: AUDIENCE });
    const decision = await verifier.check(first, ['widgets:read']);
    assert.deepEqual(decision, {
      allow: true,
      principal: { tenantId, mode: 'live', clientId, scopes: ['widgets:read'] },
    });
    const refused = await verifier.check(first, ['widgets:write']);
    assert.deepEqual(refused, {
      allow: false,
      status: 403,
      code: 'insufficient_scope',
      missingScopes: ['widgets:write'],
    });
  });

  it('the verifier refuses a token for another audience or a forged one (401), and fails closed without the JWKS (503)', async () => {
    const token = await createTokenSource({ baseUrl: server.url, clientId, clientSecret }).accessToken();
    const elsewhere = createAccessTokenVerifier({ issuer, audience: 'https://other.example.com' });
    assert.deepEqual(await elsewhere.check(token), {
      allow: false,
      status: 401,
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
    const verifier = createAccessTokenVerifier({ issuer, audience: AUDIENCE });
    const [header, payload] = token.split('.');
    const forged = await verifier.check(`${header}.${payload}.${'A'.repeat(86)}`);
    assert.equal(forged.allow, false);
    assert.equal(forged.allow === false && forged.status, 401);
    const unreachable = createAccessTokenVerifier({
      issuer: `http://127.0.0.1:${await freePort()}`,
      audience: AUDIENCE,
    });
    assert.deepEqual(await unreachable.check(token), {
      allow: false,
      status: 503,
      code: 'verification_unavailable',
    });
  });

  it('a revoked token still passes offline until it expires, while verify refuses it at once', async () => {
    const token = await createTokenSource({ baseUrl: server.url, clientId, clientSecret }).accessToken();
    const revoked = await fetch(`${server.url}/api/v1/platform/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }),
    });
    assert.equal(revoked.status, 200);
    const offline = await createAccessTokenVerifier({ issuer, audience: AUDIENCE }).check(token);
    assert.equal(offline.allow, true);
    const verify = await asPlatform('POST', '/api/v1/verify', { key: token });
    assert.equal(verify.body.valid, false);
    assert.equal(verify.body.code, 'revoked');
  });

  it('rotating the secret with a grace period keeps the old one working; without one it stops at once', async () => {
    const rotate = (gracePeriodSeconds: number) =>
      asPlatform('POST', `/api/v1/tenants/${tenantId}/clients/${clientId}/rotate-secret`, {
        gracePeriodSeconds,
      });
    const gentle = await rotate(86_400);
    assert.equal(gentle.status, 200, gentle.text);
    for (const secret of [clientSecret, gentle.body.client_secret]) {
      await createTokenSource({ baseUrl: server.url, clientId, clientSecret: secret }).accessToken();
    }
    const leaked = await rotate(0);
    await assert.rejects(
      createTokenSource({
        baseUrl: server.url,
        clientId,
        clientSecret: gentle.body.client_secret,
      }).accessToken(),
      /token endpoint: 401 invalid_client/,
    );
    await createTokenSource({
      baseUrl: server.url,
      clientId,
      clientSecret: leaked.body.client_secret,
    }).accessToken();
  });
});
