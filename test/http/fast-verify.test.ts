import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { patchTenant, tokenFor } from './oauth-support.ts';

/**
 * `POST /api/v1/verify` over real HTTP, where it is answered before the framework's router
 * (src/http/fast-verify.ts): the same answers as the framework route gives through inject().
 */
describe('verify fast path over real HTTP', () => {
  let t: TestApp;
  let url: string;
  let key: string;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    assert.ok(address && typeof address === 'object');
    url = `http://127.0.0.1:${address.port}/api/v1/verify`;
    key = (await createKey(t, await createTenant(t, { plan: 'pro' }))).key;
  });
  after(() => t.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json', ...headers },
      body,
    });

  async function assertProblem(response: Response, status: number, code: string): Promise<void> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const body = (await response.json()) as { code: string; status: number };
    assert.equal(body.code, code);
    assert.equal(body.status, status);
  }

  test('happy: a valid key is answered 200 with the documented result and security headers', async () => {
    const response = await post(JSON.stringify({ key, scopes: ['bookings:read'] }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as { valid: boolean; credentialType: string; scopes: string[] };
    assert.equal(body.valid, true);
    assert.equal(body.credentialType, 'api_key');
    assert.ok(body.scopes.includes('bookings:read'));
  });

  test('error: bad JSON 400, unknown field 422, wrong type 422, non-JSON 415, oversized 413', async () => {
    await assertProblem(await post('{"key":'), 400, 'bad_request');
    await assertProblem(await post(JSON.stringify({ key, extra: 1 })), 422, 'validation_failed');
    await assertProblem(await post(JSON.stringify({ key: 42 })), 422, 'validation_failed');
    await assertProblem(
      await post(JSON.stringify({ key }), { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await assertProblem(await post(JSON.stringify({ key: 'k'.repeat(70 * 1024) })), 413, 'payload_too_large');
  });

  test('error: a key sent as a field name is not echoed in the 422', async () => {
    const response = await post(JSON.stringify({ key, [key]: true }));
    assert.equal(response.status, 422);
    assert.ok(!(await response.text()).includes(key));
  });

  test('security: no credential 401 with a challenge, an API key 401, a management-only key is refused', async () => {
    const missing = await post(JSON.stringify({ key }), { authorization: '' });
    await assertProblem(missing.clone(), 401, 'invalid_credential');
    assert.match(missing.headers.get('www-authenticate') ?? '', /realm="portcullis"/);
    await assertProblem(
      await post(JSON.stringify({ key }), { authorization: `Bearer ${key}` }),
      401,
      'invalid_credential',
    );
    const created = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/platform/keys',
      payload: { name: 'automation', permissions: ['manage'] },
    });
    const manageOnly = created.json<{ key: string }>().key;
    await assertProblem(
      await post(JSON.stringify({ key }), { authorization: `Bearer ${manageOnly}` }),
      403,
      'insufficient_scope',
    );
  });

  test('security: a query string leaves the fast path, and a credential in it is refused', async () => {
    const response = await fetch(`${url}?apikey=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    await assertProblem(response, 400, 'credential_in_query');
  });

  test('error: a client that leaves mid-body gets nothing, and the server answers the next call', async () => {
    const { port } = new URL(url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/verify HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
            `authorization: Bearer ${t.verifierKey}\r\ncontent-length: 100\r\n\r\n{"key":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    const response = await post(JSON.stringify({ key }));
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { valid: boolean }).valid, true);
  });

  test('happy: the answer from the cache equals the first, read one', async () => {
    const fresh = (await createKey(t, await createTenant(t, { plan: 'pro' }))).key;
    const first = (await (await post(JSON.stringify({ key: fresh }))).json()) as Record<string, unknown>;
    const second = (await (await post(JSON.stringify({ key: fresh }))).json()) as Record<string, unknown>;
    assert.equal(first.valid, true);
    assert.deepEqual({ ...second, ratelimit: undefined }, { ...first, ratelimit: undefined });
  });

  test('happy: an access token is answered from the cache the same way, until its tenant is suspended', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId, { scopes: ['bookings:read'] });
    const token = await tokenFor(t, client);
    const call = JSON.stringify({ key: token, scopes: ['bookings:read'] });
    const first = (await (await post(call)).json()) as Record<string, unknown>;
    const second = (await (await post(call)).json()) as Record<string, unknown>;
    assert.equal(first.valid, true);
    assert.equal(first.credentialType, 'access_token');
    assert.deepEqual({ ...second, ratelimit: undefined }, { ...first, ratelimit: undefined });
    await patchTenant(t, tenantId, { status: 'suspended' });
    const suspended = (await (await post(call)).json()) as Record<string, unknown>;
    assert.equal(suspended.valid, false);
    assert.equal(suspended.code, 'tenant_suspended');
  });
});
