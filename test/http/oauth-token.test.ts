import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import {
  assertBasicChallenge,
  assertOAuthError,
  basic,
  patchTenant,
  requestToken,
  type TokenResponse,
} from './oauth-support.ts';

const API = 'https://api.example.com';
let t: TestApp;
before(async () => {
  t = await startTestApp({ config: { oauth: { resourceServers: [{ audience: API }] } } });
});
after(() => t.close());

const newClient = async (plan = 'pro', scopes = ['bookings:read', 'customers:read']) =>
  createClient(t, await createTenant(t, { plan }), { scopes });
const granted = async (response: Awaited<ReturnType<typeof requestToken>>) => {
  assert.equal(response.statusCode, 200, response.body);
  return response.json<TokenResponse>();
};

describe('token endpoint: happy', () => {
  it('client_secret_basic: Bearer token for an hour with the scopes, never cached', async () => {
    const client = await newClient();
    const response = await requestToken(t, { basic: client });
    const body = await granted(response);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.deepEqual(
      [body.token_type, body.expires_in, body.scope],
      ['Bearer', 3600, 'bookings:read customers:read'],
    );
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers.pragma, 'no-cache');
  });

  it('the token is an RFC 9068 JWT: at+jwt, ES256, kid of the ring, and every claim', async () => {
    const client = await newClient();
    const { access_token: token } = await granted(await requestToken(t, { basic: client }));
    const header = decodeProtectedHeader(token);
    assert.deepEqual(header, {
      alg: 'ES256',
      typ: 'at+jwt',
      kid: (await t.context.signingKeys.current(t.clock.now())).kid,
    });
    const claims = decodeJwt(token);
    const iat = Math.floor(t.clock.now() / 1000);
    assert.deepEqual(
      { ...claims, jti: undefined },
      {
        iss: t.context.oauth.issuer,
        sub: client.client_id,
        aud: API,
        client_id: client.client_id,
        scope: 'bookings:read customers:read',
        tenant: client.tenantId,
        mode: 'live',
        jti: undefined,
        iat,
        exp: iat + 3600,
      },
    );
    assert.match(String(claims.jti), /^[A-Za-z0-9_-]{22}$/);
    const again = decodeJwt((await granted(await requestToken(t, { basic: client }))).access_token);
    assert.notEqual(again.jti, claims.jti, 'every token has its own jti');
  });

  it('client_secret_post works the same; a test-mode client gets mode test', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId, { mode: 'test', scopes: ['events:read'] });
    const body = await granted(await requestToken(t, { post: client }));
    assert.deepEqual([body.scope, body.expires_in], ['events:read', 3600]);
    assert.partialDeepStrictEqual(decodeJwt(body.access_token), { mode: 'test', sub: client.client_id });
  });

  it('a form content type with a charset parameter or in another case is accepted', async () => {
    const client = await newClient();
    for (const contentType of [
      'application/x-www-form-urlencoded;charset=UTF-8',
      'Application/X-WWW-Form-Urlencoded',
    ]) {
      await granted(await requestToken(t, { basic: client }, {}, { 'content-type': contentType }));
    }
  });

  it('Basic credentials are form-decoded: percent-encoded characters and any scheme case work', async () => {
    const client = await newClient();
    // Issued ids and secrets need no escaping: form-encoding leaves them as they are.
    const plain = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    assert.equal(basic(client.client_id, client.client_secret), `Basic ${plain}`);
    await granted(await requestToken(t, { authorization: `Basic ${plain}` }));
    // Over-encoded characters decode to the same credentials.
    const over = (text: string) => text.replaceAll('_', '%5F');
    const encoded = Buffer.from(`${over(client.client_id)}:${over(client.client_secret)}`).toString('base64');
    await granted(await requestToken(t, { authorization: `Basic ${encoded}` }));
    await granted(await requestToken(t, { authorization: `basic ${encoded}` }));
    // `+` is a space in form encoding: the secret with a `+` in place of `_` is another secret.
    const plus = Buffer.from(`${client.client_id}:${client.client_secret.replace('_', '+')}`).toString(
      'base64',
    );
    assertBasicChallenge(await requestToken(t, { authorization: `Basic ${plus}` }));
  });

  it('scope: a subset is granted as asked; a scope the client does not hold → invalid_scope', async () => {
    const client = await newClient();
    assert.equal(
      (await granted(await requestToken(t, { basic: client }, { scope: 'customers:read' }))).scope,
      'customers:read',
    );
    const repeated = await granted(
      await requestToken(t, { basic: client }, { scope: 'customers:read bookings:read customers:read' }),
    );
    assert.equal(repeated.scope, 'customers:read bookings:read', 'a scope asked twice is granted once');
    assert.equal(decodeJwt(repeated.access_token).scope, 'customers:read bookings:read');
    for (const scope of ['bookings:write', 'customers:read analytics:read', 'manage:keys', 'nope']) {
      const refused = await requestToken(t, { basic: client }, { scope });
      assertOAuthError(refused, 400, 'invalid_scope');
      // RFC 6749 §5.2: the Basic challenge belongs to 401 invalid_client, not to a scope refusal.
      assert.equal(refused.headers['www-authenticate'], undefined);
    }
    for (const scope of ['a  b', ' customers:read', 'customers:read\u00e9', 'a"b']) {
      assertOAuthError(await requestToken(t, { basic: client }, { scope }), 400, 'invalid_scope');
    }
  });

  it("the tenant's plan now narrows the scopes; nothing left → invalid_scope", async () => {
    const client = await newClient('pro', ['bookings:read', 'customers:read']);
    const only = await createClient(t, client.tenantId, { scopes: ['customers:read'] });
    await patchTenant(t, client.tenantId, { plan: 'free' });
    const body = await granted(await requestToken(t, { basic: client }));
    assert.equal(body.scope, 'bookings:read');
    assert.equal(decodeJwt(body.access_token).scope, 'bookings:read');
    assertOAuthError(
      await requestToken(t, { basic: client }, { scope: 'customers:read' }),
      400,
      'invalid_scope',
    );
    assertOAuthError(await requestToken(t, { basic: only }), 400, 'invalid_scope');
    await patchTenant(t, client.tenantId, { plan: 'pro' });
    assert.equal((await granted(await requestToken(t, { basic: only }))).scope, 'customers:read');
  });

  it('resource (RFC 8707) picks the audience: the issuer or a configured resource server', async () => {
    const client = await newClient();
    const audienceOf = async (resource: string | string[]) =>
      decodeJwt((await granted(await requestToken(t, { basic: client }, { resource }))).access_token).aud;
    assert.equal(await audienceOf(t.context.oauth.issuer), t.context.oauth.issuer);
    assert.equal(await audienceOf(API), API);
    assert.deepEqual(await audienceOf([API, t.context.oauth.issuer]), [API, t.context.oauth.issuer]);
    for (const resource of ['https://unknown.example.com', `${API}/`, `${API}#frag`, 'not a uri']) {
      assertOAuthError(await requestToken(t, { basic: client }, { resource }), 400, 'invalid_target');
    }
  });
});
