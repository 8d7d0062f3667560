import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { type AppView, activity, appsUrl, clientsUrl, createApp, createClient } from './clients-support.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  asPlatform(t, { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
const listBody = async (tenantId: string) => (await call('GET', `${appsUrl(tenantId)}?limit=200`)).body;
const EMPTY_LIST = '{"items":[],"nextCursor":null}';

const full = {
  name: 'Booking widget',
  type: 'public',
  allowedOrigins: ['https://widget.example.com', 'http://localhost:5173', 'https://[2001:db8::1]:8443'],
  redirectUris: [
    'https://widget.example.com/oauth/callback?x=1',
    'http://127.0.0.1:8080/cb',
    'http://[::1]/cb',
  ],
  logoUrl: 'https://cdn.example.com/logo.png',
  homepageUrl: 'https://example.com',
};

describe('apps: happy', () => {
  it('registers an app with every field; GET reads it back; the feed says app.created', async () => {
    const tenantId = await createTenant(t);
    const response = await call('POST', appsUrl(tenantId), full);
    assert.equal(response.statusCode, 201, response.body);
    const app = response.json<AppView>();
    assert.match(app.id, /^app_[0-9A-Za-z]{20}$/);
    assert.partialDeepStrictEqual(app, { ...full, tenantId });
    assert.deepEqual([app.allowedOrigins, app.redirectUris], [full.allowedOrigins, full.redirectUris]);
    assert.deepEqual((await call('GET', `${appsUrl(tenantId)}/${app.id}`)).json(), app);
    const [created] = await activity(t, tenantId, 'app.created');
    assert.partialDeepStrictEqual(created, {
      target: { type: 'app', id: app.id },
      details: { name: full.name, type: 'public' },
    });
  });

  it('defaults: confidential, no origins or redirect URIs, no logo or homepage; duplicates are dropped', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId, { allowedOrigins: ['https://a.example', 'https://a.example'] });
    assert.partialDeepStrictEqual(app, {
      type: 'confidential',
      allowedOrigins: ['https://a.example'],
      redirectUris: [],
      logoUrl: null,
      homepageUrl: null,
    });
  });

  it('lists apps newest first, a page at a time', async () => {
    const tenantId = await createTenant(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.unshift((await createApp(t, tenantId, { name: `a${i}` })).id);
      t.clock.advance(1);
    }
    const first = (await call('GET', `${appsUrl(tenantId)}?limit=2`)).json<{
      items: AppView[];
      nextCursor: string;
    }>();
    const second = (await call('GET', `${appsUrl(tenantId)}?limit=2&cursor=${first.nextCursor}`)).json<{
      items: AppView[];
      nextCursor: null;
    }>();
    assert.deepEqual(
      [...first.items, ...second.items].map((app) => app.id),
      ids,
    );
    assert.equal(second.nextCursor, null);
  });

  it('PATCH replaces the given fields, null clears the logo, and the feed names the changed fields', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId, full);
    t.clock.advance(1000);
    const response = await call('PATCH', `${appsUrl(tenantId)}/${app.id}`, {
      name: 'Renamed',
      redirectUris: ['https://widget.example.com/new'],
      logoUrl: null,
    });
    assert.equal(response.statusCode, 200, response.body);
    const changed = response.json<AppView>();
    assert.deepEqual(changed, {
      ...app,
      name: 'Renamed',
      redirectUris: ['https://widget.example.com/new'],
      logoUrl: null,
      updatedAt: new Date(t.clock.now()).toISOString(),
    });
    const [updated] = await activity(t, tenantId, 'app.updated');
    assert.deepEqual(updated?.details, { fields: ['name', 'redirectUris', 'logoUrl'] });
    const same = await call('PATCH', `${appsUrl(tenantId)}/${app.id}`, { name: 'Renamed' });
    assert.deepEqual(same.json(), changed, 'a change to the same value is a no-op');
    assert.equal((await activity(t, tenantId, 'app.updated')).length, 1);
  });

  it('DELETE answers 204; the app is gone and the feed says app.deleted', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId);
    const response = await call('DELETE', `${appsUrl(tenantId)}/${app.id}`);
    assert.equal(response.statusCode, 204);
    assert.equal(response.body, '');
    assertProblem(await call('GET', `${appsUrl(tenantId)}/${app.id}`), 404, 'not_found');
    assert.equal(await listBody(tenantId), EMPTY_LIST);
    assert.equal((await activity(t, tenantId, 'app.deleted'))[0]?.target.id, app.id);
  });

  it('DELETE of an app with a live or suspended client is 409; once the clients are deleted it goes', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId);
    const client = await createClient(t, tenantId, { appId: app.id });
    await call('PATCH', `${clientsUrl(tenantId)}/${client.id}`, { status: 'suspended' });
    assertProblem(await call('DELETE', `${appsUrl(tenantId)}/${app.id}`), 409, 'conflict');
    assert.equal((await call('GET', `${appsUrl(tenantId)}/${app.id}`)).statusCode, 200);
    await call('DELETE', `${clientsUrl(tenantId)}/${client.id}`);
    assert.equal((await call('DELETE', `${appsUrl(tenantId)}/${app.id}`)).statusCode, 204);
    const listed = await call('GET', `${clientsUrl(tenantId)}?includeDeleted=true`);
    assert.deepEqual(
      listed.json<{ items: { id: string; appId: string | null }[] }>().items.map((c) => [c.id, c.appId]),
      [[client.id, null]],
    );
  });
});

describe('apps: error', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    [
      'an origin with a path',
      { allowedOrigins: ['https://ok.example', 'https://x.com/path'] },
      'allowedOrigins.1',
    ],
    ['an origin with a trailing slash', { allowedOrigins: ['https://x.com/'] }, 'allowedOrigins.0'],
    ['an ftp origin', { allowedOrigins: ['ftp://x'] }, 'allowedOrigins.0'],
    ['an origin with user info', { allowedOrigins: ['https://user@x.com'] }, 'allowedOrigins.0'],
    ['a wildcard origin', { allowedOrigins: ['https://*.x.com'] }, 'allowedOrigins.0'],
    ['an origin with a query', { allowedOrigins: ['https://x.com?a=1'] }, 'allowedOrigins.0'],
    ['an upper-case origin', { allowedOrigins: ['HTTPS://X.COM'] }, 'allowedOrigins.0'],
    ['an origin with its default port', { allowedOrigins: ['https://x.com:443'] }, 'allowedOrigins.0'],
    ['the null origin', { allowedOrigins: ['null'] }, 'allowedOrigins.0'],
    [
      '51 origins',
      { allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://a${i}.example`) },
      'allowedOrigins',
    ],
    ['a redirect URI with a fragment', { redirectUris: ['https://x.com/cb#frag'] }, 'redirectUris.0'],
    ['a redirect URI with an empty fragment', { redirectUris: ['https://x.com/cb#'] }, 'redirectUris.0'],
    ['an http redirect URI off loopback', { redirectUris: ['http://x.com/cb'] }, 'redirectUris.0'],
    ['an http redirect URI to a private IP', { redirectUris: ['http://10.0.0.1/cb'] }, 'redirectUris.0'],
    ['a relative redirect URI', { redirectUris: ['/cb'] }, 'redirectUris.0'],
    ['a javascript: redirect URI', { redirectUris: ['javascript:alert(1)'] }, 'redirectUris.0'],
    ['a redirect URI with user info', { redirectUris: ['https://u:p@x.com/cb'] }, 'redirectUris.0'],
    ['a redirect URI with a space', { redirectUris: ['https://x.com/a b'] }, 'redirectUris.0'],
    ['a 10 kB redirect URI', { redirectUris: [`https://x.com/${'a'.repeat(10_240)}`] }, 'redirectUris.0'],
    ['an http logo', { logoUrl: 'http://x.com/logo.png' }, 'logoUrl'],
    ['a data: homepage', { homepageUrl: 'data:text/html,hi' }, 'homepageUrl'],
    ['a 10 kB name', { name: 'n'.repeat(10_240) }, 'name'],
    ['a name with NUL', { name: 'a\u0000b' }, 'name'],
    ['a name with U+202E', { name: 'a\u202eb' }, 'name'],
    ['an unknown type', { type: 'native' }, 'type'],
    ['an unknown field', { clientSecret: 'mine' }, ''],
    ['origins as a string', { allowedOrigins: 'https://x.com' }, 'allowedOrigins'],
  ];
  for (const [label, body, field] of bad) {
    it(`POST apps with ${label} → 422 naming ${field || 'the body'}, nothing written`, async () => {
      const tenantId = await createTenant(t);
      const problem = assertProblem(
        await call('POST', appsUrl(tenantId), { name: 'x', ...body }),
        422,
        'validation_failed',
      );
      const fields = (problem.errors as { field: string }[]).map((error) => error.field);
      assert.ok(fields.includes(field ? `body.${field}` : 'body'), JSON.stringify(problem));
      assert.equal(await listBody(tenantId), EMPTY_LIST);
    });
  }

  it('PATCH with bad input is 422 and changes nothing: empty, unknown field, type, bad origin, null name', async () => {
    const tenantId = await createTenant(t);
    const app = await createApp(t, tenantId, full);
    const url = `${appsUrl(tenantId)}/${app.id}`;
    for (const body of [
      {},
      { color: 'red' },
      { type: 'confidential' },
      { allowedOrigins: ['https://x.com/p'] },
      { name: null },
    ]) {
      assertProblem(await call('PATCH', url, body), 422, 'validation_failed');
    }
    assertProblem(await call('PATCH', url), 422, 'validation_failed');
    assert.deepEqual((await call('GET', url)).json(), app);
  });

  it('an unknown tenant or app is 404 on every route; a bad cursor is 422', async () => {
    assertProblem(await call('POST', appsUrl('ten_missing'), { name: 'x' }), 404, 'not_found');
    assertProblem(await call('GET', appsUrl('ten_missing')), 404, 'not_found');
    const tenantId = await createTenant(t);
    const url = `${appsUrl(tenantId)}/app_missing`;
    assertProblem(await call('GET', url), 404, 'not_found');
    assertProblem(await call('PATCH', url, { name: 'x' }), 404, 'not_found');
    assertProblem(await call('DELETE', url), 404, 'not_found');
    assertProblem(await call('GET', `${appsUrl(tenantId)}?cursor=WzFd`), 422, 'validation_failed');
  });
});
