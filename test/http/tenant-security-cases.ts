import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  type ManagementPermission,
  managementPermissionNames,
} from '../../src/core/management-permissions.ts';
import { createTenant, type TestApp } from '../support/app.ts';
import { createKeyPair, m2mToken, revokeKeyPair, tenantInUrl } from './management-support.ts';
import type { CaseTools, ProtectedRoute } from './security-cases.ts';

/**
 * The standard cases for tenant-scoped credentials on a management route, for key pairs and M2M tokens
 * alike: with the route's permission it works, without it 403 `insufficient_scope`, another tenant's
 * credential 404 (the tenant's existence is not revealed), a revoked key pair or an expired token 401.
 */
export function tenantCredentialCases(
  app: () => TestApp,
  route: ProtectedRoute,
  permission: ManagementPermission,
  { call, refused }: CaseTools,
): void {
  const others = managementPermissionNames.filter((name) => name !== permission);

  it(`a key pair of the tenant with ${permission} is answered ${route.okStatus} (control)`, async () => {
    const t = app();
    const url = await route.url(t);
    const pair = await createKeyPair(t, tenantInUrl(url), [permission]);
    const response = await call(t, url, pair.headers);
    assert.equal(response.statusCode, route.okStatus, response.body);
  });

  it(`a key pair of the tenant without ${permission} → 403 insufficient_scope`, () =>
    refused(
      async (t, url) => (await createKeyPair(t, tenantInUrl(url), others)).headers,
      403,
      'insufficient_scope',
      '',
      [permission],
    ));

  it(`another tenant's key pair, even with every permission → 404 not_found`, () =>
    refused(
      async (t) => (await createKeyPair(t, await createTenant(t), managementPermissionNames)).headers,
      404,
      'not_found',
    ));

  it(`a revoked key pair → 401; the right id with another pair's secret → 401`, async () => {
    await refused(
      async (t, url) => {
        const pair = await createKeyPair(t, tenantInUrl(url), [permission]);
        await revokeKeyPair(t, tenantInUrl(url), pair.id);
        return pair.headers;
      },
      401,
      'invalid_credential',
    );
    await refused(
      async (t, url) => {
        const tenantId = tenantInUrl(url);
        const [pair, other] = [
          await createKeyPair(t, tenantId, [permission]),
          await createKeyPair(t, tenantId, [permission]),
        ];
        return { 'x-api-key': pair.apiKey, 'x-api-secret': other.apiSecret };
      },
      401,
      'invalid_credential',
    );
  });

  it(`an M2M token of the tenant with ${permission} is answered ${route.okStatus} (control)`, async () => {
    const t = app();
    const url = await route.url(t);
    const { authorization } = await m2mToken(t, tenantInUrl(url), [permission]);
    const response = await call(t, url, authorization);
    assert.equal(response.statusCode, route.okStatus, response.body);
  });

  it(`an M2M token of the tenant without ${permission} → 403 insufficient_scope`, () =>
    refused(
      async (t, url) => (await m2mToken(t, tenantInUrl(url), others)).authorization,
      403,
      'insufficient_scope',
      '',
      [permission],
    ));

  it(`another tenant's M2M token, even with every permission → 404 not_found`, () =>
    refused(
      async (t) => (await m2mToken(t, await createTenant(t), managementPermissionNames)).authorization,
      404,
      'not_found',
    ));

  it(`an expired M2M token → 401`, () =>
    refused(
      async (t, url) => {
        const { authorization } = await m2mToken(t, tenantInUrl(url), [permission]);
        // Past `exp` and the 30 s leeway for clock skew.
        t.clock.advance((t.config.oauth.accessTokenTtlSeconds + 31) * 1000);
        return authorization;
      },
      401,
      'invalid_credential',
    ));
}
