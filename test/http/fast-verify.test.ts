import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { patchTenant, tokenFor } from './oauth-support.ts';

/**
 * `POST /api/v1/verify` over real HTTP, where it is answered before the framework's router
 * (src/http/fast-verify.ts): what only real HTTP shows. That the fast path and the framework's route answer
 * every case alike is verify-entry-points.test.ts.
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

  test('security: a query string leaves the fast path, and a credential in it is refused', async () => {
    const response = await fetch(`${url}?apikey=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.verifierKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code: string }).code, 'credential_in_query');
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

  test('security: an access token answered from the cache is refused once its tenant is suspended', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const token = await tokenFor(t, await createClient(t, tenantId, { scopes: ['bookings:read'] }));
    const call = JSON.stringify({ key: token, scopes: ['bookings:read'] });
    assert.partialDeepStrictEqual(await (await post(call)).json(), { valid: true, tenantId });
    await patchTenant(t, tenantId, { status: 'suspended' });
    assert.partialDeepStrictEqual(await (await post(call)).json(), {
      valid: false,
      code: 'tenant_suspended',
    });
  });
});
