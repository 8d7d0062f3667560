import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createApp, createClient } from './clients-support.ts';
import { createKeyPair } from './management-support.ts';
import { introspect, tokenFor } from './oauth-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Headers = Record<string, string>;
const as = (headers: Headers, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

async function platformKey(permissions: string[]): Promise<Headers> {
  const created = await asPlatform(t, {
    method: 'POST',
    url: '/api/v1/platform/keys',
    payload: { name: permissions.join('+'), permissions },
  });
  assert.equal(created.statusCode, 201, created.body);
  return { authorization: `Bearer ${created.json<{ key: string }>().key}` };
}

interface PlatformRow {
  tenantId: string | null;
  action: string;
  details: { reason?: string };
}

describe('reach: what each credential may hand out and where its refusals are written', () => {
  it('a platform key grants only platform permissions it holds: manage cannot mint verify or *', async () => {
    const manage = await platformKey(['manage']);
    for (const permissions of [['*'], ['verify'], ['manage', 'verify']]) {
      const refused = await as(manage, 'POST', '/api/v1/platform/keys', { name: 'stronger', permissions });
      assert.ok(assertProblem(refused, 403, 'insufficient_scope').missingScopes, JSON.stringify(permissions));
    }
    const same = await as(manage, 'POST', '/api/v1/platform/keys', { name: 'peer', permissions: ['manage'] });
    assert.equal(same.statusCode, 201, same.body);
    const all = await as({ authorization: `Bearer ${t.platformKey}` }, 'POST', '/api/v1/platform/keys', {
      name: 'verifier',
      permissions: ['verify'],
    });
    assert.equal(all.statusCode, 201, 'a * key grants anything');
  });

  it("a platform key's denial on a tenant path goes to the platform feed, not to the tenant the path names", async () => {
    const verifier = { authorization: `Bearer ${t.verifierKey}` };
    const made = 'ten_Doesnotexist00000000';
    assertProblem(await as(verifier, 'GET', `/api/v1/tenants/${made}/keys`), 403, 'insufficient_scope');
    const feed = await asPlatform(t, {
      method: 'GET',
      url: '/api/v1/platform/audit/activity?action=access.denied',
    });
    const rows = feed.json<{ items: PlatformRow[] }>().items;
    assert.ok(rows.some((row) => row.tenantId === null && row.details.reason === 'manage'));
    assert.ok(!rows.some((row) => row.tenantId === made), 'no row for a tenant that does not exist');
  });

  it('a live key pair manages its tenant in both modes; a test one only its test objects', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const testKey = await createKey(t, tenantId, { mode: 'test' });
    const live = (await createKeyPair(t, tenantId, ['manage:keys'])).headers;
    const keys = (await as(live, 'GET', `/api/v1/tenants/${tenantId}/keys`)).json<{
      items: { id: string }[];
    }>();
    assert.ok(
      keys.items.some((key) => key.id === testKey.id),
      'a live pair sees test keys',
    );
    const sandbox = await as(live, 'POST', `/api/v1/tenants/${tenantId}/keys`, {
      name: 'sandbox',
      mode: 'test',
    });
    assert.equal(sandbox.statusCode, 201, sandbox.body);
    const made = await as(live, 'POST', `/api/v1/tenants/${tenantId}/keys`, { name: 'default' });
    assert.equal(made.json<{ mode: string }>().mode, 'live');
  });

  it('an app serves both modes: a test-mode pair reads it but cannot change it', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const app = await createApp(t, tenantId, { name: 'Shared', allowedOrigins: ['https://app.example.com'] });
    const test = (await createKeyPair(t, tenantId, ['manage:apps'], 'sandbox', 'test')).headers;
    const url = `/api/v1/tenants/${tenantId}/apps`;
    assert.equal((await as(test, 'GET', `${url}/${app.id}`)).statusCode, 200);
    assertProblem(await as(test, 'POST', url, { name: 'Mine' }), 403, 'insufficient_scope');
    const changed = await as(test, 'PATCH', `${url}/${app.id}`, { allowedOrigins: ['https://evil.example'] });
    assertProblem(changed, 403, 'insufficient_scope');
    assertProblem(await as(test, 'DELETE', `${url}/${app.id}`), 403, 'insufficient_scope');
    const after = await asPlatform(t, { method: 'GET', url: `${url}/${app.id}` });
    assert.deepEqual(after.json<{ allowedOrigins: string[] }>().allowedOrigins, ['https://app.example.com']);
  });

  it("a test-mode client's introspection finds a live token of its own tenant inactive", async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const liveClient = await createClient(t, tenantId, { mode: 'live' });
    const testClient = await createClient(t, tenantId, { mode: 'test' });
    const liveToken = await tokenFor(t, liveClient);
    const testToken = await tokenFor(t, testClient);
    const asTest = { basic: testClient };
    assert.deepEqual(await introspect(t, liveToken, asTest), { active: false });
    assert.equal((await introspect(t, testToken, asTest)).active, true);
    assert.equal((await introspect(t, liveToken, { basic: liveClient })).active, true);
  });

  it('a tenant update that changes nothing writes nothing: no row, no new updatedAt', async () => {
    const tenantId = await createTenant(t, { plan: 'pro', name: 'Same' });
    const url = `/api/v1/tenants/${tenantId}`;
    const before = (await asPlatform(t, { method: 'GET', url })).json<{ updatedAt: string }>();
    t.clock.advance(1000);
    const patched = await asPlatform(t, {
      method: 'PATCH',
      url,
      payload: { name: 'Same', plan: 'pro', status: 'active' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<{ updatedAt: string }>().updatedAt, before.updatedAt);
    const feed = await asPlatform(t, { method: 'GET', url: `${url}/audit/activity` });
    const actions = feed.json<{ items: { action: string }[] }>().items.map((row) => row.action);
    assert.deepEqual(actions, ['tenant.created']);
  });
});
