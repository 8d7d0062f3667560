import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../src/core/ids.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { activity, createApp, createClient } from './clients-support.ts';
import { asBrowser, createUser, handoffBrowser } from './people-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const url = (tenantId: string, id = '') => `/api/v1/tenants/${tenantId}/installations${id ? `/${id}` : ''}`;

/** An installation written straight to the store, as an approval would (the flow is tested elsewhere). */
async function installed(tenantId: string): Promise<string> {
  const app = await createApp(t, tenantId, {
    name: 'Court Sync',
    redirectUris: ['https://app.example.com/cb'],
    logoUrl: 'https://app.example.com/logo.png',
    homepageUrl: 'https://app.example.com',
  });
  const client = await createClient(t, tenantId, { appId: app.id });
  const user = await createUser(t, {
    email: `${newId('user', t.context.random)}@example.com`,
    name: 'Ada Owner',
  });
  const id = newId('installation', t.context.random);
  const now = t.clock.now();
  await t.store.installations.insert({
    id,
    tenantId,
    clientId: client.id,
    appId: app.id,
    scopes: ['bookings:read'],
    resource: null,
    approvedBy: user.id,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
  return id;
}

describe('installations', () => {
  it('lists and reads a live installation; uninstalling hides it and writes installation.removed', async () => {
    const tenantId = await createTenant(t);
    const id = await installed(tenantId);
    const list = await asPlatform(t, { method: 'GET', url: url(tenantId) });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json<{ items: { id: string }[] }>().items.map((item) => item.id),
      [id],
    );
    const got = await asPlatform(t, { method: 'GET', url: url(tenantId, id) });
    assert.partialDeepStrictEqual(got.json(), { id, tenantId, scopes: ['bookings:read'], resource: null });
    // What the console shows to recognise it: the app as its owner describes it, and who approved it.
    assert.deepEqual(got.json().app, {
      name: 'Court Sync',
      logoUrl: 'https://app.example.com/logo.png',
      homepageUrl: 'https://app.example.com',
      publisher: 'tenant',
    });
    assert.equal(got.json().approvedByName, 'Ada Owner');
    assert.equal((await asPlatform(t, { method: 'DELETE', url: url(tenantId, id) })).statusCode, 204);
    assertProblem(await asPlatform(t, { method: 'GET', url: url(tenantId, id) }), 404, 'not_found');
    assertProblem(await asPlatform(t, { method: 'DELETE', url: url(tenantId, id) }), 404, 'not_found');
    assert.equal(
      (await asPlatform(t, { method: 'GET', url: url(tenantId) })).body,
      '{"items":[],"nextCursor":null}',
    );
    const [removed] = await activity(t, tenantId, 'installation.removed');
    assert.partialDeepStrictEqual(removed, { target: { type: 'installation', id } });
  });

  it("another tenant's installation is 404 to a member of this one", async () => {
    const mine = await createTenant(t);
    const theirs = await createTenant(t);
    const id = await installed(theirs);
    const owner = await handoffBrowser(t, mine, 'owner');
    assertProblem(await asBrowser(t, owner, { method: 'GET', url: url(theirs, id) }), 404, 'not_found');
    assertProblem(await asBrowser(t, owner, { method: 'GET', url: url(mine, id) }), 404, 'not_found');
    assertProblem(await asBrowser(t, owner, { method: 'DELETE', url: url(mine, id) }), 404, 'not_found');
    assert.equal((await asPlatform(t, { method: 'GET', url: url(theirs, id) })).statusCode, 200);
  });

  it('a viewer reads installations but cannot remove one; a manager can', async () => {
    const tenantId = await createTenant(t);
    const id = await installed(tenantId);
    const viewer = await handoffBrowser(t, tenantId, 'viewer');
    assert.equal((await asBrowser(t, viewer, { method: 'GET', url: url(tenantId, id) })).statusCode, 200);
    const refused = await asBrowser(t, viewer, { method: 'DELETE', url: url(tenantId, id) });
    assert.deepEqual(assertProblem(refused, 403, 'insufficient_scope').missingScopes, ['manage:apps']);
    const manager = await handoffBrowser(t, tenantId, 'manager');
    assert.equal((await asBrowser(t, manager, { method: 'DELETE', url: url(tenantId, id) })).statusCode, 204);
  });
});
