import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureConsoleBuilt } from '../../src/console/build.ts';
import {
  type ManagementPermission,
  managementPermissionNames,
} from '../../src/core/management-permissions.ts';
import { guides } from '../../src/http/docs/guides.ts';
import { createTenant, type TestApp } from '../support/app.ts';
import { startRecordingRoutes } from '../support/routes.ts';
import { createKeyPair, m2mToken } from './management-support.ts';
import { type Browser, handoffBrowser } from './people-support.ts';
import { assertProblem } from './support.ts';

/**
 * Who may call what, route by route: the one table the suite checks every principal kind against. A route
 * the app registers without an entry here fails the first test, so a new route cannot skip these cases.
 */
type Access =
  | { public: true }
  | { platform: 'manage' | 'verify' }
  | { tenant: ManagementPermission }
  /** A runtime API key or access token of its own (whoami). */
  | { runtime: true }
  /** OAuth client authentication, answered in RFC 6749 form. */
  | { oauth: true }
  /** Only a console session (the cookie): `/api/v1/session`, `/api/v1/me/…`. */
  | { session: true }
  /** No credential: a single-use token in the path or body is the credential (hand-off, invitation). */
  | { token: true }
  /** The password sign-in itself. */
  | { signIn: true }
  /** No credential: answered with a redirect to this location (`/` → the docs). */
  | { redirect: string }
  /** The authorization endpoint: HTML for a browser, the session cookie once the request is known good. */
  | { consent: true }
  /** Dynamic client registration: open, gated by an initial access token, or off (the default). */
  | { registration: true };

const PUBLIC = { public: true } as const;
const OAUTH = { oauth: true } as const;
const MANAGE = { platform: 'manage' } as const;
const SESSION = { session: true } as const;
const MEMBERS = { tenant: 'manage:members' } as const;

/** A body each route accepts, so that a refusal can only be about the credential. */
const BODIES: Record<string, object> = {
  'POST /api/v1/tenants': { name: 'Tenant' },
  'PATCH /api/v1/tenants/:tenantId': { name: 'Tenant' },
  'POST /api/v1/tenants/:tenantId/keys': { name: 'Key' },
  'POST /api/v1/tenants/:tenantId/apps': { name: 'App' },
  'PATCH /api/v1/tenants/:tenantId/apps/:appId': { name: 'App' },
  'POST /api/v1/tenants/:tenantId/clients': { name: 'Client', scopes: ['bookings:read'] },
  'PATCH /api/v1/tenants/:tenantId/clients/:clientId': { status: 'active' },
  'PATCH /api/v1/tenants/:tenantId/keys/:keyId': { name: 'Renamed' },
  'POST /api/v1/tenants/:tenantId/management-keys': { name: 'Pair', permissions: ['read:tenant'] },
  'POST /api/v1/platform/keys': { name: 'Key', permissions: ['verify'] },
  'POST /api/v1/verify': { key: 'sk_live_notakey' },
  'POST /api/v1/users': { email: 'route-access@example.com', name: 'Someone' },
  'PATCH /api/v1/users/:userId': { name: 'Someone' },
  'POST /api/v1/tenants/:tenantId/members': { userId: 'usr_00000000000000000000', role: 'viewer' },
  'PATCH /api/v1/tenants/:tenantId/members/:userId': { role: 'viewer' },
  'POST /api/v1/tenants/:tenantId/invitations': { email: 'invitee@example.com', role: 'viewer' },
  'POST /api/v1/tenants/:tenantId/console-sessions': {
    user: { externalId: 'route-access', email: 'handed@example.com', name: 'Operator' },
    role: 'viewer',
  },
  'POST /api/v1/session': { email: 'nobody@example.com', password: 'not the password' },
  'POST /api/v1/me/tokens': { name: 'Token', scopes: ['bookings:read'] },
  'POST /api/v1/invitations/accept': { token: 'A'.repeat(43) },
  'POST /api/v1/tenants/:tenantId/webhooks/endpoints': { url: 'https://93.184.215.14/hook', events: ['*'] },
  'PATCH /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId': { description: 'Endpoint' },
  'POST /api/v1/tenants/:tenantId/events': { type: 'booking.created', mode: 'live', data: {} },
};

const ACCESS: Record<string, Access> = {
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  // Public by default; `metrics.token` puts a bearer token in front of it (test/http/metrics.test.ts).
  'GET /metrics': PUBLIC,
  'GET /api/v1/scopes': PUBLIC,
  'GET /api/v1/management-permissions': PUBLIC,
  'GET /api/v1/plans': PUBLIC,
  'GET /openapi.json': PUBLIC,
  // The docs (src/http/routes/docs.ts): `/` and `/docs` lead to the API reference at `/docs/` (Scalar's page and
  // bundle), then the guides, one page and one markdown file each, the error reference and llms.txt.
  'GET /': { redirect: '/docs/' },
  'GET /docs': { redirect: '/docs/' },
  'GET /docs/': PUBLIC,
  'GET /docs/js/scalar.js': PUBLIC,
  'GET /docs/guides': PUBLIC,
  'GET /docs/guides/': { redirect: '/docs/guides' },
  ...Object.fromEntries(
    guides.flatMap((guide) => [
      [`GET /docs/guides/${guide.slug}`, PUBLIC],
      [`GET /docs/guides/${guide.slug}.md`, PUBLIC],
    ]),
  ),
  'GET /docs/errors': PUBLIC,
  'GET /docs/errors.md': PUBLIC,
  'GET /llms.txt': PUBLIC,
  // The console's page, whatever the path under it (its router shows the screen); its assets are
  // test/http/console.test.ts's, since their names change with every build.
  'GET /console': PUBLIC,
  'GET /console/*': PUBLIC,
  'GET /.well-known/jwks.json': PUBLIC,
  'GET /.well-known/oauth-authorization-server': PUBLIC,
  'OPTIONS /.well-known/jwks.json': OAUTH,
  'OPTIONS /.well-known/oauth-authorization-server': OAUTH,
  'POST /api/v1/tenants': MANAGE,
  'GET /api/v1/tenants': MANAGE,
  'GET /api/v1/tenants/:tenantId': { tenant: 'read:tenant' },
  'PATCH /api/v1/tenants/:tenantId': MANAGE,
  'POST /api/v1/tenants/:tenantId/keys': { tenant: 'manage:keys' },
  'GET /api/v1/tenants/:tenantId/keys': { tenant: 'manage:keys' },
  'GET /api/v1/tenants/:tenantId/keys/:keyId': { tenant: 'manage:keys' },
  'DELETE /api/v1/tenants/:tenantId/keys/:keyId': { tenant: 'manage:keys' },
  'PATCH /api/v1/tenants/:tenantId/keys/:keyId': { tenant: 'manage:keys' },
  'POST /api/v1/tenants/:tenantId/keys/:keyId/roll': { tenant: 'manage:keys' },
  'POST /api/v1/tenants/:tenantId/apps': { tenant: 'manage:apps' },
  'GET /api/v1/tenants/:tenantId/apps': { tenant: 'manage:apps' },
  'GET /api/v1/tenants/:tenantId/apps/:appId': { tenant: 'manage:apps' },
  'PATCH /api/v1/tenants/:tenantId/apps/:appId': { tenant: 'manage:apps' },
  'DELETE /api/v1/tenants/:tenantId/apps/:appId': { tenant: 'manage:apps' },
  'GET /api/v1/tenants/:tenantId/installations': { tenant: 'manage:apps' },
  'GET /api/v1/tenants/:tenantId/installations/:installationId': { tenant: 'manage:apps' },
  'DELETE /api/v1/tenants/:tenantId/installations/:installationId': { tenant: 'manage:apps' },
  'POST /api/v1/tenants/:tenantId/clients': { tenant: 'manage:clients' },
  'GET /api/v1/tenants/:tenantId/clients': { tenant: 'manage:clients' },
  'GET /api/v1/tenants/:tenantId/clients/:clientId': { tenant: 'manage:clients' },
  'PATCH /api/v1/tenants/:tenantId/clients/:clientId': { tenant: 'manage:clients' },
  'DELETE /api/v1/tenants/:tenantId/clients/:clientId': { tenant: 'manage:clients' },
  'POST /api/v1/tenants/:tenantId/clients/:clientId/rotate-secret': { tenant: 'manage:clients' },
  'POST /api/v1/tenants/:tenantId/management-keys': { tenant: 'manage:management-keys' },
  'GET /api/v1/tenants/:tenantId/management-keys': { tenant: 'manage:management-keys' },
  'GET /api/v1/tenants/:tenantId/management-keys/:keyId': { tenant: 'manage:management-keys' },
  'DELETE /api/v1/tenants/:tenantId/management-keys/:keyId': { tenant: 'manage:management-keys' },
  'GET /api/v1/webhooks/event-types': PUBLIC,
  'POST /api/v1/tenants/:tenantId/webhooks/endpoints': { tenant: 'manage:webhooks' },
  'GET /api/v1/tenants/:tenantId/webhooks/endpoints': { tenant: 'manage:webhooks' },
  'GET /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId': { tenant: 'manage:webhooks' },
  'PATCH /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId': { tenant: 'manage:webhooks' },
  'DELETE /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId': { tenant: 'manage:webhooks' },
  'POST /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId/rotate-secret': {
    tenant: 'manage:webhooks',
  },
  'POST /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId/test': { tenant: 'manage:webhooks' },
  'GET /api/v1/tenants/:tenantId/webhooks/endpoints/:endpointId/deliveries': { tenant: 'manage:webhooks' },
  'POST /api/v1/tenants/:tenantId/webhooks/deliveries/:deliveryId/retry': { tenant: 'manage:webhooks' },
  'POST /api/v1/tenants/:tenantId/events': { tenant: 'manage:webhooks' },
  'GET /api/v1/tenants/:tenantId/audit/requests': { tenant: 'read:audit' },
  'GET /api/v1/tenants/:tenantId/audit/activity': { tenant: 'read:audit' },
  'GET /api/v1/tenants/:tenantId/usage': { tenant: 'read:audit' },
  'GET /api/v1/platform/audit/activity': MANAGE,
  'POST /api/v1/platform/keys': MANAGE,
  'GET /api/v1/platform/keys': MANAGE,
  'DELETE /api/v1/platform/keys/:keyId': MANAGE,
  'POST /api/v1/platform/signing-keys/rotate': MANAGE,
  'POST /api/v1/verify': { platform: 'verify' },
  'GET /api/v1/whoami': { runtime: true },
  'GET /api/v1/platform/oauth/authorize': { consent: true },
  'POST /api/v1/platform/oauth/authorize': { consent: true },
  'POST /api/v1/platform/oauth/register': { registration: true },
  'OPTIONS /api/v1/platform/oauth/register': OAUTH,
  'POST /api/v1/platform/oauth/token': OAUTH,
  'OPTIONS /api/v1/platform/oauth/token': OAUTH,
  'POST /api/v1/platform/oauth/introspect': OAUTH,
  'OPTIONS /api/v1/platform/oauth/introspect': OAUTH,
  'POST /api/v1/platform/oauth/revoke': OAUTH,
  'OPTIONS /api/v1/platform/oauth/revoke': OAUTH,
  'POST /api/v1/users': MANAGE,
  'GET /api/v1/users': MANAGE,
  'GET /api/v1/users/:userId': MANAGE,
  'PATCH /api/v1/users/:userId': MANAGE,
  'DELETE /api/v1/users/:userId/sessions': MANAGE,
  'POST /api/v1/tenants/:tenantId/members': MEMBERS,
  'GET /api/v1/tenants/:tenantId/members': MEMBERS,
  'PATCH /api/v1/tenants/:tenantId/members/:userId': MEMBERS,
  'DELETE /api/v1/tenants/:tenantId/members/:userId': MEMBERS,
  'POST /api/v1/tenants/:tenantId/invitations': MEMBERS,
  'GET /api/v1/tenants/:tenantId/invitations': MEMBERS,
  'DELETE /api/v1/tenants/:tenantId/invitations/:invitationId': MEMBERS,
  'POST /api/v1/tenants/:tenantId/console-sessions': MANAGE,
  'POST /api/v1/session': { signIn: true },
  'GET /api/v1/session': SESSION,
  'DELETE /api/v1/session': SESSION,
  'GET /api/v1/me/sessions': SESSION,
  'DELETE /api/v1/me/sessions': SESSION,
  'POST /api/v1/me/tokens': SESSION,
  'GET /api/v1/me/tokens': SESSION,
  'GET /api/v1/me/tokens/:tokenId': SESSION,
  'DELETE /api/v1/me/tokens/:tokenId': SESSION,
  'GET /api/v1/me/tokens/:tokenId/requests': SESSION,
  'GET /api/v1/console-sessions/:token': { token: true },
  'POST /api/v1/invitations/accept': { token: true },
};

let t: TestApp;
let routes: Map<string, Set<string>>;
let tenantId: string;
/** A personal access token of an owner of the test tenant: a runtime credential, never a management one. */
let personalToken: string;
before(async () => {
  await ensureConsoleBuilt();
  ({ t, routes } = await startRecordingRoutes());
  tenantId = await createTenant(t, { plan: 'scale' });
  const owner = await handoffBrowser(t, tenantId, 'owner');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/me/tokens',
    headers: owner.write,
    payload: { name: 'Token', scopes: ['read:entities'] },
  });
  personalToken = created.json<{ token: string }>().token;
});
after(() => t.close());

/** The route's URL on the test tenant; other ids are well-formed but name nothing. */
const urlOf = (path: string, tenant = tenantId) =>
  path
    .replace(':tenantId', tenant)
    .replace(':keyId', 'key_00000000000000000000')
    .replace(':appId', 'app_00000000000000000000')
    .replace(':clientId', 'cl_00000000000000000000')
    .replace(':userId', 'usr_00000000000000000000')
    .replace(':invitationId', 'inv_00000000000000000000')
    .replace(':tokenId', 'tok_00000000000000000000')
    .replace(':token', 'A'.repeat(43))
    .replace(':endpointId', 'ep_00000000000000000000')
    .replace(':deliveryId', 'dlv_00000000000000000000');

type Headers = Record<string, string>;

/** The principal kinds every protected route is called with. */
interface Principals {
  platform: Headers;
  verifier: Headers;
  /** Key pairs and M2M tokens of the route's tenant, with every permission, and with all but one. */
  tenant: (kind: 'pair' | 'token', permissions: readonly ManagementPermission[]) => Promise<Headers>;
  otherTenant: (kind: 'pair' | 'token') => Promise<Headers>;
}

function principals(): Principals {
  const tenantCredential = async (
    kind: 'pair' | 'token',
    tenant: string,
    permissions: readonly ManagementPermission[],
  ): Promise<Headers> =>
    kind === 'pair'
      ? (await createKeyPair(t, tenant, permissions)).headers
      : { authorization: (await m2mToken(t, tenant, permissions)).authorization };
  return {
    platform: { authorization: `Bearer ${t.platformKey}` },
    verifier: { authorization: `Bearer ${t.verifierKey}` },
    tenant: (kind, permissions) => tenantCredential(kind, tenantId, permissions),
    otherTenant: async (kind) => tenantCredential(kind, await createTenant(t), managementPermissionNames),
  };
}

function call(method: string, path: string, headers: Headers = {}, tenant = tenantId) {
  const body = BODIES[`${method} ${path}`];
  return t.app.inject({
    method: method as 'GET',
    url: urlOf(path, tenant),
    headers,
    ...(body === undefined ? {} : { payload: body }),
  });
}

/** Past the credential check: any answer but 401 and 403 (a 404 for the made-up ids, a 422 for the body). */
function assertReached(response: { statusCode: number; body: string }, what: string): void {
  assert.ok(![401, 403].includes(response.statusCode), `${what}: ${response.statusCode} ${response.body}`);
}

describe('route access: one table for every route', () => {
  it('every registered route has an entry, and every entry a route', () => {
    const registered = [...routes]
      .filter(([url]) => !url.startsWith('/console/assets/'))
      .flatMap(([url, methods]) =>
        [...methods].filter((method) => method !== 'HEAD').map((method) => `${method} ${url}`),
      );
    assert.deepEqual(registered.sort(), Object.keys(ACCESS).sort());
  });

  for (const [route, access] of Object.entries(ACCESS)) {
    const [method, path] = route.split(' ') as [string, string];
    if ('public' in access) {
      it(`${route}: public, answered without a credential`, async () => {
        assert.equal((await call(method, path)).statusCode, 200);
      });
      continue;
    }
    if ('redirect' in access) {
      it(`${route}: public, a redirect to ${access.redirect}`, async () => {
        const answer = await call(method, path);
        assert.ok([301, 302, 303].includes(answer.statusCode), String(answer.statusCode));
        assert.equal(answer.headers.location, access.redirect);
      });
      continue;
    }
    if ('runtime' in access) {
      it(`${route}: only a runtime credential of its own; a platform key is not one`, async () => {
        const missing = await call(method, path);
        assertProblem(missing, 401, 'invalid_credential');
        assert.doesNotMatch(String(missing.headers['www-authenticate']), /error=/);
        for (const authorization of ['Bearer not-a-credential', `Bearer ${t.platformKey}`]) {
          const refused = await call(method, path, { authorization });
          assertProblem(refused, 401, 'invalid_credential');
          assert.match(String(refused.headers['www-authenticate']), /error="invalid_token"/);
        }
      });
      continue;
    }
    if ('token' in access || 'signIn' in access) {
      it(`${route}: no credential; a made-up token or password is refused`, async () => {
        const refused = await call(method, path);
        assert.equal(refused.statusCode, 'token' in access ? 404 : 401, refused.body);
      });
      continue;
    }
    if ('session' in access) {
      it(`${route}: only a console session; no cookie or any other credential → 401`, async () => {
        for (const headers of [{}, { authorization: `Bearer ${t.platformKey}` }]) {
          const refused = await call(method, path, headers);
          assertProblem(refused, 401, 'invalid_credential');
          assert.match(String(refused.headers['www-authenticate']), /^Cookie realm="portcullis"/);
        }
        const browser = await handoffBrowser(t, tenantId, 'viewer');
        assertReached(await call(method, path, method === 'GET' ? browser.read : browser.write), 'a session');
      });
      continue;
    }
    if ('registration' in access) {
      it(`${route}: off by default, whatever the credential (test/http/oauth-register.test.ts)`, async () => {
        for (const headers of [{}, { authorization: `Bearer ${t.platformKey}` }]) {
          const refused = await t.app.inject({ method: 'POST', url: path, headers, payload: {} });
          assert.equal(refused.statusCode, 403, refused.body);
        }
      });
      continue;
    }
    if ('consent' in access) {
      it(`${route}: a page for a browser; no other credential counts (test/http/oauth-authorize.test.ts)`, async () => {
        const headers = { authorization: `Bearer ${t.platformKey}` };
        if (method === 'GET') {
          // No client named: an error page, whatever credential came with it.
          const page = await call(method, path, headers);
          assert.equal(page.statusCode, 400, page.body);
          assert.match(String(page.headers['content-type']), /^text\/html/);
          return;
        }
        const refused = await t.app.inject({
          method: 'POST',
          url: path,
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'decision=approve',
        });
        assert.equal(refused.statusCode, 401, refused.body);
      });
      continue;
    }
    if ('oauth' in access) {
      it(`${route}: ${method === 'OPTIONS' ? 'a preflight needs no credential' : 'client authentication, in RFC 6749 form'}`, async () => {
        if (method === 'OPTIONS') {
          assert.equal((await call(method, path)).statusCode, 204);
          return;
        }
        for (const headers of [
          {},
          { authorization: `Bearer ${t.platformKey.slice(0, -1)}${t.platformKey.endsWith('x') ? 'y' : 'x'}` },
        ]) {
          const refused = await t.app.inject({
            method: 'POST',
            url: path,
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'grant_type=client_credentials&token=x',
          });
          assert.equal(refused.statusCode, 401, refused.body);
          assert.equal(refused.json<{ error: string }>().error, 'invalid_client');
        }
      });
      continue;
    }
    if (!('platform' in access || 'tenant' in access)) continue;

    it(`${route}: no credential → 401 with a bare challenge; a bad one → 401 invalid_token`, async () => {
      const missing = await call(method, path);
      assertProblem(missing, 401, 'invalid_credential');
      assert.doesNotMatch(String(missing.headers['www-authenticate']), /error=/);
      for (const authorization of ['Bearer not-a-credential', `Bearer ${personalToken}`]) {
        const bad = await call(method, path, { authorization });
        assertProblem(bad, 401, 'invalid_credential');
        assert.match(String(bad.headers['www-authenticate']), /error="invalid_token"/);
      }
    });

    it(`${route}: the platform keys`, async () => {
      const who = principals();
      assertReached(await call(method, path, who.platform), 'a full platform key');
      const verifier = await call(method, path, who.verifier);
      if ('platform' in access && access.platform === 'verify') assertReached(verifier, 'a verify key');
      else assert.deepEqual(assertProblem(verifier, 403, 'insufficient_scope').missingScopes, ['manage']);
    });

    it(`${route}: console sessions`, async () => {
      const owner = await handoffBrowser(t, tenantId, 'owner');
      const headersOf = (browser: Browser) => (method === 'GET' ? browser.read : browser.write);
      if ('platform' in access) {
        const refused = await call(method, path, headersOf(owner));
        // Verify reads no cookie (its pipeline runs before the framework): a session is no credential there.
        if (access.platform === 'verify') assertProblem(refused, 401, 'invalid_credential');
        else
          assert.deepEqual(assertProblem(refused, 403, 'insufficient_scope').missingScopes, [
            access.platform,
          ]);
        return;
      }
      assertReached(await call(method, path, headersOf(owner)), 'an owner');
      // A viewer reads everything and changes nothing.
      const viewer = await call(method, path, headersOf(await handoffBrowser(t, tenantId, 'viewer')));
      if (method === 'GET') assertReached(viewer, 'a viewer reading');
      else assert.deepEqual(assertProblem(viewer, 403, 'insufficient_scope').missingScopes, [access.tenant]);
      const elsewhere = await handoffBrowser(t, await createTenant(t), 'owner');
      assertProblem(await call(method, path, headersOf(elsewhere)), 404, 'not_found');
    });

    for (const kind of ['pair', 'token'] as const) {
      it(`${route}: tenant ${kind === 'pair' ? 'key pairs' : 'M2M tokens'}`, async () => {
        const who = principals();
        const all = await who.tenant(kind, managementPermissionNames);
        if ('platform' in access) {
          // A tenant credential never reaches a platform route, whatever it holds: 403, naming what is needed.
          const refused = assertProblem(await call(method, path, all), 403, 'insufficient_scope');
          assert.deepEqual(refused.missingScopes, [access.platform]);
          return;
        }
        assertReached(await call(method, path, all), 'every permission');
        const others = managementPermissionNames.filter((name) => name !== access.tenant);
        const lacking = await call(method, path, await who.tenant(kind, others));
        assert.deepEqual(assertProblem(lacking, 403, 'insufficient_scope').missingScopes, [access.tenant]);
        // Another tenant's credential learns nothing of this tenant: as if it did not exist.
        assertProblem(await call(method, path, await who.otherTenant(kind)), 404, 'not_found');
      });
    }
  }
});
