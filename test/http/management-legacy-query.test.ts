import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activityOf, createKeyPair, type KeyPair } from './management-support.ts';
import { assertProblem, keysUrl } from './support.ts';

// The legacy `?apikey=&apisecret=` form (seed 004) is off by default; an operator may turn it on for the
// management API, and then every use is marked in the activity feed.
const ACTION = 'management.legacy_query_credentials';
const inQuery = (pair: KeyPair) => `apikey=${pair.apiKey}&apisecret=${pair.apiSecret}`;

describe('legacy query credentials: off (the default)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('a key pair in the query is refused with 400 before anything runs, and nothing is recorded', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    for (const query of [inQuery(pair), `apikey=${pair.apiKey}`, `apisecret=${pair.apiSecret}`]) {
      const response = await t.app.inject({ method: 'GET', url: `${keysUrl(tenantId)}?${query}` });
      assertProblem(response, 400, 'credential_in_query');
    }
    assert.deepEqual(await activityOf(t, tenantId, ACTION), []);
  });

  it('client_secret in the query is refused too', async () => {
    const tenantId = await createTenant(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `${keysUrl(tenantId)}?client_id=c&client_secret=s`,
    });
    assertProblem(response, 400, 'credential_in_query');
  });
});

describe('legacy query credentials: on', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ config: { oauth: { legacyQueryCredentials: true } } });
  });
  after(() => t.close());

  it('a key pair in the query works on management routes, beside other query parameters', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const listed = await t.app.inject({
      method: 'GET',
      url: `${keysUrl(tenantId)}?limit=5&${inQuery(pair)}`,
    });
    assert.equal(listed.statusCode, 200, listed.body);
    const created = await t.app.inject({
      method: 'POST',
      url: `${keysUrl(tenantId)}?${inQuery(pair)}`,
      payload: { name: 'from a legacy job' },
    });
    assert.equal(created.statusCode, 201, created.body);
  });

  it('every use is in the activity feed, refused ones included, with the key as target and never the secret', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    await t.app.inject({ method: 'GET', url: `${keysUrl(tenantId)}?${inQuery(pair)}` });
    await t.app.inject({ method: 'GET', url: `${keysUrl(tenantId)}?${inQuery(pair)}` });
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenants/${tenantId}/audit/activity?${inQuery(pair)}`,
    });
    assertProblem(refused, 403, 'insufficient_scope');
    const rows = await activityOf(t, tenantId, ACTION);
    assert.deepEqual(
      rows.map((row) => [row.actor.type, row.actor.id, row.target.type, row.target.id, row.details.route]),
      [
        ['management_key', pair.id, 'management_key', pair.id, '/api/v1/tenants/:tenantId/audit/activity'],
        ['management_key', pair.id, 'management_key', pair.id, '/api/v1/tenants/:tenantId/keys'],
        ['management_key', pair.id, 'management_key', pair.id, '/api/v1/tenants/:tenantId/keys'],
      ],
    );
    assert.equal(JSON.stringify(rows).includes(pair.apiSecret), false);
  });

  it('a bad pair in the query is 401; half a pair is 401; a pair beside a header is 400', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const url = (query: string) => `${keysUrl(tenantId)}?${query}`;
    const wrong = `apikey=${pair.apiKey}&apisecret=${pair.apiSecret.slice(0, -1)}${pair.apiSecret.endsWith('x') ? 'y' : 'x'}`;
    assertProblem(await t.app.inject({ method: 'GET', url: url(wrong) }), 401, 'invalid_credential');
    const half = `apikey=${pair.apiKey}`;
    assertProblem(await t.app.inject({ method: 'GET', url: url(half) }), 401, 'invalid_credential');
    const twice = `apikey=${pair.apiKey}&apikey=${pair.apiKey}&apisecret=${pair.apiSecret}`;
    assertProblem(await t.app.inject({ method: 'GET', url: url(twice) }), 401, 'invalid_credential');
    const both = await t.app.inject({ method: 'GET', url: url(inQuery(pair)), headers: pair.headers });
    assertProblem(both, 400, 'bad_request');
  });

  it('runtime and platform-only routes keep refusing any credential in the query', async () => {
    const tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys', 'read:tenant']);
    const { key } = await createKey(t, tenantId);
    const calls: [string, string, object?][] = [
      ['GET', `/api/v1/whoami?apikey=${key}`],
      ['GET', `/api/v1/whoami?${inQuery(pair)}`],
      ['POST', `/api/v1/verify?${inQuery(pair)}`, { key }],
      ['GET', `/api/v1/tenants?${inQuery(pair)}`],
      ['GET', `/api/v1/platform/keys?${inQuery(pair)}`],
      ['GET', `${keysUrl(tenantId)}?access_token=x`],
      ['GET', `${keysUrl(tenantId)}?client_id=c&client_secret=s`],
    ];
    for (const [method, url, payload] of calls) {
      const response = await t.app.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      assertProblem(response, 400, 'credential_in_query');
    }
    // The legacy pair authenticates on a route under the tenant, but a platform-only one is beyond its reach.
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/${tenantId}?${inQuery(pair)}`,
      payload: { status: 'suspended' },
    });
    assertProblem(patch, 403, 'insufficient_scope');
    const tenant = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tenants/${tenantId}`,
      headers: pair.headers,
    });
    assert.equal(tenant.json<{ status: string }>().status, 'active');
  });
});
