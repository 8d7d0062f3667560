import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { type ClientView, clientsUrl, createApp, createClient } from './clients-support.ts';
import {
  asKeyPair,
  createKeyPair,
  type ManagementKeyView,
  managementKeysUrl,
  revokeKeyPair,
} from './management-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const DAY = 86_400_000;

async function listAll<T>(url: string, limit = 1): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page = await asPlatform(t, {
      method: 'GET',
      url: `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    assert.equal(page.statusCode, 200, page.body);
    const body = page.json<{ items: T[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

const names = (items: { name: string }[]) => items.map((item) => item.name);

describe('client list filters: happy', () => {
  let tenantId: string;
  let appId: string;
  before(async () => {
    tenantId = await createTenant(t, { plan: 'pro' });
    appId = (await createApp(t, tenantId)).id;
    // Oldest first, a second apart; the list answers newest first.
    const created = async (body: Record<string, unknown>) => {
      t.clock.advance(1000);
      return createClient(t, tenantId, body);
    };
    await created({ name: 'Sync active' });
    const suspended = await created({ name: 'Sync suspended', appId });
    await created({ name: 'Report expiring', expiresInDays: 1 });
    await created({ name: 'Report test', mode: 'test', appId });
    const deleted = await created({ name: 'Sync deleted', appId });
    await created({ name: 'sync lower case' });
    await asPlatform(t, {
      method: 'PATCH',
      url: `${clientsUrl(tenantId)}/${suspended.id}`,
      payload: { status: 'suspended' },
    });
    await asPlatform(t, { method: 'DELETE', url: `${clientsUrl(tenantId)}/${deleted.id}` });
    t.clock.advance(2 * DAY);
  });

  it('status filters by the status shown now, expired following from the expiry date, page by page', async () => {
    const url = clientsUrl(tenantId);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?status=active`)), [
      'sync lower case',
      'Report test',
      'Sync active',
    ]);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?status=suspended`)), ['Sync suspended']);
    const expired = await listAll<ClientView>(`${url}?status=expired&includeDeleted=true`);
    assert.deepEqual(
      expired.map((client) => [client.name, client.status]),
      [['Report expiring', 'expired']],
    );
    assert.deepEqual(
      (await listAll<ClientView>(`${url}?status=deleted`)).map((client) => [client.name, client.status]),
      [['Sync deleted', 'deleted']],
    );
  });

  it('mode, appId and namePrefix narrow the list, together with includeDeleted and each other', async () => {
    const url = clientsUrl(tenantId);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?mode=test`)), ['Report test']);
    assert.equal((await listAll<ClientView>(`${url}?mode=live`)).length, 4);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?appId=${appId}`)), [
      'Report test',
      'Sync suspended',
    ]);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?appId=${appId}&includeDeleted=true`)), [
      'Sync deleted',
      'Report test',
      'Sync suspended',
    ]);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?namePrefix=Sync`, 2)), [
      'Sync suspended',
      'Sync active',
    ]);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?namePrefix=Sync&includeDeleted=true`)), [
      'Sync deleted',
      'Sync suspended',
      'Sync active',
    ]);
    assert.deepEqual(names(await listAll<ClientView>(`${url}?namePrefix=Report&mode=live&status=expired`)), [
      'Report expiring',
    ]);
    assert.deepEqual(await listAll<ClientView>(`${url}?namePrefix=%25`), [], 'no wildcard');
    assert.deepEqual(await listAll<ClientView>(`${url}?appId=app_unknown`), []);
  });

  it('a test-mode credential asking for live clients lists none; asking for test lists its own', async () => {
    const pair = await createKeyPair(t, tenantId, ['manage:clients'], 'sandbox', 'test');
    const list = async (query: string) => {
      const response = await asKeyPair(t, pair, { method: 'GET', url: `${clientsUrl(tenantId)}${query}` });
      assert.equal(response.statusCode, 200, response.body);
      return names(response.json<{ items: ClientView[] }>().items);
    };
    assert.deepEqual(await list('?mode=live'), []);
    assert.deepEqual(await list('?mode=test'), ['Report test']);
    assert.deepEqual(await list(''), ['Report test']);
  });
});

describe('client list filters: error', () => {
  it('bad filter values are 422 naming the field', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    for (const query of [
      'status=paused',
      'status=',
      'mode=sandbox',
      'includeDeleted=yes',
      `namePrefix=${'a'.repeat(201)}`,
      'namePrefix=',
      'appId=',
      `appId=${'a'.repeat(65)}`,
      'colour=blue',
    ]) {
      const response = await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}?${query}` });
      assertProblem(response, 422, 'validation_failed');
    }
    const ok = await asPlatform(t, {
      method: 'GET',
      url: `${clientsUrl(tenantId)}?namePrefix=${'a'.repeat(200)}`,
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });
});

describe('management key list filters', () => {
  it('mode and status narrow the list, page by page; bad values are 422', async () => {
    const tenantId = await createTenant(t, { plan: 'free' });
    await createKeyPair(t, tenantId, ['read:audit'], 'live one');
    t.clock.advance(1000);
    const revoked = await createKeyPair(t, tenantId, ['read:audit'], 'live revoked');
    t.clock.advance(1000);
    await createKeyPair(t, tenantId, ['read:audit'], 'test one', 'test');
    await revokeKeyPair(t, tenantId, revoked.id);
    const url = managementKeysUrl(tenantId);
    assert.deepEqual(names(await listAll<ManagementKeyView>(`${url}?mode=live`)), [
      'live revoked',
      'live one',
    ]);
    assert.deepEqual(names(await listAll<ManagementKeyView>(`${url}?mode=test`)), ['test one']);
    assert.deepEqual(names(await listAll<ManagementKeyView>(`${url}?status=revoked`)), ['live revoked']);
    assert.deepEqual(names(await listAll<ManagementKeyView>(`${url}?status=active&mode=live`)), ['live one']);
    assert.equal((await listAll<ManagementKeyView>(url)).length, 3);
    for (const query of ['mode=both', 'status=expired', 'status=']) {
      assertProblem(await asPlatform(t, { method: 'GET', url: `${url}?${query}` }), 422, 'validation_failed');
    }
  });
});
