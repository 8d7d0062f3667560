import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { asKeyPair, createKeyPair, managementKeysUrl } from './management-support.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem, keysUrl } from './support.ts';

// Happy and error cases are in management-keys.test.ts.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const list = (tenantId: string, query = '') =>
  asPlatform(t, { method: 'GET', url: `${managementKeysUrl(tenantId)}${query}` });

describe('management keys: security', () => {
  it('a pair cannot grant a permission it does not hold (403, missingScopes); nothing is written', async () => {
    const tenantId = await createTenant(t);
    const admin = await createKeyPair(t, tenantId, ['manage:management-keys']);
    const response = await asKeyPair(t, admin, {
      method: 'POST',
      url: managementKeysUrl(tenantId),
      payload: { name: 'stronger', permissions: ['manage:management-keys', 'manage:keys', 'read:audit'] },
    });
    const problem = assertProblem(response, 403, 'insufficient_scope');
    assert.deepEqual(problem.missingScopes, ['manage:keys', 'read:audit']);
    assert.equal((await list(tenantId)).json<{ items: unknown[] }>().items.length, 1);
  });

  it("tenant B's pair read under tenant A's path is 404; the secret never works as a bearer key", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const bPair = await createKeyPair(t, b, ['manage:keys']);
    const response = await asPlatform(t, { method: 'GET', url: `${managementKeysUrl(a)}/${bPair.id}` });
    assertProblem(response, 404, 'not_found');
    assert.equal(response.body.includes(bPair.id), false);
    for (const authorization of [`Bearer ${bPair.apiSecret}`, `ApiKey ${bPair.apiSecret}`]) {
      const asBearer = await t.app.inject({ method: 'GET', url: keysUrl(b), headers: { authorization } });
      assertProblem(asBearer, 401, 'invalid_credential');
    }
  });

  const app = () => t;
  const path = '/api/v1/tenants/:tenantId/management-keys';
  const tenantUrl = async (s: TestApp) => managementKeysUrl(await createTenant(s));
  const oneKey = async (s: TestApp) => {
    const tenantId = await createTenant(s);
    return `${managementKeysUrl(tenantId)}/${(await createKeyPair(s, tenantId, ['read:tenant'])).id}`;
  };
  // The credential's own last-use stamp moves on any authenticated call, refused or not: leave it out.
  const snapshot = async (s: TestApp, url: string) =>
    (await asPlatform(s, { method: 'GET', url })).body.replace(/"lastUsedAt":("[^"]*"|null)/g, '');
  const tenantPermission = 'manage:management-keys';
  securityCases(app, {
    method: 'POST',
    path,
    url: tenantUrl,
    body: { name: 'x', permissions: [tenantPermission] },
    okStatus: 201,
    snapshot,
    tenantPermission,
  });
  securityCases(app, { method: 'GET', path, url: tenantUrl, okStatus: 200, tenantPermission });
  securityCases(app, { method: 'GET', path: `${path}/:keyId`, url: oneKey, okStatus: 200, tenantPermission });
  securityCases(app, {
    method: 'DELETE',
    path: `${path}/:keyId`,
    url: oneKey,
    okStatus: 200,
    snapshot,
    tenantPermission,
  });
});
