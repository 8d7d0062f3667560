import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorCode } from '../../src/core/errors.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem } from './support.ts';

interface Tenant {
  id: string;
  name: string;
  plan: string;
  status: 'active' | 'suspended';
  createdAt: string;
  updatedAt: string;
}
interface TenantPage {
  items: Tenant[];
  nextCursor: string | null;
}

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const patch = (id: string, payload: Record<string, unknown>) =>
  asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${id}`, payload });
const listAll = async () => (await asPlatform(t, { method: 'GET', url: '/api/v1/tenants?limit=200' })).body;

describe('tenants: happy', () => {
  it('creates a tenant on a named plan, and on the default plan when none is named', async () => {
    const response = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/tenants',
      payload: { name: 'Acme', plan: 'pro' },
    });
    assert.equal(response.statusCode, 201);
    const tenant = response.json<Tenant>();
    assert.match(tenant.id, /^ten_/);
    assert.deepEqual(
      { name: tenant.name, plan: tenant.plan, status: tenant.status },
      { name: 'Acme', plan: 'pro', status: 'active' },
    );
    assert.equal(tenant.createdAt, new Date(t.clock.now()).toISOString());
    const fallback = await asPlatform(t, {
      method: 'POST',
      url: '/api/v1/tenants',
      payload: { name: 'Plain' },
    });
    assert.equal(fallback.json<Tenant>().plan, t.config.defaultPlan);
  });

  it('gets a tenant by id', async () => {
    const id = await createTenant(t, { name: 'Readable', plan: 'scale' });
    const response = await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${id}` });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      {
        id: response.json<Tenant>().id,
        name: response.json<Tenant>().name,
        plan: response.json<Tenant>().plan,
      },
      { id, name: 'Readable', plan: 'scale' },
    );
  });

  it('lists tenants newest first; the cursor walks every tenant exactly once', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      created.push(await createTenant(t, { name: `Paged ${i}` }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await asPlatform(t, { method: 'GET', url: `/api/v1/tenants?limit=2${query}` });
      assert.equal(response.statusCode, 200);
      const page = response.json<TenantPage>();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((tenant) => tenant.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    assert.equal(new Set(seen).size, seen.length, 'no tenant appears twice');
    assert.deepEqual(seen.slice(0, 5), [...created].reverse(), 'newest first');
    assert.ok(pages >= 3);
  });

  it('renames and changes the plan; the change shows in GET', async () => {
    const id = await createTenant(t, { name: 'Before', plan: 'free' });
    t.clock.advance(60_000);
    const response = await patch(id, { name: 'After', plan: 'pro' });
    assert.equal(response.statusCode, 200);
    const tenant = response.json<Tenant>();
    assert.deepEqual({ name: tenant.name, plan: tenant.plan }, { name: 'After', plan: 'pro' });
    assert.notEqual(tenant.updatedAt, tenant.createdAt);
    const read = await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${id}` });
    assert.equal(read.json<Tenant>().plan, 'pro');
  });

  it('suspending stops every key of the tenant (verify and whoami); resuming re-lights them', async () => {
    const id = await createTenant(t, { plan: 'free' });
    const keys = [await createKey(t, id), await createKey(t, id, { mode: 'test' })];
    const whoami = (key: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `ApiKey ${key}` } });

    const suspended = await patch(id, { status: 'suspended' });
    assert.equal(suspended.json<Tenant>().status, 'suspended');
    for (const { key } of keys) {
      assert.equal((await verify(t, { key })).code, 'tenant_suspended');
      assert.equal((await verify(t, { key })).valid, false);
      assertProblem(await whoami(key), 401, 'invalid_credential');
    }
    assertProblem(
      await asPlatform(t, { method: 'POST', url: `/api/v1/tenants/${id}/keys`, payload: { name: 'new' } }),
      403,
      'tenant_suspended',
    );

    assert.equal((await patch(id, { status: 'active' })).json<Tenant>().status, 'active');
    for (const { key } of keys) {
      assert.equal((await verify(t, { key })).valid, true);
      assert.equal((await whoami(key)).statusCode, 200);
    }
  });
});

describe('tenants: error', () => {
  const badCreates: [string, string | object, number, ErrorCode, Record<string, string>?][] = [
    ['an unknown plan', { name: 'x', plan: 'gold' }, 422, 'validation_failed'],
    ['a missing name', { plan: 'free' }, 422, 'validation_failed'],
    ['an empty name', { name: '   ' }, 422, 'validation_failed'],
    ['a 10 kB name', { name: 'n'.repeat(10_240) }, 422, 'validation_failed'],
    ['a name with NUL', { name: 'a\u0000b' }, 422, 'validation_failed'],
    ['a name with a right-to-left override', { name: 'invoice\u202eexe.pdf' }, 422, 'validation_failed'],
    ['an unknown field', { name: 'x', owner: 'me' }, 422, 'validation_failed'],
    ['a wrong type', { name: 42 }, 422, 'validation_failed'],
    ['bad JSON', '{"name": "x",', 400, 'bad_request', { 'content-type': 'application/json' }],
    ['an empty JSON body', '', 400, 'bad_request', { 'content-type': 'application/json' }],
    [
      'a prototype-poisoning body',
      '{"name":"x","__proto__":{"admin":true}}',
      400,
      'bad_request',
      { 'content-type': 'application/json' },
    ],
    ['a body over 64 KiB', { name: 'x'.repeat(70_000) }, 413, 'payload_too_large'],
    ['a text/plain body', 'name=x', 415, 'unsupported_media_type', { 'content-type': 'text/plain' }],
    [
      'a form body',
      'name=x',
      415,
      'unsupported_media_type',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
  ];
  for (const [label, payload, status, code, headers] of badCreates) {
    it(`POST /tenants with ${label} → ${status} ${code}, nothing written`, async () => {
      const before = await listAll();
      const response = await asPlatform(t, {
        method: 'POST',
        url: '/api/v1/tenants',
        payload,
        ...(headers ? { headers } : {}),
      });
      assertProblem(response, status, code);
      assert.equal(await listAll(), before);
    });
  }

  it('names the field and the known plans for an unknown plan', async () => {
    const problem = assertProblem(
      await asPlatform(t, { method: 'POST', url: '/api/v1/tenants', payload: { name: 'x', plan: 'gold' } }),
      422,
      'validation_failed',
    );
    assert.equal(problem.field, 'plan');
    assert.deepEqual(problem.plans, ['free', 'pro', 'scale']);
  });

  it('PATCH refuses an empty change, an unknown plan, an unknown status and unknown fields; nothing changes', async () => {
    const id = await createTenant(t, { name: 'Stable', plan: 'free' });
    const before = (await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${id}` })).body;
    for (const body of [
      {},
      { plan: 'gold' },
      { status: 'deleted' },
      { name: 'x', id: 'ten_other' },
      { name: '\u0007' },
    ]) {
      assertProblem(await patch(id, body), 422, 'validation_failed');
    }
    assert.equal((await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${id}` })).body, before);
  });

  it('an unknown tenant is 404 for GET and PATCH; a bad cursor or limit is 422', async () => {
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/tenants/ten_doesnotexist' }),
      404,
      'not_found',
    );
    assertProblem(await patch('ten_doesnotexist', { name: 'x' }), 404, 'not_found');
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/tenants?cursor=%%%' }),
      422,
      'validation_failed',
    );
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/tenants?limit=0' }),
      422,
      'validation_failed',
    );
    assertProblem(
      await asPlatform(t, { method: 'GET', url: '/api/v1/tenants?limit=abc' }),
      422,
      'validation_failed',
    );
  });
});

describe('tenants: security', () => {
  const app = () => t;
  const tenantUrl = async (s: TestApp) => `/api/v1/tenants/${await createTenant(s)}`;
  const read = async (s: TestApp, url: string) => (await asPlatform(s, { method: 'GET', url })).body;
  securityCases(app, {
    method: 'POST',
    path: '/api/v1/tenants',
    url: async () => '/api/v1/tenants',
    body: { name: 'Refused' },
    okStatus: 201,
    snapshot: (s) => read(s, '/api/v1/tenants?limit=200'),
  });
  securityCases(app, {
    method: 'GET',
    path: '/api/v1/tenants',
    url: async () => '/api/v1/tenants',
    okStatus: 200,
  });
  securityCases(app, {
    method: 'GET',
    path: '/api/v1/tenants/:tenantId',
    url: tenantUrl,
    okStatus: 200,
    tenantPermission: 'read:tenant',
  });
  securityCases(app, {
    method: 'PATCH',
    path: '/api/v1/tenants/:tenantId',
    url: tenantUrl,
    body: { plan: 'scale' },
    okStatus: 200,
    snapshot: read,
  });
});
