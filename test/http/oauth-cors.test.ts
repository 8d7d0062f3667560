import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { type CreatedClient, createApp, createClient } from './clients-support.ts';
import { OAUTH, requestToken } from './oauth-support.ts';

const ORIGIN = 'https://app.example.com';
let t: TestApp;
/** A client of an app that allows ORIGIN, and one without an app, in the same tenant. */
let withApp: CreatedClient;
let withoutApp: CreatedClient;
before(async () => {
  t = await startTestApp();
  const tenantId = await createTenant(t);
  const app = await createApp(t, tenantId, { allowedOrigins: [ORIGIN] });
  withApp = await createClient(t, tenantId, { appId: app.id });
  withoutApp = await createClient(t, tenantId);
});
after(() => t.close());

const tokenFrom = (client: CreatedClient, origin: string) =>
  requestToken(t, { basic: client }, {}, { origin });
const preflight = (path: string, origin?: string) =>
  t.app.inject({
    method: 'OPTIONS',
    url: `${OAUTH}/${path}`,
    headers: {
      ...(origin === undefined ? {} : { origin }),
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
function assertNoCors(response: LightMyRequestResponse): void {
  for (const header of ['access-control-allow-origin', 'access-control-allow-methods']) {
    assert.equal(response.headers[header], undefined, header);
  }
}

describe('OAuth CORS: token requests', () => {
  it("an origin the client's app allows is echoed, with Vary: Origin", async () => {
    const response = await tokenFrom(withApp, ORIGIN);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['access-control-allow-origin'], ORIGIN);
    assert.match(String(response.headers.vary), /\bOrigin\b/);
    assert.equal(response.headers['access-control-allow-credentials'], undefined);
  });

  it('another origin, a near miss or no origin gets no CORS header; the token is still issued', async () => {
    for (const origin of ['https://evil.example.com', 'http://app.example.com', `${ORIGIN}:8443`, 'null']) {
      const response = await tokenFrom(withApp, origin);
      assert.equal(response.statusCode, 200, response.body);
      assertNoCors(response);
      assert.match(String(response.headers.vary), /\bOrigin\b/);
    }
    assertNoCors(await requestToken(t, { basic: withApp }));
  });

  it('a client without an app gets no CORS header, even from an origin another app allows', async () => {
    const response = await tokenFrom(withoutApp, ORIGIN);
    assert.equal(response.statusCode, 200, response.body);
    assertNoCors(response);
  });

  it('a refused token request from an allowed origin gets no CORS header', async () => {
    const response = await requestToken(
      t,
      { basic: { client_id: withApp.client_id, client_secret: withoutApp.client_secret } },
      {},
      { origin: ORIGIN },
    );
    assert.equal(response.statusCode, 401);
    assertNoCors(response);
  });
});

describe('OAuth CORS: preflight', () => {
  it('from an allowed origin: 204 with the origin, POST, authorization and content-type', async () => {
    for (const path of ['token', 'introspect', 'revoke']) {
      const response = await preflight(path, ORIGIN);
      assert.equal(response.statusCode, 204, path);
      assert.equal(response.headers['access-control-allow-origin'], ORIGIN);
      assert.equal(response.headers['access-control-allow-methods'], 'POST');
      assert.equal(response.headers['access-control-allow-headers'], 'authorization, content-type');
      assert.match(String(response.headers.vary), /\bOrigin\b/);
      assert.equal(response.body, '');
    }
  });

  it('from an unknown origin or without one: 204 without CORS headers', async () => {
    for (const origin of ['https://evil.example.com', undefined]) {
      const response = await preflight('token', origin);
      assert.equal(response.statusCode, 204);
      assertNoCors(response);
      assert.equal(response.headers['access-control-allow-headers'], undefined);
    }
  });
});
