import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import {
  approve,
  authorizeQuery,
  getAuthorize,
  type Installable,
  pkce,
  REDIRECT,
} from './authorization-support.ts';
import { postForm } from './oauth-support.ts';
import { handoffBrowser } from './people-support.ts';
import { assertionParams, clientKey, signAssertion } from './private-key-jwt-support.ts';

const REGISTER = '/api/v1/platform/oauth/register';
const TOKEN = 'i'.repeat(40);

async function appWith(registration: Record<string, unknown>): Promise<{ t: TestApp; tenantId: string }> {
  const t = await startTestApp({ config: { oauth: { registration: { mode: 'off', ...registration } } } });
  const tenantId = await createTenant(t, { name: 'Registered apps' });
  t.context.oauth.registration = { ...t.context.oauth.registration, tenantId };
  return { t, tenantId };
}

const register = (t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: REGISTER, headers, payload: body });

const metadata = {
  client_name: 'Agent Desk',
  redirect_uris: ['http://127.0.0.1/callback', REDIRECT],
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  scope: 'bookings:read',
};

describe('dynamic client registration (RFC 7591)', () => {
  let open: TestApp;
  before(async () => {
    ({ t: open } = await appWith({ mode: 'open', perIpPerMinute: 100 }));
  });
  after(() => open.close());

  it('off by default: 403, and the metadata names no registration endpoint', async () => {
    const t = await startTestApp();
    try {
      const refused = await register(t, metadata);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<{ error: string }>().error, 'access_denied');
      const as = await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
      assert.equal(as.json<Record<string, unknown>>().registration_endpoint, undefined);
    } finally {
      await t.close();
    }
  });

  it('open: a public client, installable by any tenant, redeems with PKCE alone; the consent says who registered it', async () => {
    const as = await open.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    assert.equal(
      as.json<Record<string, unknown>>().registration_endpoint,
      `${open.context.oauth.issuer}${REGISTER}`,
    );
    const response = await register(open, metadata);
    assert.equal(response.statusCode, 201, response.body);
    const registered = response.json<Record<string, unknown>>();
    assert.equal(registered.client_secret, undefined);
    assert.equal(registered.token_endpoint_auth_method, 'none');
    const clientId = registered.client_id as string;

    const tenantId = await createTenant(open);
    const owner = await handoffBrowser(open, tenantId, 'owner');
    const verifier = pkce();
    const page = await getAuthorize(open, authorizeQuery(clientId, verifier.challenge), owner);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /This app registered itself/);
    const setup = {
      tenantId,
      owner,
      client: { id: clientId, client_id: clientId, client_secret: '' },
    } as unknown as Installable;
    const code = await approve(open, setup, verifier);
    const token = await postForm(open, 'token', {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      client_id: clientId,
    });
    assert.equal(token.statusCode, 200, token.body);
  });

  it('a browser-based client discovers, registers and redeems from its own page: CORS at each step', async () => {
    const origin = 'https://app.example.com';
    const preflight = (url: string, method: string, headers: string) =>
      open.app.inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': headers,
        },
      });
    // Discovery, with the header an MCP client sends.
    const discoveryPreflight = await preflight(
      '/.well-known/oauth-authorization-server',
      'GET',
      'mcp-protocol-version',
    );
    assert.equal(discoveryPreflight.statusCode, 204);
    assert.equal(discoveryPreflight.headers['access-control-allow-origin'], '*');
    assert.match(String(discoveryPreflight.headers['access-control-allow-headers']), /mcp-protocol-version/);
    for (const url of ['/.well-known/oauth-authorization-server', '/.well-known/jwks.json']) {
      const read = await open.app.inject({ method: 'GET', url, headers: { origin } });
      assert.equal(read.statusCode, 200);
      assert.equal(read.headers['access-control-allow-origin'], '*', url);
      assert.equal(read.headers['access-control-allow-credentials'], undefined);
    }
    // Registration.
    const registerPreflight = await preflight(REGISTER, 'POST', 'content-type');
    assert.equal(registerPreflight.statusCode, 204);
    assert.equal(registerPreflight.headers['access-control-allow-origin'], '*');
    assert.equal(registerPreflight.headers['access-control-allow-methods'], 'POST');
    const registered = await register(open, { ...metadata, client_name: 'Web Agent' }, { origin });
    assert.equal(registered.statusCode, 201, registered.body);
    assert.equal(registered.headers['access-control-allow-origin'], '*');
    const refused = await register(open, { ...metadata, redirect_uris: ['ftp://x'] }, { origin });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.headers['access-control-allow-origin'], '*', 'the page can read why');
    const clientId = registered.json<{ client_id: string }>().client_id;

    // The token endpoint allows the origins of its redirect URIs, and no other.
    const tokenPreflight = await preflight(`${'/api/v1/platform/oauth'}/token`, 'POST', 'content-type');
    assert.equal(tokenPreflight.headers['access-control-allow-origin'], origin);
    const tenantId = await createTenant(open);
    const owner = await handoffBrowser(open, tenantId, 'owner');
    const setup = {
      tenantId,
      owner,
      client: { id: clientId, client_id: clientId, client_secret: '' },
    } as unknown as Installable;
    const redeem = async (from: string) => {
      const verifier = pkce();
      const code = await approve(open, setup, verifier);
      return postForm(
        open,
        'token',
        {
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier.verifier,
          redirect_uri: REDIRECT,
          client_id: clientId,
        },
        undefined,
        { origin: from },
      );
    };
    const token = await redeem(origin);
    assert.equal(token.statusCode, 200, token.body);
    assert.equal(token.headers['access-control-allow-origin'], origin);
    const elsewhere = await redeem('https://evil.example.com');
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
    assert.equal(elsewhere.headers['access-control-allow-origin'], undefined);
  });

  it('a confidential registration gets its secret once', async () => {
    const response = await register(open, { ...metadata, token_endpoint_auth_method: 'client_secret_basic' });
    assert.equal(response.statusCode, 201, response.body);
    assert.match(String(response.json<Record<string, unknown>>().client_secret), /^cs_live_/);
  });

  it('private_key_jwt: inline jwks, no secret; the client authenticates with a signed assertion', async () => {
    const key = await clientKey('ES256');
    const response = await register(open, {
      ...metadata,
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
    });
    assert.equal(response.statusCode, 201, response.body);
    const registered = response.json<Record<string, unknown>>();
    assert.equal(registered.token_endpoint_auth_method, 'private_key_jwt');
    assert.equal(registered.client_secret, undefined);
    assert.deepEqual(registered.jwks, { keys: [key.publicJwk] });
    const clientId = String(registered.client_id);
    const introspected = await postForm(open, 'introspect', {
      token: 'not-a-token',
      ...assertionParams(await signAssertion(open, clientId, key)),
    });
    assert.equal(introspected.statusCode, 200, introspected.body);
    assert.equal(introspected.json<{ active: boolean }>().active, false);
    const stranger = await postForm(open, 'introspect', {
      token: 'not-a-token',
      ...assertionParams(await signAssertion(open, clientId, await clientKey())),
    });
    assert.equal(stranger.statusCode, 401, stranger.body);

    const signed: Record<string, unknown> = {
      ...metadata,
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
    };
    for (const [change, message] of [
      [{ jwks: undefined }, /jwks/],
      [{ jwks: { keys: [{ ...key.publicJwk, d: 'secret' }] } }, /private key material/],
      [{ jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, /jwks/],
      [{ jwks_uri: 'https://agent.example.com/jwks.json' }, /not both/],
      [{ jwks: undefined, jwks_uri: 'http://agent.example.com/jwks.json' }, /jwks_uri must use https/],
    ] as const) {
      const refused = await register(open, { ...signed, ...change });
      assert.equal(refused.statusCode, 400, JSON.stringify(change));
      const body = refused.json<{ error: string; error_description: string }>();
      assert.equal(body.error, 'invalid_client_metadata');
      assert.match(body.error_description, message);
    }
    const keysWithSecret = await register(open, {
      ...metadata,
      token_endpoint_auth_method: 'client_secret_basic',
      jwks: { keys: [key.publicJwk] },
    });
    assert.equal(keysWithSecret.statusCode, 400, keysWithSecret.body);
  });

  it('redirect URIs and metadata are validated', async () => {
    for (const redirect_uris of [[], ['http://app.example.com/cb'], ['https://app.example.com/cb#x'], 'x']) {
      const refused = await register(open, { ...metadata, redirect_uris });
      assert.equal(refused.statusCode, 400, JSON.stringify(redirect_uris));
      assert.equal(refused.json<{ error: string }>().error, 'invalid_redirect_uri');
    }
    for (const change of [
      { grant_types: ['client_credentials'] },
      { grant_types: ['implicit'] },
      { response_types: ['token'] },
      { token_endpoint_auth_method: 'private_key_jwt' },
      { scope: 'not-a-scope' },
      { scope: 'manage:keys' },
      { logo_uri: 'http://cdn.example.com/logo.png' },
    ]) {
      const refused = await register(open, { ...metadata, ...change });
      assert.equal(refused.statusCode, 400, JSON.stringify(change));
      assert.equal(refused.json<{ error: string }>().error, 'invalid_client_metadata');
    }
  });

  it('gated by an initial access token when configured', async () => {
    const { t } = await appWith({ mode: 'token', initialAccessTokens: [TOKEN] });
    try {
      assert.equal((await register(t, metadata)).statusCode, 401);
      assert.equal(
        (await register(t, metadata, { authorization: `Bearer ${'x'.repeat(40)}` })).statusCode,
        401,
      );
      assert.equal((await register(t, metadata, { authorization: `Bearer ${TOKEN}` })).statusCode, 201);
    } finally {
      await t.close();
    }
  });

  it('rate limited per address', async () => {
    const { t } = await appWith({ mode: 'open', perIpPerMinute: 2 });
    try {
      assert.equal((await register(t, metadata)).statusCode, 201);
      assert.equal((await register(t, metadata)).statusCode, 201);
      const limited = await register(t, metadata);
      assert.equal(limited.statusCode, 429);
      assert.ok(Number(limited.headers['retry-after']) > 0);
    } finally {
      await t.close();
    }
  });
});
