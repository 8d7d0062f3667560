import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';
import { createKeyPair, m2mToken } from './management-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Headers = Record<string, string>;
const keysUrl = (tenantId: string) => `/api/v1/tenants/${tenantId}/keys`;
const clientsUrl = (tenantId: string) => `/api/v1/tenants/${tenantId}/clients`;
const pairsUrl = (tenantId: string) => `/api/v1/tenants/${tenantId}/management-keys`;

const as = (headers: Headers, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });

/** A test-mode credential of each kind, with every permission the cases need. */
async function testCredentials(tenantId: string): Promise<[string, Headers][]> {
  const permissions = ['manage:keys', 'manage:clients', 'manage:management-keys'] as const;
  const pair = await createKeyPair(t, tenantId, permissions, 'test automation', 'test');
  const token = await m2mToken(t, tenantId, permissions, undefined, 'test');
  return [
    ['a test-mode key pair', pair.headers],
    ['a test-mode M2M token', { authorization: token.authorization }],
  ];
}

describe('mode confinement: a test-mode credential sees and manages only test-mode objects', () => {
  it('API keys: live ones are 404 to it, its new keys are test keys, a live key is refused', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const live = await createKey(t, tenantId, { mode: 'live' });
    const test = await createKey(t, tenantId, { mode: 'test' });
    for (const [who, headers] of await testCredentials(tenantId)) {
      const listed = (await as(headers, 'GET', keysUrl(tenantId))).json<{ items: { id: string }[] }>();
      assert.ok(
        listed.items.some((key) => key.id === test.id),
        who,
      );
      assert.ok(!listed.items.some((key) => key.id === live.id), `${who} lists a live key`);
      assert.equal((await as(headers, 'GET', `${keysUrl(tenantId)}/${test.id}`)).statusCode, 200, who);
      for (const [method, suffix] of [
        ['GET', ''],
        ['DELETE', ''],
        ['POST', '/roll'],
      ] as const) {
        const response = await as(headers, method, `${keysUrl(tenantId)}/${live.id}${suffix}`);
        assertProblem(response, 404, 'not_found');
      }
      const created = await as(headers, 'POST', keysUrl(tenantId), { name: 'made in test mode' });
      assert.equal(created.statusCode, 201, created.body);
      const issued = created.json<{ mode: string; key: string }>();
      assert.equal(issued.mode, 'test', `${who}: a key without a mode takes the credential's`);
      assert.match(issued.key, /^sk_test_/);
      const refused = await as(headers, 'POST', keysUrl(tenantId), { name: 'live', mode: 'live' });
      assertProblem(refused, 403, 'insufficient_scope');
    }
    const stillLive = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${live.id}` });
    assert.equal(stillLive.json<{ status: string }>().status, 'active', 'nothing touched the live key');
  });

  it('clients and key pairs: the same rule', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const liveClient = await createClient(t, tenantId, { mode: 'live', scopes: ['bookings:read'] });
    const livePair = await createKeyPair(t, tenantId, ['read:tenant']);
    for (const [who, headers] of await testCredentials(tenantId)) {
      for (const url of [
        `${clientsUrl(tenantId)}/${liveClient.id}`,
        `${pairsUrl(tenantId)}/${livePair.id}`,
      ]) {
        assertProblem(await as(headers, 'GET', url), 404, 'not_found');
        assertProblem(await as(headers, 'DELETE', url), 404, 'not_found');
      }
      assertProblem(
        await as(headers, 'POST', `${clientsUrl(tenantId)}/${liveClient.id}/rotate-secret`),
        404,
        'not_found',
      );
      const clients = (await as(headers, 'GET', clientsUrl(tenantId))).json<{ items: { mode: string }[] }>();
      assert.ok(
        clients.items.every((client) => client.mode === 'test'),
        who,
      );
      const pairs = (await as(headers, 'GET', pairsUrl(tenantId))).json<{ items: { mode: string }[] }>();
      assert.ok(pairs.items.length > 0 && pairs.items.every((pair) => pair.mode === 'test'), who);
      const client = await as(headers, 'POST', clientsUrl(tenantId), {
        name: 'test client',
        scopes: ['bookings:read'],
      });
      assert.equal(client.json<{ mode: string }>().mode, 'test', who);
      const pair = await as(headers, 'POST', pairsUrl(tenantId), { name: 'p', permissions: ['manage:keys'] });
      const issued = pair.json<{ mode: string; apiSecret: string }>();
      assert.equal(issued.mode, 'test', who);
      assert.match(issued.apiSecret, /^ms_test_/);
      assertProblem(
        await as(headers, 'POST', clientsUrl(tenantId), {
          name: 'c',
          scopes: ['bookings:read'],
          mode: 'live',
        }),
        403,
        'insufficient_scope',
      );
    }
  });

  it('a platform key sees and manages both modes', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const live = await createKey(t, tenantId, { mode: 'live' });
    const test = await createKey(t, tenantId, { mode: 'test' });
    const listed = (await asPlatform(t, { method: 'GET', url: keysUrl(tenantId) })).json<{
      items: { id: string }[];
    }>();
    assert.deepEqual(listed.items.map((key) => key.id).sort(), [live.id, test.id].sort());
    const created = await asPlatform(t, { method: 'POST', url: keysUrl(tenantId), payload: { name: 'k' } });
    assert.equal(created.json<{ mode: string }>().mode, 'live', 'without a mode, a platform key makes live');
  });
});

describe('mode confinement: the audit feeds', () => {
  it('a test-mode credential reads the calls and the activity of test-mode objects only', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const live = await createKey(t, tenantId, { mode: 'live' });
    const test = await createKey(t, tenantId, { mode: 'test' });
    for (const key of [live.key, test.key]) {
      const verified = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${t.verifierKey}` },
        payload: { key },
      });
      assert.equal(verified.json<{ valid: boolean }>().valid, true);
    }
    const reader = (await createKeyPair(t, tenantId, ['read:audit'], 'auditor', 'test')).headers;
    const requests = await as(reader, 'GET', `/api/v1/tenants/${tenantId}/audit/requests`);
    const calls = requests.json<{ items: { credentialId: string }[] }>().items.map((row) => row.credentialId);
    assert.deepEqual(calls, [test.id], 'only the test key’s call');
    const activity = await as(reader, 'GET', `/api/v1/tenants/${tenantId}/audit/activity`);
    const rows = activity.json<{ items: { action: string; target: { id: string } }[] }>().items;
    assert.ok(rows.some((row) => row.target.id === test.id && row.action === 'key.created'));
    assert.ok(!rows.some((row) => row.target.id === live.id), 'no row about the live key');
    assert.ok(
      rows.some((row) => row.action === 'tenant.created'),
      'rows about the tenant, of both modes, stay',
    );
    const all = await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${tenantId}/audit/requests` });
    assert.equal(all.json<{ items: unknown[] }>().items.length, 2, 'the platform key reads both');
  });
});
