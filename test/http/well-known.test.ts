import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { managementPermissionNames } from '../../src/core/management-permissions.ts';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  await t.context.signingKeys.tick(t.clock.now());
});
after(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

interface Metadata {
  issuer: string;
  token_endpoint: string;
  introspection_endpoint: string;
  revocation_endpoint: string;
  jwks_uri: string;
  grant_types_supported: string[];
  response_types_supported: string[];
  authorization_endpoint: string;
  code_challenge_methods_supported: string[];
  authorization_response_iss_parameter_supported: boolean;
  token_endpoint_auth_methods_supported: string[];
  introspection_endpoint_auth_methods_supported: string[];
  revocation_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  introspection_endpoint_auth_signing_alg_values_supported: string[];
  revocation_endpoint_auth_signing_alg_values_supported: string[];
  scopes_supported: string[];
}

describe('well-known: happy', () => {
  it('GET /.well-known/jwks.json: public ES256 keys, cacheable for 5 minutes, without a credential', async () => {
    const response = await get('/.well-known/jwks.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.equal(response.headers['cache-control'], 'public, max-age=300');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const { keys } = response.json<JSONWebKeySet>();
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.deepEqual(Object.keys(key ?? {}).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(key?.kid, (await t.context.signingKeys.current(t.clock.now())).kid);
    assert.equal(key?.alg, 'ES256');
    assert.equal(key?.use, 'sig');
    assert.ok(!response.body.includes('"d"'), 'no private part');
  });

  it('a token issued in-process verifies against the served JWKS with jose, as an SDK would', async () => {
    const issued = await issueAccessToken(t.context, {
      clientId: 'cli_x',
      tenantId: 'ten_x',
      mode: 'live',
      scopes: ['read:entities'],
    });
    const jwks = createLocalJWKSet((await get('/.well-known/jwks.json')).json<JSONWebKeySet>());
    const { payload, protectedHeader } = await jwtVerify(issued.token, jwks, {
      issuer: t.context.oauth.issuer,
      audience: t.context.oauth.issuer,
      typ: 'at+jwt',
      algorithms: ['ES256'],
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(protectedHeader.typ, 'at+jwt');
    assert.equal(payload.client_id, 'cli_x');
    assert.equal(payload.tenant, 'ten_x');
  });

  it('GET /.well-known/oauth-authorization-server: RFC 8414 metadata rooted at the issuer', async () => {
    const response = await get('/.well-known/oauth-authorization-server');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const metadata = response.json<Metadata>();
    const issuer = t.context.oauth.issuer;
    assert.equal(metadata.issuer, issuer);
    assert.equal(metadata.token_endpoint, `${issuer}/api/v1/platform/oauth/token`);
    assert.equal(metadata.introspection_endpoint, `${issuer}/api/v1/platform/oauth/introspect`);
    assert.equal(metadata.revocation_endpoint, `${issuer}/api/v1/platform/oauth/revoke`);
    assert.equal(metadata.jwks_uri, `${issuer}/.well-known/jwks.json`);
    assert.equal(metadata.authorization_endpoint, `${issuer}/api/v1/platform/oauth/authorize`);
    assert.deepEqual(metadata.grant_types_supported, [
      'authorization_code',
      'refresh_token',
      'client_credentials',
    ]);
    assert.ok(!metadata.grant_types_supported.includes('implicit'));
    assert.ok(!metadata.grant_types_supported.includes('password'));
    assert.deepEqual(metadata.response_types_supported, ['code']);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    assert.equal(metadata.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(metadata.token_endpoint_auth_methods_supported, [
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
      'none',
    ]);
    for (const methods of [
      metadata.introspection_endpoint_auth_methods_supported,
      metadata.revocation_endpoint_auth_methods_supported,
    ]) {
      assert.deepEqual(methods, ['client_secret_basic', 'client_secret_post', 'private_key_jwt']);
    }
    // private_key_jwt assertions: asymmetric algorithms only (decision 035).
    for (const algs of [
      metadata.token_endpoint_auth_signing_alg_values_supported,
      metadata.introspection_endpoint_auth_signing_alg_values_supported,
      metadata.revocation_endpoint_auth_signing_alg_values_supported,
    ]) {
      assert.deepEqual(algs, ['ES256', 'RS256', 'PS256', 'EdDSA']);
    }
    for (const scope of [...t.config.scopes.map((entry) => entry.name), ...managementPermissionNames]) {
      assert.ok(metadata.scopes_supported.includes(scope), scope);
    }
  });

  it('the metadata follows the issuer the server learns when it starts listening', async () => {
    const original = t.context.oauth.issuer;
    t.context.oauth.issuer = 'http://127.0.0.1:51234';
    try {
      const metadata = (await get('/.well-known/oauth-authorization-server')).json<Metadata>();
      assert.equal(metadata.issuer, 'http://127.0.0.1:51234');
      assert.equal(metadata.jwks_uri, 'http://127.0.0.1:51234/.well-known/jwks.json');
    } finally {
      t.context.oauth.issuer = original;
    }
  });

  it('PORTCULLIS_PUBLIC_URL (server.publicUrl) is the issuer, without a trailing slash', async () => {
    const other = await startTestApp({ config: { server: { publicUrl: 'https://auth.example.com/' } } });
    try {
      const metadata = (
        await other.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })
      ).json<Metadata>();
      assert.equal(metadata.issuer, 'https://auth.example.com');
      assert.equal(metadata.token_endpoint, 'https://auth.example.com/api/v1/platform/oauth/token');
    } finally {
      await other.close();
    }
  });
});

describe('well-known: error', () => {
  it('only GET: POST to the JWKS is not a route', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/.well-known/jwks.json' });
    assert.ok([404, 405].includes(response.statusCode));
  });

  it('a credential in the query string is refused here too', async () => {
    assertProblem(await get('/.well-known/jwks.json?access_token=x'), 400, 'credential_in_query');
  });
});
