import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ManagementPermission } from '../../src/core/management-permissions.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { issuePlatformKey } from '../../src/services/platform/platform-keys.ts';
import { createKey, createTenant, type TestApp } from '../support/app.ts';
import { assertProblem, unknownKey } from './support.ts';
import { tenantCredentialCases } from './tenant-security-cases.ts';

export interface ProtectedRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as registered, for the test names: `/api/v1/tenants/:tenantId`. */
  path: string;
  /** Builds the URL, creating what the route needs (tenant, key) afresh for each case. */
  url: (t: TestApp) => Promise<string>;
  /** A body the route accepts, so a refusal can only be about the credential. */
  body?: Record<string, unknown>;
  /** What a full platform key gets: the control that shows the route works with a good credential. */
  okStatus: number;
  /** The platform permission the route needs (default `manage`); a verify-only key passes `verify` routes. */
  permission?: 'manage' | 'verify';
  /** Reads the state the route would change; every refused call must leave it as it was. */
  snapshot?: (t: TestApp, url: string) => Promise<unknown>;
  /**
   * For a management route under a tenant: the management permission it needs. Adds the tenant-credential
   * cases, for key pairs and M2M tokens alike: with it the route works, without it 403, another tenant's
   * credential gets 404, a revoked key pair or an expired token 401.
   */
  tenantPermission?: ManagementPermission;
}

/** How a case sends its credential: an `Authorization` value, or whole headers (a key pair). */
export type Credential = string | Record<string, string>;

/** The two moves every case is made of, shared with the tenant-credential cases. */
export interface CaseTools {
  /** Calls the route with a credential (or none). */
  call(t: TestApp, url: string, credential?: Credential): Promise<LightMyRequestResponse>;
  /** Sends a refused call and checks its problem, its challenge and that nothing changed. */
  refused(
    credential: ((t: TestApp, url: string) => Promise<Credential>) | undefined,
    status: 400 | 401 | 403 | 404,
    code: 'invalid_credential' | 'insufficient_scope' | 'credential_in_query' | 'not_found',
    query?: string,
    missingScopes?: string[],
  ): Promise<void>;
}

/**
 * The standard security cases for a route behind a platform credential (unkey's common-tests): missing,
 * garbage, unknown, revoked and wrong-kind credentials get 401 with a challenge, a verify-only key gets 403
 * on management routes, and a credential in the query string is refused with 400 before anything runs. A
 * route with `tenantPermission` also gets the tenant-credential cases (`tenant-security-cases.ts`).
 */
export function securityCases(app: () => TestApp, route: ProtectedRoute): void {
  describe(`${route.method} ${route.path}`, () => registerCases(app, route));
}

function registerCases(app: () => TestApp, route: ProtectedRoute): void {
  async function call(t: TestApp, url: string, credential?: Credential): Promise<LightMyRequestResponse> {
    const options: InjectOptions = { method: route.method, url };
    if (route.body !== undefined) options.payload = route.body;
    if (typeof credential === 'string') options.headers = { authorization: credential };
    else if (credential !== undefined) options.headers = credential;
    return t.app.inject(options);
  }

  /** Sends a refused call and checks its problem, its challenge and that nothing changed. */
  async function refused(
    authorization: ((t: TestApp, url: string) => Promise<Credential>) | undefined,
    status: 400 | 401 | 403 | 404,
    code: 'invalid_credential' | 'insufficient_scope' | 'credential_in_query' | 'not_found',
    query = '',
    missingScopes = ['manage'],
  ): Promise<void> {
    const t = app();
    const url = await route.url(t);
    const target = query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
    const header = authorization && (await authorization(t, url));
    const before = await route.snapshot?.(t, url);
    const response = await call(t, target, header);
    assertProblem(response, status, code);
    if (status === 401) {
      const challenge = String(response.headers['www-authenticate']);
      // RFC 6750 §3.1: no credential gets a bare challenge; a credential that is not valid, `invalid_token`.
      if (header === undefined) {
        assert.match(challenge, /realm="portcullis"/);
        assert.doesNotMatch(challenge, /error=/);
      } else assert.match(challenge, /realm="portcullis", error="invalid_token"/);
    }
    if (status === 403) {
      assert.match(String(response.headers['www-authenticate']), /error="insufficient_scope"/);
      assert.deepEqual(response.json<{ missingScopes: string[] }>().missingScopes, missingScopes);
    }
    assert.deepEqual(await route.snapshot?.(t, url), before, 'a refused call changed state');
  }

  it(`a full platform key is answered ${route.okStatus} (control)`, async () => {
    const t = app();
    const response = await call(t, await route.url(t), `Bearer ${t.platformKey}`);
    assert.equal(response.statusCode, route.okStatus, response.body);
  });

  it(`no credential → 401 invalid_credential with a challenge without error`, () =>
    refused(undefined, 401, 'invalid_credential'));

  it(`a garbage credential → 401`, async () => {
    await refused(async () => 'Bearer not-a-key', 401, 'invalid_credential');
    await refused(
      async (t) => `Basic ${Buffer.from(`x:${t.platformKey}`).toString('base64')}`,
      401,
      'invalid_credential',
    );
  });

  it(`a well-formed but unknown platform key → 401`, () =>
    refused(
      async (t) => `Bearer ${unknownKey(t.config.credentials.prefixes.platform)}`,
      401,
      'invalid_credential',
    ));

  it(`a revoked platform key → 401`, () =>
    refused(
      async (t) => {
        const issued = await issuePlatformKey(t.context, localPrincipal, 'revoked', ['*']);
        assert.equal(await t.store.platformKeys.revoke(issued.key.id, t.clock.now()), true);
        return `Bearer ${issued.plaintext}`;
      },
      401,
      'invalid_credential',
    ));

  it(`a tenant's runtime API key where a platform key is needed → 401`, () =>
    refused(
      async (t) => `ApiKey ${(await createKey(t, await createTenant(t, { plan: 'scale' }))).key}`,
      401,
      'invalid_credential',
    ));

  if ((route.permission ?? 'manage') === 'manage') {
    it(`a verify-only platform key → 403 insufficient_scope`, () =>
      refused(async (t) => `Bearer ${t.verifierKey}`, 403, 'insufficient_scope'));
  } else {
    it(`a verify-only platform key is enough`, async () => {
      const t = app();
      const response = await call(t, await route.url(t), `Bearer ${t.verifierKey}`);
      assert.equal(response.statusCode, route.okStatus, response.body);
    });
  }

  it(`a credential in the query string → 400 credential_in_query`, async () => {
    await refused(undefined, 400, 'credential_in_query', `apikey=${app().platformKey}`);
    // Refused even beside a valid header: the URL has already leaked the secret into logs.
    await refused(async (t) => `Bearer ${t.platformKey}`, 400, 'credential_in_query', 'access_token=x');
  });

  if (route.tenantPermission !== undefined) {
    tenantCredentialCases(app, route, route.tenantPermission, { call, refused });
  }
}
