import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, startTestApp, type TestApp } from '../support/app.ts';
import {
  AUTHORIZATION_CONFIG,
  approve,
  authorizeQuery,
  formFields,
  getAuthorize,
  installable,
  LOOPBACK,
  pkce,
  postDecision,
  REDIRECT,
  RESOURCE,
  redeem,
  redirectParams,
} from './authorization-support.ts';
import { activity } from './clients-support.ts';
import { patchTenant, postForm } from './oauth-support.ts';
import { addMember, asBrowser, handoffBrowser, originOf } from './people-support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ config: AUTHORIZATION_CONFIG });
});
after(() => t.close());

/** An error page: HTML, never a redirect. */
function assertErrorPage(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  assert.equal(response.statusCode, 400, response.body);
  assert.equal(response.headers.location, undefined);
  assert.match(String(response.headers['content-type']), /^text\/html/);
}

describe('authorize: the request', () => {
  it('an unknown client_id is an error page, never a redirect', async () => {
    const { challenge } = pkce();
    assertErrorPage(await getAuthorize(t, authorizeQuery('cl_00000000000000000000', challenge)));
    assertErrorPage(await getAuthorize(t, authorizeQuery('', challenge)));
  });

  it('redirect URI variants are refused on a page: trailing slash, other path, query, subdomain, port', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    for (const redirect of [
      `${REDIRECT}/`,
      'https://app.example.com/other',
      `${REDIRECT}?x=1`,
      'https://evil.app.example.com/callback',
      'https://app.example.com:8443/callback',
      'http://app.example.com/callback',
      'http://localhost/callback',
    ]) {
      const response = await getAuthorize(
        t,
        authorizeQuery(setup.client.id, challenge, { redirect_uri: redirect }),
      );
      assertErrorPage(response);
    }
  });

  it('a loopback redirect may vary its port, nothing else', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const varied = 'http://127.0.0.1:53127/callback';
    const page = await getAuthorize(
      t,
      authorizeQuery(setup.client.id, challenge, { redirect_uri: varied }),
      setup.owner,
    );
    assert.equal(page.statusCode, 200, page.body);
    assert.equal(formFields(page.body).redirect_uri, varied);
    assert.equal(new URL(LOOPBACK).port, '');
    const answer = await postDecision(t, setup.owner, { ...formFields(page.body), decision: 'approve' });
    assert.ok(String(answer.headers.location).startsWith(`${varied}?`));
    assertErrorPage(
      await getAuthorize(
        t,
        authorizeQuery(setup.client.id, challenge, { redirect_uri: 'http://127.0.0.1:53127/other' }),
      ),
    );
  });

  it('PKCE missing or plain is an error redirected with state and iss', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    for (const overrides of [
      { code_challenge: undefined },
      { code_challenge_method: 'plain' },
      { code_challenge_method: undefined },
      { code_challenge: 'short' },
    ]) {
      const response = await getAuthorize(
        t,
        authorizeQuery(setup.client.id, challenge, overrides),
        setup.owner,
      );
      const params = redirectParams(response);
      assert.equal(params.get('error'), 'invalid_request', JSON.stringify(overrides));
      assert.equal(params.get('state'), 'xyz-state');
      assert.equal(params.get('iss'), t.context.oauth.issuer);
      assert.ok(String(response.headers.location).startsWith(`${REDIRECT}?`));
    }
  });

  it('only response_type=code; scopes the client holds; a configured resource', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const errorOf = async (overrides: Record<string, string | undefined>) =>
      redirectParams(await getAuthorize(t, authorizeQuery(setup.client.id, challenge, overrides))).get(
        'error',
      );
    assert.equal(await errorOf({ response_type: 'token' }), 'unsupported_response_type');
    assert.equal(await errorOf({ response_type: undefined }), 'invalid_request');
    assert.equal(await errorOf({ scope: 'bookings:write' }), 'invalid_scope');
    assert.equal(await errorOf({ scope: 'manage:keys' }), 'invalid_scope');
    assert.equal(await errorOf({ resource: 'https://elsewhere.example.com' }), 'invalid_target');
    assert.equal(await errorOf({ resource: t.context.oauth.issuer }), 'invalid_target');
  });

  it('a repeated parameter is invalid_request; a repeated client_id is a page', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const url = authorizeQuery(setup.client.id, challenge);
    assert.equal(
      redirectParams(await getAuthorize(t, `${url}&scope=events:read`)).get('error'),
      'invalid_request',
    );
    assertErrorPage(await getAuthorize(t, `${url}&client_id=${setup.client.id}`));
  });

  it('not signed in: 303 to the console sign-in with the whole request as next', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const url = authorizeQuery(setup.client.id, challenge);
    const response = await getAuthorize(t, url);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/console/sign-in?next=${encodeURIComponent(url)}`);
  });
});

describe('authorize: the consent screen', () => {
  it('shows the app, its homepage and logo, the redirect host and the scopes in words; no framing, strict CSP', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const page = await getAuthorize(
      t,
      authorizeQuery(setup.client.id, challenge, { scope: 'bookings:read events:read', resource: RESOURCE }),
      setup.owner,
    );
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/app\.example\.com/);
    assert.match(csp, /img-src https:/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    for (const text of [
      'Booking Sync',
      'https://sync.example.com',
      'https://cdn.example.com/logo.png',
      'app.example.com',
      'Read bookings',
      'Read events',
    ]) {
      assert.ok(page.body.includes(text), text);
    }
    const fields = formFields(page.body);
    assert.equal(fields.tenant_id, setup.tenantId);
    assert.equal(fields.resource, RESOURCE);
    assert.equal(fields.csrf_token, setup.owner.csrfToken);
  });

  it("names the scopes the tenant's plan does not entitle", async () => {
    const setup = await installable(t, { plan: 'pro', scopes: ['bookings:read', 'bookings:write'] });
    await patchTenant(t, setup.tenantId, { plan: 'free' });
    const { challenge } = pkce();
    const page = await getAuthorize(
      t,
      authorizeQuery(setup.client.id, challenge, { scope: 'bookings:read bookings:write' }),
      setup.owner,
    );
    assert.match(page.body, /Free plan of .* does not include: <code>bookings:write<\/code>/);
  });

  it('a viewer cannot approve: no approve button, and a forged approval is refused', async () => {
    const setup = await installable(t);
    const viewer = await handoffBrowser(t, setup.tenantId, 'viewer');
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), viewer);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /value="approve"/);
    const forged = await postDecision(t, viewer, {
      ...formFields(page.body),
      tenant_id: setup.tenantId,
      decision: 'approve',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.headers.location, undefined);
  });

  it('a user in several workspaces chooses among those where they may approve', async () => {
    const setup = await installable(t);
    const viewer = await handoffBrowser(t, setup.tenantId, 'viewer');
    // The app is private to its tenant: the owner's other workspaces are not offered.
    const other = await installable(t);
    await addMember(t, other.tenantId, setup.owner.userId, 'owner');
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), setup.owner);
    assert.equal(formFields(page.body).tenant_id, setup.tenantId);
    assert.ok(!page.body.includes(other.tenantId));
    assert.ok(viewer);
  });
});

describe('authorize: the decision', () => {
  it('approve: 303 to the redirect URI with code, state and iss; an installation and its activity row', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), setup.owner);
    const answer = await postDecision(t, setup.owner, { ...formFields(page.body), decision: 'approve' });
    assert.equal(answer.statusCode, 303);
    const params = redirectParams(answer);
    assert.match(String(params.get('code')), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(params.get('state'), 'xyz-state');
    assert.equal(params.get('iss'), t.context.oauth.issuer);
    const list = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
    });
    const [installation] = list.json<{
      items: { id: string; clientId: string; scopes: string[]; approvedBy: string }[];
    }>().items;
    assert.partialDeepStrictEqual(installation, {
      clientId: setup.client.id,
      scopes: ['bookings:read'],
      approvedBy: setup.owner.userId,
    });
    const [approved] = await activity(t, setup.tenantId, 'installation.approved');
    assert.partialDeepStrictEqual(approved, {
      actor: { type: 'user', id: setup.owner.userId },
      target: { type: 'installation', id: installation?.id },
    });
    // A second approval renews the same installation.
    await approve(t, setup, pkce(), { scope: 'bookings:read events:read' });
    const again = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
    });
    assert.deepEqual(
      again.json<{ items: { id: string; scopes: string[] }[] }>().items.map((item) => [item.id, item.scopes]),
      [[installation?.id, ['bookings:read', 'events:read']]],
    );
  });

  it('deny: 303 with error=access_denied, state and iss; nothing installed', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), setup.owner);
    const answer = await postDecision(t, setup.owner, { ...formFields(page.body), decision: 'deny' });
    const params = redirectParams(answer);
    assert.deepEqual(
      [params.get('error'), params.get('state'), params.get('iss'), params.get('code')],
      ['access_denied', 'xyz-state', t.context.oauth.issuer, null],
    );
    const list = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${setup.tenantId}/installations`,
    });
    assert.deepEqual(list.json<{ items: unknown[] }>().items, []);
  });

  it('a post without the CSRF token, with a wrong one, or from another origin is refused with no redirect', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), setup.owner);
    const fields: Record<string, string> = { ...formFields(page.body), decision: 'approve' };
    const withoutToken = { ...fields };
    delete withoutToken.csrf_token;
    for (const [body, headers] of [
      [withoutToken, { origin: originOf(t) }],
      [{ ...fields, csrf_token: 'x'.repeat(43) }, { origin: originOf(t) }],
      [fields, { origin: 'https://evil.example' }],
      [fields, { 'sec-fetch-site': 'cross-site' }],
      [fields, {}],
    ] as const) {
      const refused = await postDecision(t, setup.owner, body, headers);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.headers.location, undefined);
    }
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/platform/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: originOf(t) },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(unsigned.statusCode, 401);
  });

  it('a tampered form is checked again: another redirect URI is a page', async () => {
    const setup = await installable(t);
    const { challenge } = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, challenge), setup.owner);
    const tampered = await postDecision(t, setup.owner, {
      ...formFields(page.body),
      redirect_uri: 'https://evil.example/cb',
      decision: 'approve',
    });
    assertErrorPage(tampered);
  });
});

describe('public apps', () => {
  it('only the platform makes an app public; then every tenant where the user may approve is offered', async () => {
    const setup = await installable(t);
    const appId = setup.client.appId as string;
    const appUrl = `/api/v1/tenants/${setup.tenantId}/apps/${appId}`;
    const byOwner = await asBrowser(t, setup.owner, {
      method: 'PATCH',
      url: appUrl,
      payload: { visibility: 'public' },
    });
    assert.equal(byOwner.statusCode, 403, byOwner.body);
    const byPlatform = await asPlatform(t, {
      method: 'PATCH',
      url: appUrl,
      payload: { visibility: 'public' },
    });
    assert.equal(byPlatform.json<{ visibility: string }>().visibility, 'public');

    const other = await installable(t);
    const viewerOnly = await installable(t);
    await addMember(t, other.tenantId, setup.owner.userId, 'manager');
    await addMember(t, viewerOnly.tenantId, setup.owner.userId, 'viewer');
    const verifier = pkce();
    const page = await getAuthorize(t, authorizeQuery(setup.client.id, verifier.challenge), setup.owner);
    assert.match(page.body, /Install into which workspace\?/);
    assert.ok(page.body.includes(`value="${setup.tenantId}"`));
    assert.ok(page.body.includes(`value="${other.tenantId}"`));
    assert.ok(!page.body.includes(`value="${viewerOnly.tenantId}"`));

    const answer = await postDecision(t, setup.owner, {
      ...formFields(page.body),
      tenant_id: other.tenantId,
      decision: 'approve',
    });
    const code = redirectParams(answer).get('code') as string;
    const token = await redeem(t, setup, code, verifier.verifier);
    assert.equal(token.statusCode, 200, token.body);
    const accessToken = token.json<{ access_token: string }>().access_token;
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${t.verifierKey}` },
      payload: { key: accessToken },
    });
    assert.partialDeepStrictEqual(verified.json(), { valid: true, tenantId: other.tenantId });
    const installations = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${other.tenantId}/installations`,
    });
    assert.equal(installations.json<{ items: { clientId: string }[] }>().items[0]?.clientId, setup.client.id);
    // The app's client introspects its own token in the other tenant.
    const introspected = await postForm(
      t,
      'introspect',
      { token: accessToken },
      { basic: { client_id: setup.client.client_id, client_secret: setup.client.client_secret } },
    );
    assert.partialDeepStrictEqual(introspected.json(), { active: true, tenant: other.tenantId });
  });
});
