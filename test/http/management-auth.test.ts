import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ManagementPermission,
  managementPermissionNames,
} from '../../src/core/management-permissions.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createKeyPair, m2mToken } from './management-support.ts';
import { assertProblem, keysUrl } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

/** One read route per management route family, with the permission each family states. */
const families: [ManagementPermission, (tenantId: string) => string][] = [
  ['manage:keys', (id) => keysUrl(id)],
  ['read:audit', (id) => `/api/v1/tenants/${id}/audit/activity`],
  ['read:audit', (id) => `/api/v1/tenants/${id}/audit/requests`],
  ['read:tenant', (id) => `/api/v1/tenants/${id}`],
  ['manage:management-keys', (id) => `/api/v1/tenants/${id}/management-keys`],
  ['manage:apps', (id) => `/api/v1/tenants/${id}/apps`],
  ['manage:clients', (id) => `/api/v1/tenants/${id}/clients`],
];

type Kind = 'key pair' | 'M2M token';
/** The headers of a tenant credential of either kind holding `permissions`. */
async function credential(kind: Kind, tenantId: string, permissions: readonly ManagementPermission[]) {
  if (kind === 'key pair') return (await createKeyPair(t, tenantId, permissions)).headers;
  return { authorization: (await m2mToken(t, tenantId, permissions)).authorization };
}
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

describe('management auth: each route family states its permission', () => {
  for (const kind of ['key pair', 'M2M token'] as const) {
    for (const [permission, url] of families) {
      it(`${url(':tenantId')} with a ${kind}: ${permission} → 200, without → 403, another tenant → 404`, async () => {
        const tenantId = await createTenant(t);
        const other = await createTenant(t);
        assert.equal(
          (await get(url(tenantId), await credential(kind, tenantId, [permission]))).statusCode,
          200,
        );
        const rest = managementPermissionNames.filter((name) => name !== permission);
        const refused = assertProblem(
          await get(url(tenantId), await credential(kind, tenantId, rest)),
          403,
          'insufficient_scope',
        );
        assert.deepEqual(refused.missingScopes, [permission]);
        const elsewhere = await get(url(tenantId), await credential(kind, other, managementPermissionNames));
        assertProblem(elsewhere, 404, 'not_found');
        assert.equal(elsewhere.body.includes(tenantId), false);
      });
    }
  }
});

describe('management auth: platform-only routes', () => {
  const routes: [string, string, object?][] = [
    ['POST', '/api/v1/tenants', { name: 'x' }],
    ['GET', '/api/v1/tenants'],
    ['GET', '/api/v1/platform/keys'],
    ['POST', '/api/v1/verify', { key: 'sk_live_x' }],
  ];
  it('refuse tenant credentials with every permission: 403 naming what is needed, PATCH of the own tenant included', async () => {
    const tenantId = await createTenant(t);
    const all = [...managementPermissionNames];
    const patch: [string, string, object?] = ['PATCH', `/api/v1/tenants/${tenantId}`, { status: 'active' }];
    for (const kind of ['key pair', 'M2M token'] as const) {
      const headers = await credential(kind, tenantId, all);
      for (const [method, url, payload] of [...routes, patch]) {
        const response = await t.app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(payload ? { payload } : {}),
        });
        const problem = assertProblem(response, 403, 'insufficient_scope');
        assert.deepEqual(problem.missingScopes, [url === '/api/v1/verify' ? 'verify' : 'manage']);
        assert.match(String(response.headers['www-authenticate']), /error="insufficient_scope"/);
      }
    }
  });
});

describe('management auth: key pairs', () => {
  it("a suspended tenant's key pair and token get 401; resuming the tenant lets them in again", async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const { authorization } = await m2mToken(t, tenantId, ['manage:keys']);
    const setStatus = (status: string) =>
      asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload: { status } });
    await setStatus('suspended');
    assertProblem(await get(keysUrl(tenantId), pair.headers), 401, 'invalid_credential');
    assertProblem(await get(keysUrl(tenantId), { authorization }), 401, 'invalid_credential');
    await setStatus('active');
    assert.equal((await get(keysUrl(tenantId), pair.headers)).statusCode, 200);
    assert.equal((await get(keysUrl(tenantId), { authorization })).statusCode, 200);
  });

  it('half a pair, a malformed part or a secret of another kind → 401 with a challenge', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const cases: Record<string, string>[] = [
      { 'x-api-key': pair.apiKey },
      { 'x-api-secret': pair.apiSecret },
      { 'x-api-key': pair.apiKey, 'x-api-secret': '' },
      {
        'x-api-key': pair.apiKey,
        'x-api-secret': `${pair.apiSecret.slice(0, -1)}${pair.apiSecret.endsWith('x') ? 'y' : 'x'}`,
      },
      { 'x-api-key': pair.apiKey, 'x-api-secret': t.platformKey },
      { 'x-api-key': pair.apiKey.toLowerCase(), 'x-api-secret': pair.apiSecret },
      { 'x-api-key': `${pair.apiKey} `, 'x-api-secret': 'x'.repeat(5000) },
      { 'x-api-key': pair.apiSecret, 'x-api-secret': pair.apiKey },
    ];
    for (const headers of cases) {
      const response = await get(keysUrl(tenantId), headers);
      assertProblem(response, 401, 'invalid_credential');
      assert.match(String(response.headers['www-authenticate']), /error="invalid_token"/);
    }
  });

  it('two credentials at once are refused (400), even when both are good (RFC 6750 §3.1)', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const response = await get(keysUrl(tenantId), {
      ...pair.headers,
      authorization: `Bearer ${t.platformKey}`,
    });
    assertProblem(response, 400, 'bad_request');
  });

  it('an action by a key pair is recorded with the pair as its actor', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys', 'read:audit']);
    const created = await t.app.inject({
      method: 'POST',
      url: keysUrl(tenantId),
      headers: pair.headers,
      payload: { name: 'k' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const feed = await get(`/api/v1/tenants/${tenantId}/audit/activity?action=key.created`, pair.headers);
    const [row] = feed.json<{ items: { actor: { type: string; id: string } }[] }>().items;
    assert.partialDeepStrictEqual(row?.actor, { type: 'management_key', id: pair.id });
  });
});
