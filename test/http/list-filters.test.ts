import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { createKeyPair } from './management-support.ts';
import { assertProblem, type KeyView, keysUrl } from './support.ts';

// The list filters the console uses: keys by status, mode, type and name; the request feed by outcome, HTTP
// status and rate limiting. Each is checked through pages of one, so a filter cannot break the cursor.

type Page<T> = { items: T[]; nextCursor: string | null };
interface RequestRow {
  credentialId: string;
  status: number;
  outcome: string;
  rateLimited: boolean;
}

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const HOUR = 3_600_000;

/** Every item of a filtered list, one per page, following the cursors. */
async function allPages<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const separator = url.includes('?') ? '&' : '?';
    const response = await asPlatform(t, {
      method: 'GET',
      url: `${url}${separator}limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json<Page<T>>();
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('more than 100 pages');
}

describe('key list filters', () => {
  let tenantId: string;

  before(async () => {
    tenantId = await createTenant(t, { plan: 'pro' });
    const made = async (name: string, body: Record<string, unknown> = {}) => {
      // One second apart: the list's order is then the order of creation.
      t.clock.advance(1000);
      const key = await createKey(t, tenantId, { name, ...body });
      return key;
    };
    await made('Backend');
    await made('Backend test', { mode: 'test' });
    await made('Reporting', { type: 'restricted', scopes: ['read:reports'] });
    await made('Reporting soon over', {
      type: 'restricted',
      scopes: ['read:reports'],
      expiresAt: new Date(t.clock.now() + HOUR).toISOString(),
    });
    const revoked = await made('Revoked', { mode: 'test' });
    const gone = await asPlatform(t, { method: 'DELETE', url: `${keysUrl(tenantId)}/${revoked.id}` });
    assert.equal(gone.statusCode, 200);
    t.clock.advance(2 * HOUR);
    // Another tenant's keys never appear under any filter.
    await createKey(t, await createTenant(t, { plan: 'pro' }), { name: 'Backend elsewhere' });
  });

  const listed = async (query: string) =>
    (await allPages<KeyView>(`${keysUrl(tenantId)}${query}`)).map((key) => key.name);

  it('status: active, expired and revoked as the status field shows them, newest first', async () => {
    assert.deepEqual(await listed('?status=active'), ['Reporting', 'Backend test', 'Backend']);
    assert.deepEqual(await listed('?status=expired'), ['Reporting soon over']);
    assert.deepEqual(await listed('?status=revoked'), ['Revoked']);
    const statuses = (await allPages<KeyView>(`${keysUrl(tenantId)}?status=expired`)).map((k) => k.status);
    assert.deepEqual(statuses, ['expired']);
  });

  it('mode, type and namePrefix, alone and together with status', async () => {
    assert.deepEqual(await listed('?mode=test'), ['Revoked', 'Backend test']);
    assert.deepEqual(await listed('?mode=live&type=secret'), ['Backend']);
    assert.deepEqual(await listed('?type=restricted'), ['Reporting soon over', 'Reporting']);
    assert.deepEqual(await listed('?namePrefix=Backend'), ['Backend test', 'Backend']);
    assert.deepEqual(await listed('?namePrefix=backend'), [], 'the prefix is case-sensitive');
    assert.deepEqual(await listed('?namePrefix=Reporting&status=active'), ['Reporting']);
    assert.deepEqual(await listed('?mode=test&status=active'), ['Backend test']);
    assert.deepEqual(await listed('?namePrefix=%25'), [], 'a % is a character, not a wildcard');
    assert.deepEqual(await listed(''), [
      'Revoked',
      'Reporting soon over',
      'Reporting',
      'Backend test',
      'Backend',
    ]);
  });

  it('a test-mode credential filtering by mode lists its own mode only: live is an empty list', async () => {
    const pair = await createKeyPair(t, tenantId, ['manage:keys'], 'test automation', 'test');
    const names = async (query: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `${keysUrl(tenantId)}${query}`,
        headers: pair.headers,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<Page<KeyView>>().items.map((key) => key.name);
    };
    assert.deepEqual(await names('?mode=live'), []);
    assert.deepEqual(await names('?mode=test'), ['Revoked', 'Backend test']);
    assert.deepEqual(await names('?status=active'), ['Backend test']);
  });

  it('bad filter values are 422 validation_failed', async () => {
    for (const query of [
      '?status=deleted',
      '?status=',
      '?mode=staging',
      '?type=public',
      `?namePrefix=${'n'.repeat(201)}`,
      '?namePrefix=',
      '?appId=',
      '?name=Backend',
    ]) {
      const response = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}${query}` });
      assertProblem(response, 422, 'validation_failed');
    }
  });
});

describe('keys of an app', () => {
  it("a key may name one of its tenant's apps: shown, filtered by, and let go when the app is deleted", async () => {
    const tenantId = await createTenant(t, { plan: 'pro' });
    const appOf = async (tenant: string, name: string) => {
      const created = await asPlatform(t, {
        method: 'POST',
        url: `/api/v1/tenants/${tenant}/apps`,
        payload: { name, type: 'confidential' },
      });
      assert.equal(created.statusCode, 201, created.body);
      return created.json<{ id: string }>().id;
    };
    const sync = await appOf(tenantId, 'Court sync');
    const reports = await appOf(tenantId, 'Reports');
    const theirs = await appOf(await createTenant(t, { plan: 'pro' }), 'Elsewhere');
    const synced = await createKey(t, tenantId, { name: 'Sync key', appId: sync });
    await createKey(t, tenantId, { name: 'Reports key', appId: reports });
    await createKey(t, tenantId, { name: 'No app' });
    const read = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${synced.id}` });
    assert.equal(read.json<KeyView & { appId: string | null }>().appId, sync);
    const names = async (query: string) =>
      (await allPages<KeyView>(`${keysUrl(tenantId)}${query}`)).map((key) => key.name);
    assert.deepEqual(await names(`?appId=${sync}`), ['Sync key']);
    assert.deepEqual(await names(`?appId=${reports}&type=secret`), ['Reports key']);
    assert.deepEqual(await names(`?appId=${theirs}`), [], "another tenant's app names none of these keys");
    for (const appId of [theirs, 'app_missing']) {
      const refused = await asPlatform(t, {
        method: 'POST',
        url: keysUrl(tenantId),
        payload: { name: 'Nope', appId },
      });
      assertProblem(refused, 422, 'validation_failed');
      assert.equal(refused.json<{ field: string }>().field, 'appId');
    }
    const deleted = await asPlatform(t, {
      method: 'DELETE',
      url: `/api/v1/tenants/${tenantId}/apps/${sync}`,
    });
    assert.ok(deleted.statusCode === 200 || deleted.statusCode === 204, deleted.body);
    const after = await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}/${synced.id}` });
    assert.equal(after.json<{ appId: string | null }>().appId, null);
    assert.equal((await verify(t, { key: synced.key })).valid, true, 'the key outlives its app');
    assert.deepEqual(await names(`?appId=${sync}`), []);
  });
});

describe('request feed filters', () => {
  let tenantId: string;
  let keyId: string;

  before(async () => {
    tenantId = await createTenant(t, { plan: 'free' });
    const key = await createKey(t, tenantId, { type: 'restricted', scopes: ['bookings:read'] });
    keyId = key.id;
    await verify(t, { key: key.key, scopes: ['bookings:read'] });
    await verify(t, { key: key.key, scopes: ['events:read'] });
    // The free plan allows 60 a minute: the rest are rate-limited.
    for (let i = 0; i < 60; i++) await verify(t, { key: key.key });
  });

  const feed = (query: string) =>
    allPages<RequestRow>(
      `/api/v1/tenants/${tenantId}/audit/requests?keyId=${keyId}${query ? `&${query}` : ''}`,
    );

  it('outcome, status and rateLimited narrow the feed, through pages', async () => {
    const all = await feed('');
    assert.equal(all.length, 62);
    const valid = await feed('outcome=valid');
    assert.ok(valid.length > 0 && valid.every((row) => row.outcome === 'valid' && row.status === 200));
    assert.deepEqual(
      (await feed('outcome=insufficient_scope')).map((row) => [row.outcome, row.status]),
      [['insufficient_scope', 403]],
    );
    assert.deepEqual(
      (await feed('status=403')).map((row) => row.outcome),
      ['insufficient_scope'],
    );
    const limited = await feed('rateLimited=true');
    assert.ok(limited.length > 0);
    assert.ok(
      limited.every((row) => row.rateLimited && row.status === 429 && row.outcome === 'rate_limited'),
    );
    const notLimited = await feed('rateLimited=false');
    assert.equal(limited.length + notLimited.length, all.length);
    assert.ok(notLimited.every((row) => !row.rateLimited));
    assert.deepEqual(await feed('status=429&outcome=valid'), []);
  });

  it('bad filter values are 422 validation_failed', async () => {
    for (const query of [
      'outcome=nope',
      'status=abc',
      'status=99',
      'status=600',
      'status=200.5',
      'rateLimited=yes',
      'rateLimited=1',
    ]) {
      const response = await asPlatform(t, {
        method: 'GET',
        url: `/api/v1/tenants/${tenantId}/audit/requests?${query}`,
      });
      assertProblem(response, 422, 'validation_failed');
    }
  });
});
