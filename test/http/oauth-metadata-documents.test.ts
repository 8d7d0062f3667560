import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { documentRowIds } from '../../src/core/client-metadata-document.ts';
import { createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import {
  authorizeQuery,
  formFields,
  getAuthorize,
  pkce,
  postDecision,
  REDIRECT,
  redirectParams,
} from './authorization-support.ts';
import { postForm } from './oauth-support.ts';
import { type Browser, handoffBrowser } from './people-support.ts';
import { assertionParams, type ClientKey, clientKey, signAssertion } from './private-key-jwt-support.ts';

interface Served {
  status?: number;
  type?: string;
  body: string;
  headers?: Record<string, string>;
}

/** A local server of metadata documents: each path answers what `routes` says, and its fetches are counted. */
async function documentServer(): Promise<{
  server: Server;
  base: string;
  routes: Map<string, Served>;
  hits: Map<string, number>;
}> {
  const routes = new Map<string, Served>();
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const served = routes.get(path);
    if (!served) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(served.status ?? 200, {
      'content-type': served.type ?? 'application/json',
      ...served.headers,
    });
    response.end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, routes, hits };
}

// The clock is frozen, so a per-host budget never refills: room for every fetch of this file.
const LOCAL = { allowHttp: true, allowPrivateNetworks: true, perHostPerMinute: 4095 };

async function appWith(documents: Record<string, unknown>): Promise<{ t: TestApp; registry: string }> {
  const t = await startTestApp({ config: { oauth: { clientMetadataDocuments: documents } } });
  const registry = await createTenant(t, { name: 'Registered apps' });
  t.context.oauth.registration = { ...t.context.oauth.registration, tenantId: registry };
  return { t, registry };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

describe('Client ID Metadata Documents', () => {
  let t: TestApp;
  let registry: string;
  let docs: Awaited<ReturnType<typeof documentServer>>;
  let owner: Browser;
  let tenantId: string;

  /** Serves a document at `path` whose client_id is its URL unless overridden; answers the URL. */
  const serve = (path: string, overrides: Record<string, unknown> = {}, served: Partial<Served> = {}) => {
    const url = `${docs.base}${path}`;
    docs.routes.set(path, {
      body: JSON.stringify({
        client_id: url,
        client_name: 'Doc Agent',
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        scope: 'bookings:read',
        ...overrides,
      }),
      ...served,
    });
    return url;
  };

  /** A refused authorization request: an HTML page, never a redirect. */
  const refusedPage = async (url: string, pattern: RegExp, redirectUri = REDIRECT) => {
    const response = await getAuthorize(
      t,
      authorizeQuery(url, pkce().challenge, { redirect_uri: redirectUri }),
      owner,
    );
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.headers.location, undefined);
    assert.match(String(response.headers['content-type']), /text\/html/);
    assert.match(response.body, pattern);
  };

  const authorizeAndApprove = async (url: string, verifier: { challenge: string }) => {
    const page = await getAuthorize(t, authorizeQuery(url, verifier.challenge), owner);
    assert.equal(page.statusCode, 200, page.body);
    const fields = formFields(page.body);
    assert.equal(fields.client_id, url);
    const answer = await postDecision(t, owner, { ...fields, decision: 'approve' });
    const code = redirectParams(answer).get('code');
    assert.ok(code);
    return { page, code };
  };

  const token = (params: Record<string, string>): Promise<LightMyRequestResponse> =>
    postForm(t, 'token', params);

  before(async () => {
    docs = await documentServer();
    ({ t, registry } = await appWith(LOCAL));
    tenantId = await createTenant(t, { name: 'Customer' });
    owner = await handoffBrowser(t, tenantId, 'owner');
  });
  after(async () => {
    await t.close();
    docs.server.close();
  });

  it('the metadata says documents are supported, and not when they are turned off', async () => {
    const as = await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    assert.equal(as.json<Record<string, unknown>>().client_id_metadata_document_supported, true);
    const { t: off } = await appWith({ enabled: false });
    try {
      const metadata = await off.app.inject({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      });
      assert.equal(metadata.json<Record<string, unknown>>().client_id_metadata_document_supported, undefined);
    } finally {
      await off.close();
    }
  });

  it('authorize, consent, code, token with PKCE, refresh: tokens carry the URL as client_id; one fetch', async () => {
    const url = serve('/agent.json', { logo_uri: 'https://cdn.example.com/agent.png' });
    const verifier = pkce();
    const { page, code } = await authorizeAndApprove(url, verifier);
    assert.match(page.body, /Install Doc Agent\?/);
    assert.match(page.body, /describes itself in a document published at <strong>127\.0\.0\.1:\d+<\/strong>/);
    assert.match(page.body, /It was not registered by this platform/);

    const redeemed = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      client_id: url,
    });
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const tokens = redeemed.json<Tokens>();
    assert.equal(tokens.scope, 'bookings:read');
    const claims = claimsOf(tokens.access_token);
    assert.equal(claims.client_id, url);
    assert.equal(claims.tenant, tenantId);
    const verified = await verify(t, { key: tokens.access_token });
    assert.equal(verified.valid, true, JSON.stringify(verified));
    assert.equal(verified.clientId, url);

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: url,
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    assert.equal(claimsOf(refreshed.json<Tokens>().access_token).client_id, url);

    // The client is stored in the registration tenant under the id derived from its URL, installable anywhere.
    const { clientId, appId } = documentRowIds(url);
    const client = await t.store.clients.get(registry, clientId);
    assert.equal(client?.name, url);
    const app = await t.store.apps.get(registry, appId);
    assert.equal(app?.registeredVia, 'metadata_document');
    assert.equal(app?.visibility, 'public');
    assert.equal(app?.logoUrl, 'https://cdn.example.com/agent.png');
    // A browser-based client may call the token endpoint from its redirect URIs' origins (CORS).
    assert.deepEqual(app?.allowedOrigins, [new URL(REDIRECT).origin]);

    // Introspected, the refresh token names the client by its URL too, as its access tokens do.
    const introspected = await postForm(
      t,
      'introspect',
      { token: refreshed.json<Tokens>().refresh_token },
      { authorization: `Bearer ${t.platformKey}` },
    );
    assert.partialDeepStrictEqual(introspected.json(), {
      active: true,
      token_type: 'refresh_token',
      client_id: url,
    });

    // A public client revokes its refresh token with its URL alone (RFC 7009 §2.1).
    const revoked = await postForm(t, 'revoke', {
      token: refreshed.json<Tokens>().refresh_token,
      client_id: url,
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const afterRevoke = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.json<Tokens>().refresh_token,
      client_id: url,
    });
    assert.equal(afterRevoke.statusCode, 400);

    // A second authorization reuses the cached document.
    await authorizeAndApprove(url, pkce());
    assert.equal(docs.hits.get('/agent.json'), 1);

    // Its stored id is not a way around the document.
    const direct = await getAuthorize(t, authorizeQuery(clientId, pkce().challenge), owner);
    assert.equal(direct.statusCode, 400);
    const directToken = await token({ grant_type: 'refresh_token', refresh_token: 'x', client_id: clientId });
    assert.equal(directToken.statusCode, 401);
  });

  it('private_key_jwt: a document with inline jwks is a confidential client that signs assertions', async () => {
    const key = await clientKey('ES256');
    const url = serve('/signed-agent.json', {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
    });
    const verifier = pkce();
    const { code } = await authorizeAndApprove(url, verifier);
    const redemption = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
    };
    // Its client_id alone is not enough: the document says it authenticates with its keys.
    const bare = await token({ ...redemption, client_id: url });
    assert.equal(bare.statusCode, 401, bare.body);
    const wrongKey = await token({
      ...redemption,
      ...assertionParams(await signAssertion(t, url, await clientKey('ES256', key.kid))),
    });
    assert.equal(wrongKey.statusCode, 401, wrongKey.body);
    const redeemed = await token({ ...redemption, ...assertionParams(await signAssertion(t, url, key)) });
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const tokens = redeemed.json<Tokens>();
    assert.equal(claimsOf(tokens.access_token).client_id, url);
    const app = await t.store.apps.get(registry, documentRowIds(url).appId);
    assert.equal(app?.type, 'confidential');
    assert.deepEqual(app?.jwks, { keys: [key.publicJwk] });

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      ...assertionParams(await signAssertion(t, url, key)),
    });
    assert.equal(refreshed.statusCode, 200, refreshed.body);
    // A document client installs through the code flow only: no client_credentials.
    const m2m = await token({
      grant_type: 'client_credentials',
      ...assertionParams(await signAssertion(t, url, key)),
    });
    assert.equal(m2m.statusCode, 401, m2m.body);
  });

  it('private_key_jwt documents need valid keys, inline or at one jwks_uri', async () => {
    const key = await clientKey('ES256');
    const noKeys = serve('/no-keys.json', { token_endpoint_auth_method: 'private_key_jwt' });
    await refusedPage(noKeys, /private_key_jwt needs valid jwks/);
    const privateKey = serve('/private-key.json', {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [{ ...key.publicJwk, d: 'c2VjcmV0' }] },
    });
    await refusedPage(privateKey, /private key material/);
    const both = serve('/both-keys.json', {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      jwks_uri: `${docs.base}/jwks.json`,
    });
    await refusedPage(both, /not both/);
  });

  it('private_key_jwt with a jwks_uri: fetched once, cached, fetched again for a new kid', async () => {
    const first = await clientKey('ES256');
    const keysPath = '/agent-keys.json';
    docs.routes.set(keysPath, { body: JSON.stringify({ keys: [first.publicJwk] }) });
    const url = serve('/remote-agent.json', {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: `${docs.base}${keysPath}`,
    });
    const verifier = pkce();
    const { code } = await authorizeAndApprove(url, verifier);
    assert.equal(docs.hits.get(keysPath) ?? 0, 0, 'nothing fetched before an assertion needs the keys');
    const redeemed = await token({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      ...assertionParams(await signAssertion(t, url, first)),
    });
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const { refresh_token } = redeemed.json<Tokens>();
    const introspect = async (key: ClientKey) =>
      postForm(t, 'introspect', {
        token: refresh_token,
        ...assertionParams(await signAssertion(t, url, key)),
      });
    assert.equal((await introspect(first)).statusCode, 200);
    assert.equal(docs.hits.get(keysPath), 1, 'the key set is cached');

    // The client rotates: a new kid is looked up again, but not more than once in 30 s.
    const second = await clientKey('ES256');
    docs.routes.set(keysPath, { body: JSON.stringify({ keys: [second.publicJwk] }) });
    assert.equal((await introspect(second)).statusCode, 401, 'too soon after the last fetch');
    t.clock.advance(30_000);
    assert.equal((await introspect(second)).statusCode, 200);
    assert.equal(docs.hits.get(keysPath), 2);

    // Keys that cannot be fetched authenticate nobody.
    const gone = serve('/gone-keys-agent.json', {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: `${docs.base}/nowhere-keys.json`,
    });
    const goneCode = (await authorizeAndApprove(gone, verifier)).code;
    const refused = await token({
      grant_type: 'authorization_code',
      code: goneCode,
      code_verifier: verifier.verifier,
      redirect_uri: REDIRECT,
      ...assertionParams(await signAssertion(t, gone, first)),
    });
    assert.equal(refused.statusCode, 401, refused.body);
  });

  it('dynamic registration with a jwks_uri: the client signs with the published keys', async () => {
    const key = await clientKey('EdDSA');
    docs.routes.set('/registered-keys.json', { body: JSON.stringify({ keys: [key.publicJwk] }) });
    const saved = t.context.oauth.registration;
    t.context.oauth.registration = { ...saved, mode: 'open' };
    try {
      const registered = await t.app.inject({
        method: 'POST',
        url: '/api/v1/platform/oauth/register',
        payload: {
          client_name: 'Remote keys',
          redirect_uris: [REDIRECT],
          scope: 'bookings:read',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks_uri: `${docs.base}/registered-keys.json`,
        },
      });
      assert.equal(registered.statusCode, 201, registered.body);
      const body = registered.json<Record<string, string>>();
      assert.equal(body.jwks_uri, `${docs.base}/registered-keys.json`);
      assert.equal(body.client_secret, undefined);
      const clientId = body.client_id as string;
      const introspected = await postForm(t, 'introspect', {
        token: 'not-a-token',
        ...assertionParams(await signAssertion(t, clientId, key)),
      });
      assert.equal(introspected.statusCode, 200, introspected.body);
    } finally {
      t.context.oauth.registration = saved;
    }
  });

  it("a document's changes reach the stored app on the next approval, keys (and so its type) included", async () => {
    const { t: fresh, registry: freshRegistry } = await appWith({ ...LOCAL, cacheSeconds: 0 });
    try {
      const freshTenant = await createTenant(fresh);
      const freshOwner = await handoffBrowser(fresh, freshTenant, 'owner');
      const url = serve('/changing.json');
      const key = await clientKey('ES256');
      const signing = { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [key.publicJwk] } };
      for (const [name, extra, type] of [
        ['First Name', {}, 'public'],
        ['Second Name', {}, 'public'],
        ['Second Name', signing, 'confidential'],
        ['Second Name', {}, 'public'],
      ] as const) {
        serve('/changing.json', { client_name: name, ...extra });
        const page = await getAuthorize(fresh, authorizeQuery(url, pkce().challenge), freshOwner);
        assert.equal(page.statusCode, 200, page.body);
        const answer = await postDecision(fresh, freshOwner, {
          ...formFields(page.body),
          decision: 'approve',
        });
        assert.ok(redirectParams(answer).get('code'));
        const app = await fresh.store.apps.get(freshRegistry, documentRowIds(url).appId);
        assert.equal(app?.name, name);
        assert.equal(app?.type, type);
        assert.deepEqual(app?.jwks, 'jwks' in extra ? extra.jwks : null);
      }
    } finally {
      await fresh.close();
    }
  });

  it('honours Cache-Control: no-store, and limits fetches per host', async () => {
    const url = serve('/uncached.json', {}, { headers: { 'cache-control': 'no-store' } });
    await authorizeAndApprove(url, pkce());
    // The consent page's GET and the decision's POST each fetched it.
    assert.equal(docs.hits.get('/uncached.json'), 2);

    const { t: limited } = await appWith({ ...LOCAL, cacheSeconds: 0, perHostPerMinute: 2 });
    try {
      const limitedUrl = serve('/limited.json');
      for (const expected of [200, 200, 400]) {
        const page = await getAuthorize(limited, authorizeQuery(limitedUrl, pkce().challenge));
        // Not signed in: a good request goes to the sign-in page; a refused one is a page.
        assert.equal(page.statusCode === 303 ? 200 : page.statusCode, expected, page.body);
        if (expected === 400) assert.match(page.body, /asked too often/);
      }
    } finally {
      await limited.close();
    }
  });

  it('refuses a document whose client_id is not its URL', async () => {
    const url = serve('/mismatch.json', { client_id: `${docs.base}/other.json` });
    await refusedPage(url, /client_id is not its URL/);
  });

  it('refuses a document that is not JSON, too large, redirected or missing', async () => {
    const notJson = serve('/page.json', {}, { type: 'text/html' });
    await refusedPage(notJson, /not served as application\/json/);
    const broken = serve('/broken.json', {}, { body: '{"client_id": ' });
    await refusedPage(broken, /not valid JSON/);
    const large = serve('/large.json', { padding: 'x'.repeat(6000) });
    await refusedPage(large, /larger than 5 KB/);
    const moved = serve('/moved.json', {}, { status: 302, headers: { location: '/agent.json' } });
    await refusedPage(moved, /redirects/);
    await refusedPage(`${docs.base}/nowhere.json`, /HTTP 404/);
  });

  it('refuses a redirect_uri the document does not list, and confidential or secret-bearing documents', async () => {
    const url = serve('/strict.json');
    await refusedPage(
      url,
      /redirect_uri is not one this app registered/,
      'https://evil.example.com/callback',
    );
    const confidential = serve('/confidential.json', { token_endpoint_auth_method: 'client_secret_basic' });
    await refusedPage(confidential, /token_endpoint_auth_method must be none/);
    const secret = serve('/secret.json', { client_secret: 'shh' });
    await refusedPage(secret, /must not carry a client secret/);
    const noRedirects = serve('/empty.json', { redirect_uris: [] });
    await refusedPage(noRedirects, /redirect_uris must list/);
  });

  it('refuses URLs that cannot name a document', async () => {
    await refusedPage(`${docs.base}/`, /must have a path/);
    await refusedPage(`${docs.base}/a.json#frag`, /fragment/);
    await refusedPage(`http://user:pw@127.0.0.1:1/a.json`, /credentials/);
    await refusedPage(`${docs.base}/a/../agent.json`, /normal form/);
  });

  it('refuses private addresses and http unless allowed', async () => {
    const url = serve('/private.json');
    const { t: guarded } = await appWith({ allowHttp: true });
    try {
      const guardedTenant = await createTenant(guarded);
      const guardedOwner = await handoffBrowser(guarded, guardedTenant, 'owner');
      const page = await getAuthorize(guarded, authorizeQuery(url, pkce().challenge), guardedOwner);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /private, loopback or link-local/);
      assert.equal(docs.hits.get('/private.json'), undefined);
    } finally {
      await guarded.close();
    }
    const { t: httpsOnly } = await appWith({ allowPrivateNetworks: true });
    try {
      const page = await getAuthorize(httpsOnly, authorizeQuery(url, pkce().challenge));
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /must use https/);
    } finally {
      await httpsOnly.close();
    }
  });

  it('the token endpoint answers invalid_client for a bad document or one never approved', async () => {
    const bad = serve('/bad-token.json', { client_id: 'https://elsewhere.example.com/x.json' });
    const unapproved = serve('/unapproved.json');
    for (const clientId of [bad, unapproved, `${docs.base}/absent.json`]) {
      const response = await token({
        grant_type: 'authorization_code',
        code: 'A'.repeat(43),
        code_verifier: 'B'.repeat(43),
        redirect_uri: REDIRECT,
        client_id: clientId,
      });
      assert.equal(response.statusCode, 401, response.body);
      assert.equal(response.json<{ error: string }>().error, 'invalid_client');
    }
  });
});
