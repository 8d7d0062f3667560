import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticateClient } from '../../src/services/clients/authenticate.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, type ClientView, clientsUrl, createClient } from './clients-support.ts';
import { assertNoSecret, assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY = 86_400_000;
const url = (tenantId: string, clientId: string) => `${clientsUrl(tenantId)}/${clientId}`;
const patch = (tenantId: string, clientId: string, payload: object) =>
  asPlatform(t, { method: 'PATCH', url: url(tenantId, clientId), payload });
const rotate = (tenantId: string, clientId: string, payload?: object) =>
  asPlatform(t, {
    method: 'POST',
    url: `${url(tenantId, clientId)}/rotate-secret`,
    ...(payload === undefined ? {} : { payload }),
  });
const remove = (tenantId: string, clientId: string) =>
  asPlatform(t, { method: 'DELETE', url: url(tenantId, clientId) });
const read = (tenantId: string, clientId: string) =>
  asPlatform(t, { method: 'GET', url: url(tenantId, clientId) });
const authenticate = async (clientId: string, secret: string) => {
  const result = await authenticateClient(t.context, clientId, secret, null);
  return result.ok ? 'ok' : result.reason;
};

describe('client lifecycle: happy', () => {
  it('suspend and resume: status follows, authentication follows, the feed records both', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    const suspended = await patch(tenantId, client.id, { status: 'suspended' });
    assert.equal(suspended.statusCode, 200, suspended.body);
    assert.equal(suspended.json<ClientView>().status, 'suspended');
    assert.equal(await authenticate(client.id, client.client_secret), 'suspended');
    const resumed = await patch(tenantId, client.id, { status: 'active' });
    assert.equal(resumed.json<ClientView>().status, 'active');
    assert.equal(await authenticate(client.id, client.client_secret), 'ok');
    assert.deepEqual(
      (await activity(t, tenantId))
        .filter((row) => row.action !== 'client.authentication_failed')
        .slice(0, 2)
        .map((row) => [row.action, row.target.id]),
      [
        ['client.resumed', client.id],
        ['client.suspended', client.id],
      ],
    );
    await patch(tenantId, client.id, { status: 'active' });
    assert.equal((await activity(t, tenantId, 'client.resumed')).length, 1, 'a no-op is not logged');
  });

  it('scope updates need no rotation: same secret, new scopes, the feed has old and new', async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const client = await createClient(t, tenantId, { scopes: ['customers:read'] });
    const response = await patch(tenantId, client.id, {
      scopes: ['customers:read', 'profile:write', 'manage:apps'],
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<ClientView>().scopes, ['customers:read', 'profile:write', 'manage:apps']);
    const authenticated = await authenticateClient(t.context, client.id, client.client_secret, null);
    assert.deepEqual(authenticated.ok && authenticated.client.scopes, [
      'customers:read',
      'profile:write',
      'manage:apps',
    ]);
    const [changed] = await activity(t, tenantId, 'client.scopes_changed');
    assert.deepEqual(changed?.details, {
      old: ['customers:read'],
      new: ['customers:read', 'profile:write', 'manage:apps'],
    });
  });

  it('rotate-secret without a body: same client_id, new secret once, the old one refused at once', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    const response = await rotate(tenantId, client.id);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const rotated = response.json<ClientView>();
    assert.equal(rotated.client_id, client.id);
    assert.equal(rotated.id, client.id);
    assert.match(rotated.client_secret ?? '', /^cs_live_/);
    assert.notEqual(rotated.client_secret, client.client_secret);
    assert.equal(await authenticate(client.id, client.client_secret), 'invalid_secret');
    assert.equal(await authenticate(client.id, rotated.client_secret ?? ''), 'ok');
    const got = await read(tenantId, client.id);
    assertNoSecret(got.body, rotated.client_secret ?? '');
    const [logged] = await activity(t, tenantId, 'client.secret_rotated');
    assert.deepEqual(logged?.details, { gracePeriodSeconds: 0 });
  });

  it('rotate-secret with gracePeriodSeconds: the old secret works until the grace ends', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    const fresh = (await rotate(tenantId, client.id, { gracePeriodSeconds: 600 })).json<ClientView>();
    assert.equal(await authenticate(client.id, client.client_secret), 'ok');
    t.clock.advance(599_000);
    assert.equal(await authenticate(client.id, client.client_secret), 'ok');
    t.clock.advance(1000);
    assert.equal(await authenticate(client.id, client.client_secret), 'invalid_secret');
    assert.equal(await authenticate(client.id, fresh.client_secret ?? ''), 'ok');
  });

  it('expiry: status expired after expiresInDays; it cannot be re-activated, changed or rotated (409)', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId, { expiresInDays: 1 });
    await patch(tenantId, client.id, { status: 'suspended' });
    t.clock.advance(DAY);
    assert.equal((await read(tenantId, client.id)).json<ClientView>().status, 'expired');
    assertProblem(await patch(tenantId, client.id, { status: 'active' }), 409, 'conflict');
    assertProblem(await patch(tenantId, client.id, { scopes: ['events:read'] }), 409, 'conflict');
    assertProblem(await rotate(tenantId, client.id), 409, 'conflict');
    assert.equal((await read(tenantId, client.id)).json<ClientView>().status, 'expired');
    assert.equal(await authenticate(client.id, client.client_secret), 'expired');
  });

  it('delete: status deleted, then 404 everywhere but the includeDeleted list; unrecoverable', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    const response = await remove(tenantId, client.id);
    assert.equal(response.statusCode, 200, response.body);
    assert.partialDeepStrictEqual(response.json(), {
      id: client.id,
      status: 'deleted',
      deletedAt: new Date(t.clock.now()).toISOString(),
    });
    assertNoSecret(response.body, client.client_secret);
    assertProblem(await read(tenantId, client.id), 404, 'not_found');
    assertProblem(await patch(tenantId, client.id, { status: 'active' }), 404, 'not_found');
    assertProblem(await rotate(tenantId, client.id), 404, 'not_found');
    assertProblem(await remove(tenantId, client.id), 404, 'not_found');
    const listed = await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}?includeDeleted=true` });
    assert.deepEqual(
      listed.json<{ items: ClientView[] }>().items.map((c) => [c.id, c.status]),
      [[client.id, 'deleted']],
    );
    assert.equal(await authenticate(client.id, client.client_secret), 'deleted');
    assert.equal((await activity(t, tenantId, 'client.deleted'))[0]?.target.id, client.id);
  });
});

describe('client lifecycle: error', () => {
  it('bad PATCH bodies are 422 and change nothing', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    const client = await createClient(t, tenantId);
    const before = (await read(tenantId, client.id)).body;
    const bodies = [
      {},
      { status: 'deleted' },
      { status: 'expired' },
      { scopes: [] },
      { scopes: ['nope:x'] },
      { name: 'renamed' },
      { scopes: 'bookings:read' },
    ];
    for (const body of bodies)
      assertProblem(await patch(tenantId, client.id, body), 422, 'validation_failed');
    assertProblem(await patch(tenantId, client.id, { scopes: ['bookings:write'] }), 403, 'plan_required');
    assert.equal((await read(tenantId, client.id)).body, before);
  });

  it('a bad grace period is 422 and the old secret still works', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    for (const body of [
      { gracePeriodSeconds: -1 },
      { gracePeriodSeconds: 1.5 },
      { gracePeriodSeconds: '60' },
      { gracePeriodSeconds: 30 * 86_400 + 1 },
      { grace: 60 },
    ]) {
      assertProblem(await rotate(tenantId, client.id, body), 422, 'validation_failed');
    }
    assert.equal(await authenticate(client.id, client.client_secret), 'ok');
    assert.equal((await activity(t, tenantId, 'client.secret_rotated')).length, 0);
  });

  it('the longest grace period (30 days) is accepted', async () => {
    const tenantId = await createTenant(t);
    const client = await createClient(t, tenantId);
    assert.equal((await rotate(tenantId, client.id, { gracePeriodSeconds: 30 * 86_400 })).statusCode, 200);
    t.clock.advance(30 * DAY - 1);
    assert.equal(await authenticate(client.id, client.client_secret), 'ok');
  });
});
