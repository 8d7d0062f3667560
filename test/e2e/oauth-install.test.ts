import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { withSuiteVocabulary } from '../support/vocabulary.ts';
import { call, firstPlatformKey, makeTempDir, removeDir, type ServerProcess, startServer } from './server.ts';

const API = 'https://api.example.com';
/** Registered without a port; the app listens wherever it can (RFC 8252 §7.3). */
const REGISTERED_REDIRECT = 'http://127.0.0.1/callback';
const REDIRECT = 'http://127.0.0.1:49152/callback';
const requestOptions = {
  [oauth.allowInsecureRequests]: true,
  signal: () => AbortSignal.timeout(5000),
} as const;

/** The consent form's fields as a browser would submit them. */
function formFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  const unescapeHtml = (text: string) =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(unescapeHtml(match[1] as string), unescapeHtml(match[2] as string));
  }
  return fields;
}

// A confidential web app built on oauth4webapi installs itself into a tenant through the real server process:
// discovery, the authorization request with PKCE, a tenant owner's consent (signed in through the platform's
// hand-off), the code exchange, a refresh, verification, and refusal once the installation is removed.
describe('installing an app with oauth4webapi against the real server', { timeout: 120_000 }, () => {
  let dataDir: string;
  let configDir: string;
  let server: ServerProcess | undefined;
  let platform: string;
  let tenantId: string;
  let clientSecret: string;
  let client: oauth.Client;
  let as: oauth.AuthorizationServer;
  let cookie: string;

  const live = () => server as ServerProcess;
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(live(), method, path, { auth: `Bearer ${platform}`, body });

  before(async () => {
    dataDir = await makeTempDir('oauth-install');
    configDir = await makeTempDir('oauth-install-config');
    const configPath = join(configDir, 'portcullis.config.json');
    await writeFile(
      configPath,
      JSON.stringify(withSuiteVocabulary({ oauth: { resourceServers: [{ audience: API, name: 'API' }] } })),
    );
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: configPath });
    platform = firstPlatformKey(server) as string;
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Riverside Club', plan: 'pro' });
    assert.equal(tenant.status, 201, tenant.text);
    tenantId = tenant.body.id;
    const app = await asPlatform('POST', `/api/v1/tenants/${tenantId}/apps`, {
      name: 'Court Booker',
      type: 'confidential',
      redirectUris: [REGISTERED_REDIRECT],
      homepageUrl: 'https://courtbooker.example.com',
    });
    assert.equal(app.status, 201, app.text);
    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/clients`, {
      name: 'Court Booker web',
      appId: app.body.id,
      scopes: ['bookings:read', 'bookings:write'],
    });
    assert.equal(created.status, 201, created.text);
    client = { client_id: created.body.client_id };
    clientSecret = created.body.client_secret;
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('the owner signs in through the hand-off', async () => {
    const handoff = await asPlatform('POST', `/api/v1/tenants/${tenantId}/console-sessions`, {
      user: { externalId: 'owner-1', email: 'owner@riverside.example', name: 'Riverside Owner' },
      role: 'owner',
    });
    assert.equal(handoff.status, 201, handoff.text);
    const opened = await fetch(handoff.body.url, { redirect: 'manual' });
    assert.equal(opened.status, 303);
    const setCookie = opened.headers
      .getSetCookie()
      .find((value) => value.startsWith('__Host-portcullis_session='));
    assert.ok(setCookie);
    cookie = setCookie.split(';')[0] as string;
  });

  let tokens: oauth.TokenEndpointResponse;

  it('discovers, authorizes with PKCE, consents, and exchanges the code', async () => {
    const issuer = new URL(live().url);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...requestOptions }),
    );
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    assert.equal(as.authorization_response_iss_parameter_supported, true);

    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const authorizationUrl = new URL(as.authorization_endpoint as string);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: REDIRECT,
      scope: 'bookings:read bookings:write',
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      resource: API,
    })) {
      authorizationUrl.searchParams.set(name, value);
    }
    // Without the session: the console's sign-in, which sends the user back here.
    const anonymous = await fetch(authorizationUrl, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
    assert.equal(
      anonymous.headers.get('location'),
      `/console/sign-in?next=${encodeURIComponent(authorizationUrl.pathname + authorizationUrl.search)}`,
    );

    const consent = await fetch(authorizationUrl, { redirect: 'manual', headers: { cookie } });
    assert.equal(consent.status, 200);
    assert.equal(consent.headers.get('x-frame-options'), 'DENY');
    const html = await consent.text();
    assert.match(html, /Install Court Booker\?/);
    const form = formFields(html);
    form.set('decision', 'approve');
    const decided = await fetch(authorizationUrl.origin + authorizationUrl.pathname, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: live().url, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    assert.equal(decided.status, 303);
    const callback = new URL(decided.headers.get('location') as string);
    assert.equal(callback.origin + callback.pathname, REDIRECT);
    // oauth4webapi checks state and, as the metadata promises it, iss (RFC 9207).
    const params = oauth.validateAuthResponse(as, client, callback, state);

    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      params,
      REDIRECT,
      verifier,
      requestOptions,
    );
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    assert.ok(tokens.refresh_token);
    const claims = decodeJwt(tokens.access_token);
    assert.equal(claims.tenant, tenantId);
    assert.equal(claims.aud, API);
    assert.equal(claims.scope, 'bookings:read bookings:write');
    assert.equal(typeof claims.installation_id, 'string');
  });

  it('refreshes (rotating the refresh token) and the new token verifies', async () => {
    const previous = tokens.refresh_token as string;
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      previous,
      requestOptions,
    );
    tokens = await oauth.processRefreshTokenResponse(as, client, response);
    assert.notEqual(tokens.refresh_token, previous);
    const verified = await asPlatform('POST', '/api/v1/verify', { key: tokens.access_token });
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.valid, true, verified.text);
    assert.equal(verified.body.tenantId, tenantId);
  });

  it('once uninstalled, its tokens are refused', async () => {
    const installationId = decodeJwt(tokens.access_token).installation_id as string;
    const removed = await asPlatform('DELETE', `/api/v1/tenants/${tenantId}/installations/${installationId}`);
    assert.equal(removed.status, 204, removed.text);
    const verified = await asPlatform('POST', '/api/v1/verify', { key: tokens.access_token });
    assert.equal(verified.body.valid, false, verified.text);
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(clientSecret),
      tokens.refresh_token as string,
      requestOptions,
    );
    const refused = await oauth
      .processRefreshTokenResponse(as, client, response)
      .catch((error: unknown) => error);
    assert.ok(refused instanceof oauth.ResponseBodyError);
    assert.equal(refused.error, 'invalid_grant');
  });
});
