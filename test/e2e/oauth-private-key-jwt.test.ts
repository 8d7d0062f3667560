import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import { call, firstPlatformKey, makeTempDir, removeDir, type ServerProcess, startServer } from './server.ts';

const REQUEST_TIMEOUT_MS = 5000;

// oauth4webapi as a confidential client that holds no secret: it signs private_key_jwt assertions (RFC 7523
// §2.2) with the key its app registered, against the real server process (decision 035).
describe('private_key_jwt with oauth4webapi against the real server', { timeout: 120_000 }, () => {
  let dataDir: string;
  let configDir: string;
  let server: ServerProcess | undefined;
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  let auth: oauth.ClientAuth;
  /** Every client assertion sent: none may appear in the server's output. */
  const sentAssertions: string[] = [];

  const requestOptions = {
    [oauth.allowInsecureRequests]: true,
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<'POST', URLSearchParams>) => {
      const assertion = new URLSearchParams(String(init.body)).get('client_assertion');
      if (assertion) sentAssertions.push(assertion);
      return fetch(url, init);
    },
  } as const;

  before(async () => {
    dataDir = await makeTempDir('pkjwt');
    configDir = await makeTempDir('pkjwt-config');
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(configPath, JSON.stringify(withSuiteVocabulary({})));
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: configPath, PORTCULLIS_LOG_LEVEL: 'trace' });
    const platform = firstPlatformKey(server) as string;
    const asPlatform = (method: string, path: string, body?: unknown) =>
      call(server as ServerProcess, method, path, { auth: `Bearer ${platform}`, body });

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = 'e2e-key-1';
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Signed Travel', plan: 'pro' });
    assert.equal(tenant.status, 201, tenant.text);
    const app = await asPlatform('POST', `/api/v1/tenants/${tenant.body.id}/apps`, {
      name: 'Signed sync',
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    });
    assert.equal(app.status, 201, app.text);
    const created = await asPlatform('POST', `/api/v1/tenants/${tenant.body.id}/clients`, {
      name: 'signed sync',
      appId: app.body.id,
      scopes: ['bookings:read'],
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.client_secret, undefined, 'a key client holds no secret');
    client = { client_id: created.body.client_id };
    auth = oauth.PrivateKeyJwt({ key: privateKey, kid });

    const issuer = new URL(server.url);
    const discovery = await oauth.discoveryRequest(issuer, {
      [oauth.allowInsecureRequests]: true,
      signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      algorithm: 'oauth2',
    });
    as = await oauth.processDiscoveryResponse(issuer, discovery);
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('the metadata offers private_key_jwt with asymmetric algorithms only', () => {
    assert.ok(as.token_endpoint_auth_methods_supported?.includes('private_key_jwt'));
    assert.deepEqual(as.token_endpoint_auth_signing_alg_values_supported, [
      'ES256',
      'RS256',
      'PS256',
      'EdDSA',
    ]);
  });

  it('client_credentials and introspection with a signed assertion; a replayed jti is refused', async () => {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      auth,
      { scope: 'bookings:read' },
      requestOptions,
    );
    const token = await oauth.processClientCredentialsResponse(as, client, response);
    assert.equal(token.scope, 'bookings:read');

    const introspection = await oauth.introspectionRequest(
      as,
      client,
      auth,
      token.access_token,
      requestOptions,
    );
    const introspected = await oauth.processIntrospectionResponse(as, client, introspection);
    assert.equal(introspected.active, true);
    assert.equal(introspected.client_id, client.client_id);

    // The first assertion sent again: its jti was used, so it is a replay.
    const replayed = await fetch(as.token_endpoint as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: sentAssertions[0] as string,
      }),
    });
    assert.equal(replayed.status, 401);
    assert.equal(((await replayed.json()) as { error: string }).error, 'invalid_client');
  });

  it('no assertion reaches the logs', async () => {
    assert.ok(sentAssertions.length >= 2);
    const output = `${server?.stdout()}${server?.stderr()}`;
    for (const assertion of sentAssertions) {
      assert.ok(!output.includes(assertion), 'an assertion was logged');
      assert.ok(!output.includes(assertion.split('.')[2] as string), "an assertion's signature was logged");
    }
  });
});
