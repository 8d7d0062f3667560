import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorCodes, errorRegistry } from '../../src/core/errors.ts';
import { managementPermissions } from '../../src/core/management-permissions.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

/** Every API route, as the OpenAPI document must describe it. */
const API_ROUTES: [string, string[]][] = [
  ['/healthz', ['get']],
  ['/readyz', ['get']],
  ['/api/v1/scopes', ['get']],
  ['/api/v1/plans', ['get']],
  ['/api/v1/management-permissions', ['get']],
  ['/api/v1/tenants', ['get', 'post']],
  ['/api/v1/tenants/{tenantId}', ['get', 'patch']],
  ['/api/v1/tenants/{tenantId}/keys', ['get', 'post']],
  ['/api/v1/tenants/{tenantId}/keys/{keyId}', ['delete', 'get']],
  ['/api/v1/tenants/{tenantId}/keys/{keyId}/roll', ['post']],
  ['/api/v1/verify', ['post']],
  ['/api/v1/whoami', ['get']],
  ['/api/v1/tenants/{tenantId}/audit/requests', ['get']],
  ['/api/v1/tenants/{tenantId}/audit/activity', ['get']],
  ['/api/v1/platform/keys', ['get', 'post']],
  ['/api/v1/platform/keys/{keyId}', ['delete']],
  ['/.well-known/jwks.json', ['get']],
  ['/.well-known/oauth-authorization-server', ['get']],
  ['/api/v1/platform/signing-keys/rotate', ['post']],
];

describe('public: happy', () => {
  it('GET /healthz answers ok without a credential', async () => {
    const response = await get('/healthz');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('GET /api/v1/scopes lists the vocabulary with descriptions, implications and entitling plans', async () => {
    const response = await get('/api/v1/scopes');
    assert.equal(response.statusCode, 200);
    type Scope = { name: string; description: string; implies: string[]; plans: string[] };
    const scopes = response.json<{ items: Scope[] }>().items;
    assert.deepEqual(
      scopes.map((scope) => scope.name),
      t.config.scopes.map((scope) => scope.name),
    );
    const byName = new Map(scopes.map((scope) => [scope.name, scope]));
    assert.deepEqual(byName.get('hub-protocol.read')?.implies, ['read:entities']);
    assert.deepEqual(byName.get('hub-protocol.read')?.plans, ['pro', 'scale']);
    assert.deepEqual(byName.get('bookings:read')?.plans, ['free', 'pro', 'scale']);
    assert.deepEqual(byName.get('bookings:write')?.implies, ['bookings:read']);
    for (const scope of scopes) assert.ok(scope.description.length > 0, scope.name);
  });

  it('GET /api/v1/plans lists the plans with their entitlements and limits', async () => {
    const response = await get('/api/v1/plans');
    assert.equal(response.statusCode, 200);
    type Plan = { id: string; scopes: string[]; requestsPerMinute: number; maxActiveKeys: number };
    const plans = response.json<{ items: Plan[] }>().items;
    assert.deepEqual(
      plans.map((plan) => plan.id),
      ['free', 'pro', 'scale'],
    );
    assert.partialDeepStrictEqual(plans[0], {
      id: 'free',
      requestsPerMinute: 60,
      maxActiveKeys: 5,
      requestRetentionDays: 30,
    });
    assert.deepEqual(plans[2]?.scopes, ['*']);
  });

  it('GET /api/v1/management-permissions lists every built-in management permission with its description', async () => {
    const response = await get('/api/v1/management-permissions');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      items: Object.entries(managementPermissions).map(([name, description]) => ({ name, description })),
    });
  });

  it('GET /openapi.json is an OpenAPI 3.1 document with a path for every API route', async () => {
    const response = await get('/openapi.json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const document = JSON.parse(response.body) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    assert.equal(document.openapi, '3.1.0');
    for (const [path, methods] of API_ROUTES) {
      const operations = document.paths[path];
      assert.ok(operations, `missing path ${path}`);
      for (const method of methods) assert.ok(operations[method], `missing ${method.toUpperCase()} ${path}`);
    }
    assert.ok(document.paths['/api/v1/tenants/{tenantId}/keys']?.post, 'the key body schema is documented');
  });

  it('GET /docs/errors.md lists every code of the error registry with its status', async () => {
    const response = await get('/docs/errors.md');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/markdown/);
    assert.ok(errorCodes.length >= 10);
    for (const code of errorCodes) {
      assert.ok(
        response.body.includes(`| \`${code}\` | ${errorRegistry[code].status} |`),
        `${code} is not documented`,
      );
    }
  });

  it('GET /llms.txt points integrators at the docs', async () => {
    const response = await get('/llms.txt');
    assert.equal(response.statusCode, 200);
    for (const link of [
      '/openapi.json',
      '/api/v1/scopes',
      '/api/v1/plans',
      '/docs/errors.md',
      '/api/v1/webhooks/event-types',
    ]) {
      assert.ok(response.body.includes(`](${link})`), link);
    }
  });
});

describe('public: error', () => {
  it('an unknown route is a 404 problem, a wrong method on a public route a 405 with Allow', async () => {
    assertProblem(await get('/nope'), 404, 'not_found');
    const wrongMethod = await t.app.inject({ method: 'DELETE', url: '/api/v1/scopes' });
    assertProblem(wrongMethod, 405, 'method_not_allowed');
    assert.equal(wrongMethod.headers.allow, 'GET, HEAD');
  });

  it('every problem type points at an entry of /docs/errors', async () => {
    const docs = (await get('/docs/errors')).body;
    const problem = assertProblem(await get('/nope'), 404, 'not_found');
    assert.ok(docs.includes(`id="${problem.type.split('#')[1]}"`));
  });
});

describe('public: security', () => {
  it('public responses carry the security headers and are not cached', async () => {
    for (const url of ['/healthz', '/api/v1/scopes', '/openapi.json', '/nope']) {
      const response = await get(url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(response.headers['cache-control'], 'no-store', url);
    }
  });

  it('a credential in the query string is refused even on public routes', async () => {
    const response = await get(`/healthz?apikey=${t.platformKey}`);
    assertProblem(response, 400, 'credential_in_query');
    assert.equal(response.body.includes(t.platformKey), false);
  });
});
