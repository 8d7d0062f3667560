import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, createClient } from './clients-support.ts';
import {
  assertBasicChallenge,
  assertOAuthError,
  basic,
  OAUTH,
  requestToken,
  type TokenResponse,
} from './oauth-support.ts';
import { unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const newClient = async () =>
  createClient(t, await createTenant(t, { plan: 'pro' }), { scopes: ['bookings:read', 'customers:read'] });
const granted = async (response: Awaited<ReturnType<typeof requestToken>>) => {
  assert.equal(response.statusCode, 200, response.body);
  return response.json<TokenResponse>();
};
/** Sends a raw body to the token endpoint, authenticated with Basic. */
const rawToken = (client: { client_id: string; client_secret: string }, payload: string, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `${OAUTH}/token${query}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(client.client_id, client.client_secret),
    },
    payload,
  });

describe('token endpoint: client authentication errors', () => {
  it('wrong secret, unknown client, another client’s secret → 401 invalid_client with a Basic challenge', async () => {
    const client = await newClient();
    const other = await newClient();
    const attempts = [
      { ...client, client_secret: unknownKey('cs') },
      { client_id: 'client_doesnotexist00000000', client_secret: client.client_secret },
      { client_id: client.client_id, client_secret: other.client_secret },
      { client_id: client.client_id, client_secret: 'short' },
    ];
    for (const attempt of attempts) {
      const response = await requestToken(t, { basic: attempt });
      assertBasicChallenge(response);
      assert.equal(response.body.includes(attempt.client_secret), false, 'the secret is echoed');
    }
  });

  it('a malformed Basic header → 401 invalid_client with a challenge, never a 500', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    for (const value of [
      'Basic !!!',
      `Basic ${b64('nocolon')}`,
      `Basic ${b64(':secret')}`,
      `Basic ${b64('client_x:')}`,
      `Basic ${b64('%ZZ:%ZZ')}`,
      `Basic ${'A'.repeat(3000)}`,
      'Basic a b',
    ]) {
      assertBasicChallenge(await requestToken(t, { authorization: value }));
    }
  });

  it('client_secret_post failures → 401 invalid_client without a Basic challenge', async () => {
    const client = await newClient();
    for (const post of [
      { client_id: client.client_id, client_secret: unknownKey('cs') },
      { client_id: 'client_nobody', client_secret: client.client_secret },
    ]) {
      const response = await requestToken(t, { post });
      assertOAuthError(response, 401, 'invalid_client');
      assert.equal(response.headers['www-authenticate'], undefined);
    }
    assertOAuthError(await requestToken(t, undefined), 401, 'invalid_client');
    assertOAuthError(
      await requestToken(t, { post: { ...client, client_secret: '' } }),
      401,
      'invalid_client',
    );
  });

  it('Basic and client_secret in the body at once → 400 invalid_request; a mismatched body client_id too', async () => {
    const client = await newClient();
    const both = await requestToken(t, { basic: client }, { client_secret: client.client_secret });
    assertOAuthError(both, 400, 'invalid_request');
    assert.equal(both.body.includes(client.client_secret), false);
    assertOAuthError(
      await requestToken(t, { basic: client }, { client_id: 'client_other' }),
      400,
      'invalid_request',
    );
    await granted(await requestToken(t, { basic: client }, { client_id: client.client_id }));
  });
});

describe('token endpoint: request errors', () => {
  it('repeated parameters and a missing grant_type → 400 invalid_request', async () => {
    const client = await newClient();
    const raw = (payload: string) => rawToken(client, payload);
    assertOAuthError(
      await raw('grant_type=client_credentials&grant_type=client_credentials'),
      400,
      'invalid_request',
    );
    assertOAuthError(
      await raw('grant_type=client_credentials&scope=bookings:read&scope=customers:read'),
      400,
      'invalid_request',
    );
    assertOAuthError(await raw(''), 400, 'invalid_request');
    assertOAuthError(await raw('scope=bookings:read'), 400, 'invalid_request');
    assertOAuthError(await raw('grant_type='), 400, 'invalid_request');
  });

  it('password, implicit and unknown grants → 400 unsupported_grant_type; the user grants need their parameters', async () => {
    const client = await newClient();
    assertOAuthError(
      await requestToken(t, { basic: client }, { grant_type: 'authorization_code' }),
      400,
      'invalid_request',
    );
    assertOAuthError(
      await requestToken(t, { basic: client }, { grant_type: 'refresh_token' }),
      400,
      'invalid_request',
    );
    for (const grant_type of ['password', 'implicit', 'urn:foo', 'CLIENT_CREDENTIALS']) {
      assertOAuthError(
        await requestToken(t, { basic: client }, { grant_type }),
        400,
        'unsupported_grant_type',
      );
    }
  });

  it('a JSON or text/plain body → 4xx OAuth error, not problem+json; more than 16 KiB → 413', async () => {
    const client = await newClient();
    const send = (contentType: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: `${OAUTH}/token`,
        headers: { 'content-type': contentType },
        payload,
      });
    const json = JSON.stringify({ grant_type: 'client_credentials', ...client });
    assertOAuthError(await send('application/json', json), 400, 'invalid_request');
    assertOAuthError(await send('text/plain', 'grant_type=client_credentials'), 415, 'invalid_request');
    assertOAuthError(
      await send(
        'application/x-www-form-urlencoded',
        `grant_type=client_credentials&pad=${'x'.repeat(16 * 1024)}`,
      ),
      413,
      'invalid_request',
    );
    assertOAuthError(
      await send(
        'application/x-www-form-urlencoded',
        `grant_type=client_credentials&pad=${'x'.repeat(5000)}`,
      ),
      400,
      'invalid_request',
    );
  });

  it('client_secret (or a token) in the query string → 400 invalid_request, even beside valid Basic', async () => {
    const client = await newClient();
    for (const query of [
      `?client_id=${client.client_id}&client_secret=${client.client_secret}`,
      `?client_secret=${client.client_secret}`,
      '?access_token=x',
    ]) {
      const response = await rawToken(client, 'grant_type=client_credentials', query);
      assertOAuthError(response, 400, 'invalid_request');
      assert.equal(response.body.includes(client.client_secret), false);
    }
    assert.equal((await activity(t, client.tenantId, 'token.issued')).length, 0, 'nothing was issued');
  });

  it('no error body ever carries more than error and error_description, nor the secret', async () => {
    const client = await newClient();
    const responses = [
      await requestToken(t, { post: { ...client, client_secret: `${client.client_secret}x` } }),
      await requestToken(t, { basic: client }, { grant_type: 'password', password: client.client_secret }),
      await requestToken(t, { basic: client }, { scope: 'bookings:write' }),
    ];
    for (const response of responses) {
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
      assert.deepEqual(Object.keys(response.json()).sort(), ['error', 'error_description']);
      assert.equal(response.body.includes(client.client_secret), false);
    }
  });

  it('no Basic header or form body makes an OAuth endpoint answer 5xx (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 300 }),
        fc.constantFrom('token', 'introspect', 'revoke'),
        async (credentials, noise, endpoint) => {
          const encoded = Buffer.from(credentials).toString('base64');
          for (const authorization of [`Basic ${credentials}`, `Basic ${encoded}`, `Bearer ${credentials}`]) {
            const response = await t.app.inject({
              method: 'POST',
              url: `${OAUTH}/${endpoint}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
              payload: `grant_type=client_credentials&token=${noise}&${noise}`,
            });
            assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
            assert.deepEqual(Object.keys(response.json()).sort(), ['error', 'error_description']);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
