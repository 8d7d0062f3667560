import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { assertProblem, keysUrl, mistyped, unknownKey } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const whoami = (authorization?: string, headers: Record<string, string> = {}, query = '') =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/whoami${query}`,
    headers: authorization === undefined ? headers : { ...headers, authorization },
  });

/** A 401 that challenges for both accepted schemes and does not echo what was sent. */
function assertChallenged(response: LightMyRequestResponse, sent?: string, missing = false): void {
  assertProblem(response, 401, 'invalid_credential');
  const challenge = String(response.headers['www-authenticate']);
  // RFC 6750 §3.1: a request without a credential is challenged without an error attribute.
  if (missing) {
    assert.equal(challenge, 'ApiKey realm="portcullis", Bearer realm="portcullis"');
    return;
  }
  assert.match(challenge, /^ApiKey realm="portcullis", error="invalid_token"/);
  assert.match(challenge, /Bearer realm="portcullis", error="invalid_token"/);
  if (sent) assert.equal(response.body.includes(sent), false, 'the credential is echoed');
}

describe('whoami: happy', () => {
  it('answers with the ApiKey and the Bearer scheme (any case): tenant, mode, type, effective scopes', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const { id, key } = await createKey(t, tenantId, {
      mode: 'test',
      type: 'restricted',
      scopes: ['profile:write'],
    });
    const expected = {
      credentialType: 'api_key',
      tenantId,
      keyId: id,
      mode: 'test',
      type: 'restricted',
      scopes: ['profile:read', 'profile:write'],
    };
    for (const header of [`ApiKey ${key}`, `Bearer ${key}`, `apikey ${key}`, `bearer  ${key} `]) {
      const response = await whoami(header);
      assert.equal(response.statusCode, 200, header);
      const body = response.json<typeof expected>();
      assert.deepEqual({ ...body, scopes: [...body.scopes].sort() }, expected);
    }
  });

  it('sets the RateLimit headers on a successful call', async () => {
    const { key } = await createKey(t, await createTenant(t, { plan: 'free' }));
    const response = await whoami(`ApiKey ${key}`);
    // draft-ietf-httpapi-ratelimit-headers: the policy (quota per window) and what is left of it.
    assert.equal(response.headers['ratelimit-policy'], '"default";q=60;w=60');
    assert.equal(response.headers.ratelimit, '"default";r=59;t=1');
  });

  it('an IP allowlist that holds the caller lets it in', async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId, { ipAllowlist: ['127.0.0.0/8'] });
    assert.equal((await whoami(`ApiKey ${key}`)).statusCode, 200);
  });
});

describe('whoami: error', () => {
  it('missing, malformed, unknown, wrong-scheme and platform credentials → 401 with WWW-Authenticate', async () => {
    const { key } = await createKey(t, await createTenant(t));
    assertChallenged(await whoami(), undefined, true);
    assertChallenged(await whoami('ApiKey'));
    assertChallenged(await whoami(`ApiKey ${mistyped(key)}`), mistyped(key));
    assertChallenged(await whoami('Bearer not-a-key'), 'not-a-key');
    assertChallenged(await whoami(`ApiKey ${unknownKey('sk')}`));
    assertChallenged(await whoami(`Basic ${Buffer.from(`u:${key}`).toString('base64')}`));
    assertChallenged(await whoami(key), key);
    assertChallenged(await whoami(`Bearer ${t.platformKey}`), t.platformKey);
  });

  it('revoked and expired keys → 401', async () => {
    const tenantId = await createTenant(t);
    const revoked = await createKey(t, tenantId);
    await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${revoked.id}` });
    assertChallenged(await whoami(`ApiKey ${revoked.key}`), revoked.key);
    const expiring = await createKey(t, tenantId, {
      expiresAt: new Date(t.clock.now() + 1000).toISOString(),
    });
    assert.equal((await whoami(`ApiKey ${expiring.key}`)).statusCode, 200);
    t.clock.advance(1000);
    assertChallenged(await whoami(`ApiKey ${expiring.key}`), expiring.key);
  });

  it('past the rate limit → 429 with Retry-After and RateLimit headers; allowed again once time passes', async () => {
    const { key } = await createKey(t, await createTenant(t, { plan: 'free' }));
    for (let i = 0; i < 60; i++)
      assert.equal((await whoami(`ApiKey ${key}`)).statusCode, 200, `call ${i + 1}`);
    const limited = await whoami(`ApiKey ${key}`);
    assert.equal(assertProblem(limited, 429, 'rate_limited').retryAfterSeconds, 1);
    assert.equal(limited.headers['retry-after'], '1');
    assert.equal(limited.headers['ratelimit-policy'], '"default";q=60;w=60');
    assert.equal(limited.headers.ratelimit, '"default";r=0;t=1', 't agrees with Retry-After');
    t.clock.advance(1000);
    assert.equal((await whoami(`ApiKey ${key}`)).statusCode, 200);
  });
});

describe('whoami: security', () => {
  it('a key in the query string is refused with 400, with or without a header', async () => {
    const { key } = await createKey(t, await createTenant(t));
    for (const query of [`?apikey=${key}`, `?api_key=${key}`, `?access_token=${key}`, `?key=${key}`]) {
      const response = await whoami(undefined, {}, query);
      assertProblem(response, 400, 'credential_in_query');
      assert.equal(response.body.includes(key), false);
      assertProblem(await whoami(`ApiKey ${key}`, {}, query), 400, 'credential_in_query');
    }
  });

  it('an IP allowlist refuses the caller (403), and X-Forwarded-For does not get around it', async () => {
    const { key } = await createKey(t, await createTenant(t), { ipAllowlist: ['10.0.0.0/8'] });
    assertProblem(await whoami(`ApiKey ${key}`), 403, 'ip_not_allowed');
    assertProblem(await whoami(`ApiKey ${key}`, { 'x-forwarded-for': '10.0.0.1' }), 403, 'ip_not_allowed');
  });

  it("a suspended tenant's key → 401; resuming the tenant lets it in again", async () => {
    const tenantId = await createTenant(t);
    const { key } = await createKey(t, tenantId);
    const setStatus = (status: string) =>
      asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload: { status } });
    await setStatus('suspended');
    assertChallenged(await whoami(`ApiKey ${key}`), key);
    await setStatus('active');
    assert.equal((await whoami(`ApiKey ${key}`)).statusCode, 200);
  });
});
