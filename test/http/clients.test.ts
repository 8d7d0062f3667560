import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorCode } from '../../src/core/errors.ts';
import { authenticateClient } from '../../src/services/clients/authenticate.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, type ClientView, clientsUrl, createApp, createClient } from './clients-support.ts';
import { assertNoSecret, assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const create = (tenantId: string, payload?: object) =>
  asPlatform(t, { method: 'POST', url: clientsUrl(tenantId), ...(payload === undefined ? {} : { payload }) });
const listBody = async (tenantId: string) =>
  (await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}?limit=200&includeDeleted=true` })).body;
const EMPTY_LIST = '{"items":[],"nextCursor":null}';

describe('clients: happy', () => {
  it('creates a client: 201, client_id and client_secret once, camelCase view, no-store, hashed at rest', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const response = await create(tenantId, {
      name: 'Reporting dashboard',
      scopes: ['bookings:read', 'events:read'],
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const client = response.json<ClientView>();
    assert.match(client.client_id ?? '', /^cl_[0-9A-Za-z]{20}$/);
    assert.equal(client.id, client.client_id);
    assert.match(client.client_secret ?? '', /^cs_live_[0-9A-Za-z]{30}$/);
    assert.deepEqual(
      { ...client, client_secret: undefined },
      {
        id: client.id,
        tenantId,
        appId: null,
        name: 'Reporting dashboard',
        mode: 'live',
        scopes: ['bookings:read', 'events:read'],
        status: 'active',
        expiresAt: null,
        createdAt: '2026-06-01T12:00:00.000Z',
        updatedAt: client.updatedAt,
        deletedAt: null,
        client_id: client.id,
        client_secret: undefined,
      },
    );
    const hash = t.context.peppers.hashCurrent(client.client_secret ?? '');
    assert.equal((await t.store.clients.findBySecretHash(hash))?.client.id, client.id, 'stored as its hash');
    assert.equal((await authenticateClient(t.context, client.id, client.client_secret ?? '', null)).ok, true);
    const [created] = await activity(t, tenantId, 'client.created');
    assert.partialDeepStrictEqual(created, {
      target: { type: 'client', id: client.id },
      details: { name: 'Reporting dashboard', mode: 'live', scopes: ['bookings:read', 'events:read'] },
    });
    assertNoSecret(JSON.stringify(created), client.client_secret ?? '');
  });

  it('creates a test-mode client of an app with an expiry and management permissions, as asked', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const app = await createApp(t, tenantId);
    const asked = {
      name: 'CRM sync',
      appId: app.id,
      mode: 'test',
      scopes: ['customers:read', 'profile:write', 'manage:keys', 'read:audit'],
      expiresInDays: 30,
    };
    const client = (await create(tenantId, asked)).json<ClientView>();
    assert.match(client.client_secret ?? '', /^cs_test_/);
    assert.partialDeepStrictEqual(client, { appId: app.id, mode: 'test', status: 'active' });
    assert.deepEqual(client.scopes, asked.scopes);
    assert.equal(client.expiresAt, new Date(t.clock.now() + 30 * 86_400_000).toISOString());
  });

  it('list and get show the client but never its secret or hash', async () => {
    const tenantId = await createTenant(t);
    const created = await createClient(t, tenantId, { name: 'Listed' });
    const list = await asPlatform(t, { method: 'GET', url: clientsUrl(tenantId) });
    assert.equal(list.statusCode, 200);
    const items = list.json<{ items: ClientView[] }>().items;
    assert.deepEqual(
      items.map((client) => [client.id, 'client_secret' in client, 'client_id' in client]),
      [[created.id, false, false]],
    );
    assertNoSecret(list.body, created.client_secret);
    const get = await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}/${created.id}` });
    const { client_id: _id, client_secret: _secret, ...view } = created;
    assert.deepEqual(get.json(), view);
    assertNoSecret(get.body, created.client_secret);
  });

  it('lists clients a page at a time; deleted ones only with includeDeleted=true', async () => {
    const tenantId = await createTenant(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift((await createClient(t, tenantId, { name: `c${i}` })).id);
      t.clock.advance(1);
    }
    await asPlatform(t, { method: 'DELETE', url: `${clientsUrl(tenantId)}/${ids[0]}` });
    const collect = async (query: string) => {
      const seen: ClientView[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const url = `${clientsUrl(tenantId)}?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { items: ClientView[]; nextCursor: string | null } = (
          await asPlatform(t, { method: 'GET', url })
        ).json();
        seen.push(...page.items);
        cursor = page.nextCursor;
      }
      return seen;
    };
    assert.deepEqual(
      (await collect('')).map((c) => c.id),
      ids.slice(1),
    );
    assert.deepEqual(
      (await collect('&includeDeleted=false')).map((c) => c.id),
      ids.slice(1),
    );
    const all = await collect('&includeDeleted=true');
    assert.deepEqual(
      all.map((c) => [c.id, c.status]),
      ids.map((id, i) => [id, i === 0 ? 'deleted' : 'active']),
    );
  });
  it("the OpenAPI document describes every client and app route and the create answer's OAuth names", async () => {
    type Operation = {
      responses: Record<string, { content?: Record<string, { schema: { properties: object } }> }>;
    };
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const routes: [string, string[]][] = [
      ['/api/v1/tenants/{tenantId}/apps', ['get', 'post']],
      ['/api/v1/tenants/{tenantId}/apps/{appId}', ['delete', 'get', 'patch']],
      ['/api/v1/tenants/{tenantId}/clients', ['get', 'post']],
      ['/api/v1/tenants/{tenantId}/clients/{clientId}', ['delete', 'get', 'patch']],
      ['/api/v1/tenants/{tenantId}/clients/{clientId}/rotate-secret', ['post']],
    ];
    for (const [path, methods] of routes) {
      assert.deepEqual(Object.keys(document.paths[path] ?? {}).sort(), methods, path);
    }
    const created = document.paths['/api/v1/tenants/{tenantId}/clients']?.post?.responses['201'];
    const properties = created?.content?.['application/json']?.schema.properties ?? {};
    assert.ok('client_id' in properties && 'client_secret' in properties && 'scopes' in properties);
  });
});

describe('clients: error', () => {
  const json = { 'content-type': 'application/json' };
  const bad: [string, unknown, number, ErrorCode, Record<string, string>?][] = [
    ['no scopes', { name: 'x' }, 422, 'validation_failed'],
    ['an empty scope list', { name: 'x', scopes: [] }, 422, 'validation_failed'],
    ['a scope that is not a scope name', { name: 'x', scopes: ['bookings read'] }, 422, 'validation_failed'],
    ['expiresInDays 0', { name: 'x', scopes: ['bookings:read'], expiresInDays: 0 }, 422, 'validation_failed'],
    [
      'expiresInDays 3651',
      { name: 'x', scopes: ['bookings:read'], expiresInDays: 3651 },
      422,
      'validation_failed',
    ],
    [
      'expiresInDays 1.5',
      { name: 'x', scopes: ['bookings:read'], expiresInDays: 1.5 },
      422,
      'validation_failed',
    ],
    [
      'expiresInDays as a string',
      { name: 'x', scopes: ['bookings:read'], expiresInDays: '30' },
      422,
      'validation_failed',
    ],
    ['an unknown mode', { name: 'x', scopes: ['bookings:read'], mode: 'staging' }, 422, 'validation_failed'],
    ['a 10 kB name', { name: 'n'.repeat(10_240), scopes: ['bookings:read'] }, 422, 'validation_failed'],
    [
      'a name with control characters',
      { name: 'a\u0007b', scopes: ['bookings:read'] },
      422,
      'validation_failed',
    ],
    [
      'an unknown field',
      { name: 'x', scopes: ['bookings:read'], client_secret: 'mine' },
      422,
      'validation_failed',
    ],
    [
      'a status at creation',
      { name: 'x', scopes: ['bookings:read'], status: 'active' },
      422,
      'validation_failed',
    ],
    [
      'an unknown app',
      { name: 'x', scopes: ['bookings:read'], appId: 'app_missing' },
      422,
      'validation_failed',
    ],
    ['bad JSON', '{"name":', 400, 'bad_request', json],
    ['no body at all', undefined, 422, 'validation_failed'],
  ];
  for (const [label, payload, status, code, headers] of bad) {
    it(`POST clients with ${label} → ${status} ${code}, nothing written`, async () => {
      const tenantId = await createTenant(t, { plan: 'free' });
      const response = await asPlatform(t, {
        method: 'POST',
        url: clientsUrl(tenantId),
        ...(payload === undefined ? {} : { payload: payload as string }),
        ...(headers ? { headers } : {}),
      });
      assertProblem(response, status, code);
      assert.equal(await listBody(tenantId), EMPTY_LIST);
    });
  }

  it('names an unknown scope (422) and a scope outside the plan with the plans that entitle it (403)', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const unknown = assertProblem(
      await create(tenantId, { name: 'x', scopes: ['bookings:read', 'nope:x'] }),
      422,
      'validation_failed',
    );
    assert.deepEqual(unknown.unknownScopes, ['nope:x']);
    assert.match(unknown.detail, /nope:x/);
    const plan = assertProblem(
      await create(tenantId, { name: 'x', scopes: ['manage:apps', 'bookings:write'] }),
      403,
      'plan_required',
    );
    assert.equal(plan.scope, 'bookings:write');
    assert.deepEqual(plan.plans, ['pro', 'scale']);
    assert.equal(await listBody(tenantId), EMPTY_LIST);
  });

  it("a public app's client has no secret, cannot hold management permissions, and has nothing to rotate", async () => {
    const tenantId = await createTenant(t);
    const publicApp = await createApp(t, tenantId, { type: 'public' });
    const created = await create(tenantId, { name: 'SPA', scopes: ['bookings:read'], appId: publicApp.id });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<Record<string, unknown>>();
    assert.equal(body.client_secret, undefined);
    assert.equal(body.appId, publicApp.id);
    const refused = await create(tenantId, { name: 'SPA', scopes: ['manage:keys'], appId: publicApp.id });
    assert.equal(assertProblem(refused, 422, 'validation_failed').field, 'scopes');
    const rotate = await asPlatform(t, {
      method: 'POST',
      url: `${clientsUrl(tenantId)}/${body.id}/rotate-secret`,
      payload: {},
    });
    assertProblem(rotate, 409, 'conflict');
  });

  it("refuses another tenant's app (422 naming appId); nothing written", async () => {
    const tenantId = await createTenant(t);
    const otherApp = await createApp(t, await createTenant(t));
    for (const appId of [otherApp.id]) {
      const problem = assertProblem(
        await create(tenantId, { name: 'x', scopes: ['bookings:read'], appId }),
        422,
        'validation_failed',
      );
      assert.equal(problem.field, 'appId');
      assert.equal(problem.detail.includes(otherApp.tenantId), false);
    }
    assert.equal(await listBody(tenantId), EMPTY_LIST);
  });

  it('a suspended tenant cannot create clients (403 tenant_suspended)', async () => {
    const tenantId = await createTenant(t);
    await asPlatform(t, {
      method: 'PATCH',
      url: `/api/v1/tenants/${tenantId}`,
      payload: { status: 'suspended' },
    });
    assertProblem(await create(tenantId, { name: 'x', scopes: ['bookings:read'] }), 403, 'tenant_suspended');
    assert.equal(await listBody(tenantId), EMPTY_LIST);
  });

  it('an unknown tenant or client is 404; a bad cursor or includeDeleted value is 422', async () => {
    assertProblem(await create('ten_missing', { name: 'x', scopes: ['bookings:read'] }), 404, 'not_found');
    assertProblem(await asPlatform(t, { method: 'GET', url: clientsUrl('ten_missing') }), 404, 'not_found');
    const tenantId = await createTenant(t);
    assertProblem(
      await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}/cl_missing` }),
      404,
      'not_found',
    );
    for (const query of ['cursor=WzFd', 'includeDeleted=yes', 'includeDeleted=1']) {
      assertProblem(
        await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}?${query}` }),
        422,
        'validation_failed',
      );
    }
  });
});
