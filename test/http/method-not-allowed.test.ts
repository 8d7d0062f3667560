import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders, METHODS } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/app.ts';
import { startRecordingRoutes } from '../support/routes.ts';
import { assertProblem } from './support.ts';

/** A concrete path for a route pattern: each `:param` becomes a value no static segment uses. */
const concrete = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, 'sample-value');

const allowOf = (response: { headers: Record<string, unknown> }) =>
  new Set(String(response.headers.allow ?? '').split(/,\s*/));

function assertMethodNotAllowed(response: LightMyRequestResponse, method: string, expected: Set<string>) {
  if (method === 'HEAD') {
    assert.equal(response.statusCode, 405);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  } else {
    assertProblem(response, 405, 'method_not_allowed');
  }
  assert.deepEqual(allowOf(response), expected, `${method} ${response.headers.allow}`);
}

/** One request over real HTTP; `node:http` sends any method, TRACE included (fetch refuses TRACE). */
function send(
  base: string,
  method: string,
  path: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${base}${path}`, { method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a method the path does not answer', () => {
  let t: TestApp;
  let routes: Map<string, Set<string>>;
  let base: string;
  before(async () => {
    ({ t, routes } = await startRecordingRoutes());
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => t.close());

  test('every registered route answers each other method 405 with Allow listing its methods', async () => {
    // The walk covers the whole app: management, verify, the OAuth scope's POST and OPTIONS routes.
    assert.ok(routes.size >= 30, `only ${routes.size} routes recorded`);
    assert.deepEqual(routes.get('/api/v1/platform/oauth/token'), new Set(['OPTIONS', 'POST']));
    assert.deepEqual(routes.get('/api/v1/verify'), new Set(['POST']));
    let checked = 0;
    for (const [pattern, registered] of routes) {
      // Fastify answers HEAD wherever GET is routed (RFC 9110 §9.3.2).
      const expected = new Set(registered.has('GET') ? [...registered, 'HEAD'] : registered);
      for (const method of METHODS.filter((candidate) => !expected.has(candidate))) {
        const response = await t.app.inject({ method: method as 'GET', url: concrete(pattern) });
        assertMethodNotAllowed(response, method, expected);
        checked++;
      }
    }
    assert.ok(checked > routes.size * 20);
  });

  test('a path no route matches is 404 for every method, with no Allow', async () => {
    for (const url of ['/nope', '/api/v1/tenants/sample-value/nope', '/api/v1/verify/extra', '/api']) {
      for (const method of METHODS) {
        const response = await t.app.inject({ method: method as 'GET', url });
        assert.equal(response.headers.allow, undefined, `${method} ${url}`);
        if (method === 'HEAD') assert.equal(response.statusCode, 404);
        else assertProblem(response, 404, 'not_found');
      }
    }
  });

  test('the query string plays no part, and the body is not read before the answer', async () => {
    const withQuery = await t.app.inject({ method: 'GET', url: '/api/v1/verify?limit=1&y=%zz' });
    assertMethodNotAllowed(withQuery, 'GET', new Set(['POST']));
    const notJson = await t.app.inject({
      method: 'DELETE',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    assertMethodNotAllowed(notJson, 'DELETE', new Set(['GET', 'HEAD']));
    const tooLarge = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tenants/sample-value/keys/sample-value`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * t.config.server.bodyLimitBytes) }),
    });
    assertMethodNotAllowed(tooLarge, 'PUT', new Set(['GET', 'HEAD', 'DELETE', 'PATCH']));
    const unknownPath = await t.app.inject({
      method: 'POST',
      url: '/nope',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    assertProblem(unknownPath, 404, 'not_found');
  });

  test('over real HTTP: TRACE is 405 with Allow, and GET /api/v1/verify passes the fast path to 405', async () => {
    const cases: Array<[string, string, string[]]> = [
      ['TRACE', '/healthz', ['GET', 'HEAD']],
      ['TRACE', '/api/v1/verify', ['POST']],
      ['TRACE', '/api/v1/platform/oauth/token', ['OPTIONS', 'POST']],
      ['TRACE', '/api/v1/tenants/sample-value/keys', ['GET', 'HEAD', 'POST']],
      ['GET', '/api/v1/verify', ['POST']],
      ['PUT', '/api/v1/verify', ['POST']],
      ['OPTIONS', '/api/v1/verify', ['POST']],
      ['GET', '/api/v1/platform/oauth/token', ['OPTIONS', 'POST']],
    ];
    for (const [method, path, allow] of cases) {
      const response = await send(base, method, path);
      assert.equal(response.status, 405, `${method} ${path}: ${response.body}`);
      assert.deepEqual(allowOf(response), new Set(allow), `${method} ${path}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(JSON.parse(response.body).code, 'method_not_allowed');
    }
    const unknown = await send(base, 'TRACE', '/nope');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.allow, undefined);
    assert.equal(JSON.parse(unknown.body).code, 'not_found');
  });
});
