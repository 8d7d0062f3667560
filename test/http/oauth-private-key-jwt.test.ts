// private_key_jwt client authentication (RFC 7523 §2.2, OpenID Connect Core §9, decision 035) at the token,
// introspection and revocation endpoints.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import {
  AUTHORIZATION_CONFIG,
  authorizeQuery,
  formFields,
  getAuthorize,
  pkce,
  postDecision,
  REDIRECT,
  redirectParams,
} from './authorization-support.ts';
import {
  type AppView,
  activity,
  appsUrl,
  type CreatedClient,
  clientsUrl,
  createApp,
} from './clients-support.ts';
import { assertOAuthError, form, OAUTH, type TokenResponse, verifyToken } from './oauth-support.ts';
import { handoffBrowser } from './people-support.ts';
import {
  ASSERTION_TYPE,
  assertionParams,
  type ClientKey,
  clientKey,
  hmacAssertion,
  signAssertion,
  unsignedAssertion,
} from './private-key-jwt-support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ config: AUTHORIZATION_CONFIG });
});
after(() => t.close());

/** Each test calls from its own address: one test's failures never spend another's budget. */
let addresses = 0;
const freshIp = () => `198.51.100.${++addresses}`;

function post(
  endpoint: 'token' | 'introspect' | 'revoke',
  params: Record<string, string>,
  options: { ip?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `${OAUTH}/${endpoint}`,
    remoteAddress: options.ip ?? '203.0.113.9',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: form(params),
  });
}

interface KeyClient {
  tenantId: string;
  app: AppView & { jwks: { keys: Record<string, unknown>[] } | null };
  client: CreatedClient;
  key: ClientKey;
}

/** A tenant with a confidential app that registered `keys` (the first one signs) and a client of it. */
async function keyClient(keys?: ClientKey[], scopes = ['bookings:read']): Promise<KeyClient> {
  const own = keys ?? [await clientKey()];
  const tenantId = await createTenant(t, { plan: 'pro' });
  const app = (await createApp(t, tenantId, {
    name: 'Signed Sync',
    redirectUris: [REDIRECT],
    jwks: { keys: own.map((key) => key.publicJwk) },
  })) as KeyClient['app'];
  const created = await asPlatform(t, {
    method: 'POST',
    url: clientsUrl(tenantId),
    payload: { name: 'Signer', appId: app.id, scopes },
  });
  assert.equal(created.statusCode, 201, created.body);
  return { tenantId, app, client: created.json<CreatedClient>(), key: own[0] as ClientKey };
}

const clientCredentials = async (assertion: string, ip?: string) =>
  post('token', { grant_type: 'client_credentials', ...assertionParams(assertion) }, ip ? { ip } : {});

describe('private_key_jwt: client_credentials', () => {
  it('a client of an app with keys holds no secret and gets a token with a signed assertion', async () => {
    const setup = await keyClient();
    assert.equal(setup.client.client_secret, undefined, 'no secret is issued');
    assert.deepEqual(setup.app.jwks?.keys[0]?.kid, setup.key.kid);
    const response = await clientCredentials(await signAssertion(t, setup.client.id, setup.key));
    assert.equal(response.statusCode, 200, response.body);
    const token = response.json<TokenResponse>();
    assert.equal(token.scope, 'bookings:read');
    const verified = await verifyToken(t, token.access_token);
    assert.equal(verified.valid, true);
    // No secret to rotate: the app's keys authenticate its clients.
    const rotate = await asPlatform(t, {
      method: 'POST',
      url: `${clientsUrl(setup.tenantId)}/${setup.client.id}/rotate-secret`,
    });
    assert.equal(rotate.statusCode, 409, rotate.body);
  });

  it('every allowed algorithm works; without a kid each key that fits is tried; aud may be the issuer', async () => {
    const keys = await Promise.all([
      clientKey('ES256'),
      clientKey('RS256'),
      clientKey('PS256'),
      clientKey('EdDSA'),
      clientKey('ES256'),
    ]);
    const setup = await keyClient(keys);
    for (const key of keys) {
      for (const noKid of [false, true]) {
        const assertion = await signAssertion(t, setup.client.id, key, {
          noKid,
          claims: { aud: noKid ? t.context.oauth.issuer : [`${t.context.oauth.issuer}${OAUTH}/token`] },
        });
        const response = await clientCredentials(assertion);
        assert.equal(response.statusCode, 200, `${key.alg} noKid=${noKid}: ${response.body}`);
      }
    }
  });

  it('client_id in the form may repeat the assertion’s subject, never name another client', async () => {
    const setup = await keyClient();
    const same = await post('token', {
      grant_type: 'client_credentials',
      client_id: setup.client.id,
      ...assertionParams(await signAssertion(t, setup.client.id, setup.key)),
    });
    assert.equal(same.statusCode, 200, same.body);
    const other = await post('token', {
      grant_type: 'client_credentials',
      client_id: 'cl_someoneElse000000000',
      ...assertionParams(await signAssertion(t, setup.client.id, setup.key)),
    });
    assertOAuthError(other, 401, 'invalid_client');
  });
});

describe('private_key_jwt: refusals are invalid_client (401)', () => {
  let setup: KeyClient;
  before(async () => {
    setup = await keyClient();
  });

  const refused = async (assertion: string, reason?: string) => {
    const response = await clientCredentials(assertion, freshIp());
    assertOAuthError(response, 401, 'invalid_client');
    assert.equal(response.headers['www-authenticate'], undefined, 'no Basic challenge: Basic was not tried');
    if (reason !== undefined) {
      const rows = await activity(t, setup.tenantId, 'client.authentication_failed');
      assert.ok(
        rows.some((row) => row.details.reason === reason),
        `a ${reason} row: ${JSON.stringify(rows)}`,
      );
    }
  };

  it('a key the client did not register', async () => {
    const stranger = await clientKey('ES256', setup.key.kid);
    await refused(await signAssertion(t, setup.client.id, stranger), 'invalid_assertion');
    await refused(await signAssertion(t, setup.client.id, stranger, { noKid: true }));
  });

  it('expired, not yet valid, issued in the future, or living longer than five minutes', async () => {
    const now = Math.floor(t.clock.now() / 1000);
    for (const claims of [
      { exp: now - 31 },
      { nbf: now + 120 },
      { iat: now + 120 },
      { exp: now + 3600 },
      { exp: undefined },
    ]) {
      await refused(await signAssertion(t, setup.client.id, setup.key, { claims }));
    }
    // Clock skew within 30 seconds is forgiven.
    const skewed = await signAssertion(t, setup.client.id, setup.key, { claims: { exp: now - 10 } });
    assert.equal((await clientCredentials(skewed)).statusCode, 200);
  });

  it('an audience that is neither the issuer nor the token endpoint', async () => {
    for (const aud of [
      'https://elsewhere.example.com',
      `${t.context.oauth.issuer}${OAUTH}/introspect`,
      undefined,
    ]) {
      await refused(await signAssertion(t, setup.client.id, setup.key, { claims: { aud } }));
    }
  });

  it('iss other than sub, or a subject that is another client', async () => {
    await refused(
      await signAssertion(t, setup.client.id, setup.key, { claims: { iss: 'https://someone.example.com' } }),
    );
    const other = await keyClient();
    await refused(await signAssertion(t, other.client.id, setup.key));
  });

  it('a replayed jti, once it has been used', async () => {
    const assertion = await signAssertion(t, setup.client.id, setup.key);
    assert.equal((await clientCredentials(assertion)).statusCode, 200);
    await refused(assertion, 'replayed_assertion');
    // Another assertion with the same jti is a replay as well.
    const { jti } = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString()) as {
      jti: string;
    };
    await refused(await signAssertion(t, setup.client.id, setup.key, { claims: { jti } }));
  });

  it('a missing jti', async () => {
    await refused(await signAssertion(t, setup.client.id, setup.key, { claims: { jti: undefined } }));
  });

  it('alg none and HS256, whatever the key', async () => {
    await refused(unsignedAssertion(t, setup.client.id));
    await refused(await hmacAssertion(t, setup.client.id, JSON.stringify(setup.key.publicJwk)));
  });

  it('another assertion type, garbage, or an assertion with a secret', async () => {
    const assertion = await signAssertion(t, setup.client.id, setup.key);
    const wrongType = await post('token', {
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
      client_assertion: assertion,
    });
    assertOAuthError(wrongType, 401, 'invalid_client');
    await refused('not-a-jwt');
    const both = await post('token', {
      grant_type: 'client_credentials',
      client_secret: 'cs_live_whatever',
      ...assertionParams(assertion),
    });
    assertOAuthError(both, 400, 'invalid_request');
    // Like a secret, an assertion is never accepted in the URL (RFC 6749 §2.3.1).
    const inQuery = await t.app.inject({
      method: 'POST',
      url: `${OAUTH}/token?client_assertion=${assertion}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE }),
    });
    assert.equal(inQuery.statusCode, 400, inQuery.body);
    const noAssertion = await post('token', {
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
    });
    assertOAuthError(noAssertion, 400, 'invalid_request');
  });

  it('failures count towards the failed-authentication throttle of the client', async () => {
    const target = await keyClient();
    const stranger = await clientKey();
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      const response = await clientCredentials(await signAssertion(t, target.client.id, stranger), ip);
      assertOAuthError(response, 401, 'invalid_client');
    }
    const throttled = await clientCredentials(await signAssertion(t, target.client.id, stranger), ip);
    assertOAuthError(throttled, 429, 'temporarily_unavailable');
    // The right key still gets through: a client_id is public, and must not let anyone lock the client out.
    const good = await clientCredentials(await signAssertion(t, target.client.id, target.key), ip);
    assert.equal(good.statusCode, 200, good.body);
  });
});

describe('private_key_jwt: one method per client', () => {
  it('a client holding a secret cannot authenticate with an assertion', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const key = await clientKey();
    const created = await asPlatform(t, {
      method: 'POST',
      url: clientsUrl(tenantId),
      payload: { name: 'Secret holder', scopes: ['bookings:read'] },
    });
    const client = created.json<CreatedClient>();
    const response = await post('token', {
      grant_type: 'client_credentials',
      ...assertionParams(await signAssertion(t, client.id, key)),
    });
    assertOAuthError(response, 401, 'invalid_client');
    const [failed] = await activity(t, tenantId, 'client.authentication_failed');
    assert.equal(failed?.details.reason, 'wrong_method');
  });

  it('registering keys on an app stops its clients’ secrets; removing them brings the secrets back', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const app = await createApp(t, tenantId, { name: 'Switching' });
    const created = await asPlatform(t, {
      method: 'POST',
      url: clientsUrl(tenantId),
      payload: { name: 'Switcher', appId: app.id, scopes: ['bookings:read'] },
    });
    const client = created.json<CreatedClient>();
    assert.ok(client.client_secret);
    const bySecret = () =>
      post('token', {
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: client.client_secret,
      });
    assert.equal((await bySecret()).statusCode, 200, 'the secret works (and is cached)');
    const key = await clientKey();
    const patch = (jwks: unknown) =>
      asPlatform(t, { method: 'PATCH', url: `${appsUrl(tenantId)}/${app.id}`, payload: { jwks } });
    assert.equal((await patch({ keys: [key.publicJwk] })).statusCode, 200);
    assertOAuthError(await bySecret(), 401, 'invalid_client');
    const signed = await post('token', {
      grant_type: 'client_credentials',
      ...assertionParams(await signAssertion(t, client.id, key)),
    });
    assert.equal(signed.statusCode, 200, signed.body);
    const cleared = await patch(null);
    assert.equal(cleared.json<{ jwks: unknown }>().jwks, null);
    assert.equal((await bySecret()).statusCode, 200, 'back to the secret');
  });
});

describe('private_key_jwt: authorization_code, refresh, introspection and revocation', () => {
  it('the whole installation flow with assertions in place of a secret', async () => {
    const setup = await keyClient(undefined, ['bookings:read', 'events:read']);
    const owner = await handoffBrowser(t, setup.tenantId, 'owner');
    const verifier = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, verifier.challenge), owner);
    assert.equal(page.statusCode, 200, page.body);
    const answer = await postDecision(t, owner, { ...formFields(page.body), decision: 'approve' });
    const code = redirectParams(answer).get('code') ?? '';
    const sign = () => signAssertion(t, setup.client.id, setup.key);

    // A confidential client without any credential is refused, never treated as public.
    const bare = await post('token', {
      grant_type: 'authorization_code',
      client_id: setup.client.id,
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
    });
    assertOAuthError(bare, 401, 'invalid_client');

    const redeemed = await post('token', {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      ...assertionParams(await sign()),
    });
    // The bare attempt did not spend the code: it never got past client authentication.
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const tokens = redeemed.json<TokenResponse & { refresh_token: string }>();

    const refreshed = await post('token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      ...assertionParams(await sign()),
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    const next = refreshed.json<TokenResponse & { refresh_token: string }>();

    const introspected = await post('introspect', {
      token: next.access_token,
      ...assertionParams(await sign()),
    });
    assert.equal(introspected.statusCode, 200, introspected.body);
    assert.equal(introspected.json<{ active: boolean }>().active, true);
    const wrongKey = await post('introspect', {
      token: next.access_token,
      ...assertionParams(await signAssertion(t, setup.client.id, await clientKey())),
    });
    assertOAuthError(wrongKey, 401, 'invalid_client');

    const revoked = await post('revoke', { token: next.refresh_token, ...assertionParams(await sign()) });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const after = await post('introspect', { token: next.refresh_token, ...assertionParams(await sign()) });
    assert.equal(after.json<{ active: boolean }>().active, false);
  });
});

describe('apps: jwks validation (422 validation_failed)', () => {
  let tenantId: string;
  before(async () => {
    tenantId = await createTenant(t);
  });
  const create = (body: Record<string, unknown>) =>
    asPlatform(t, { method: 'POST', url: appsUrl(tenantId), payload: { name: 'Keys', ...body } });

  it('refuses private key material, too many keys, unknown key types, weak RSA and public apps', async () => {
    const es = await clientKey('ES256');
    const { exportJWK, generateKeyPair } = await import('jose');
    const pair = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(pair.privateKey);
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    const eleven = await Promise.all(Array.from({ length: 11 }, () => clientKey()));
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['private member', { jwks: { keys: [privateJwk] } }, /private key material/],
      ['too many', { jwks: { keys: eleven.map((key) => key.publicJwk) } }, /keys/],
      ['none', { jwks: { keys: [] } }, /1 to 10 keys/],
      ['oct', { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, /private key material|kty/],
      ['kty', { jwks: { keys: [{ kty: 'XYZ', x: 'abc' }] } }, /kty must be/],
      ['P-384', { jwks: { keys: [{ ...es.publicJwk, crv: 'P-384' }] } }, /P-256/],
      ['rsa 1024', { jwks: { keys: [weak] } }, /2048/],
      ['alg HS256', { jwks: { keys: [{ ...es.publicJwk, alg: 'HS256' }] } }, /alg must be/],
      ['kid twice', { jwks: { keys: [es.publicJwk, es.publicJwk] } }, /repeats kid/],
      [
        'off the curve',
        { jwks: { keys: [{ ...es.publicJwk, y: es.publicJwk.x }] } },
        /not a usable public key/,
      ],
      ['public app', { type: 'public', jwks: { keys: [es.publicJwk] } }, /public app/],
    ];
    for (const [label, body, message] of cases) {
      const response = await create(body);
      assert.equal(response.statusCode, 422, `${label}: ${response.body}`);
      const problem = response.json<{ code: string; detail?: string; errors?: unknown }>();
      assert.equal(problem.code, 'validation_failed', label);
      assert.match(JSON.stringify(problem), message, label);
    }
  });

  it('stores only the public members it knows, and answers them', async () => {
    const key = await clientKey('EdDSA');
    const response = await create({
      jwks: { keys: [{ ...key.publicJwk, use: 'sig', ext: true, key_ops: ['verify'] }] },
    });
    assert.equal(response.statusCode, 201, response.body);
    const { jwks } = response.json<{ jwks: { keys: Record<string, unknown>[] } }>();
    assert.deepEqual(jwks.keys, [
      { kty: 'OKP', kid: key.kid, use: 'sig', crv: 'Ed25519', x: key.publicJwk.x },
    ]);
    const plain = await create({});
    assert.equal(plain.json<{ jwks: unknown }>().jwks, null);
  });
});
