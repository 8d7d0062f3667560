import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

describe('the OpenAPI document, for generated clients', () => {
  it('every operation has a unique operationId and a security requirement naming known schemes', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<Document>();
    const seen = new Set<string>();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    assert.ok(operations.length >= 40, `only ${operations.length} operations`);
    for (const { name, operation } of operations) {
      assert.match(operation.operationId ?? '', /^[a-z][A-Za-z]+$/, `${name} has no operationId`);
      assert.ok(!seen.has(operation.operationId as string), `${name} repeats ${operation.operationId}`);
      seen.add(operation.operationId as string);
      assert.ok(Array.isArray(operation.security), `${name} has no security`);
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          assert.ok(document.components.securitySchemes[scheme], `${name} names unknown scheme ${scheme}`);
        }
      }
    }
  });

  it('error responses are declared with the media type they are sent with', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    }>();
    const mediaTypes = (path: string, method: string, status: string) =>
      Object.keys(document.paths[path]?.[method]?.responses[status]?.content ?? {});
    assert.deepEqual(mediaTypes('/api/v1/tenants/{tenantId}/keys', 'post', '404'), [
      'application/problem+json',
    ]);
    assert.deepEqual(mediaTypes('/api/v1/tenants/{tenantId}/keys', 'post', '201'), ['application/json']);
    // OAuth endpoints answer RFC 6749 errors, which are plain JSON.
    assert.deepEqual(mediaTypes('/api/v1/platform/oauth/token', 'post', '400'), ['application/json']);
    // And the server sends what the document says.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/ten_missing/keys',
      headers: { authorization: `Bearer ${t.platformKey}` },
      payload: { name: 'x' },
    });
    assert.equal(refused.statusCode, 404);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400 || path.startsWith('/api/v1/platform/oauth/')) continue;
          for (const type of Object.keys(response.content ?? {})) {
            assert.equal(type, 'application/problem+json', `${method} ${path} ${status}`);
          }
        }
      }
    }
  });

  it('public routes say so with an empty requirement; protected ones never do', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<Document>();
    assert.deepEqual(document.paths['/healthz']?.get?.security, []);
    assert.deepEqual(document.paths['/readyz']?.get?.security, []);
    assert.deepEqual(document.paths['/api/v1/tenants']?.get?.security, [{ PlatformKey: [] }]);
    assert.deepEqual(document.paths['/api/v1/tenants/{tenantId}/keys']?.post?.security, [
      { PlatformKey: [] },
      { ApiKey: [], ApiSecret: [] },
      { M2MBearerToken: ['manage:keys'] },
      { ConsoleSession: ['manage:keys'] },
    ]);
    assert.deepEqual(document.paths['/api/v1/me/tokens']?.post?.security, [{ ConsoleSession: [] }]);
    assert.deepEqual(document.paths['/api/v1/session']?.post?.security, []);
  });
});
