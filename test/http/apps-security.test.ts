import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { appsUrl, createApp } from './clients-support.ts';
import { securityCases } from './security-cases.ts';
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

describe('apps: security', () => {
  it("tenant B's app under tenant A's path is 404 for GET, PATCH and DELETE, and B's app is untouched", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const appB = await createApp(t, b, {
      redirectUris: ['https://b.example/cb'],
      logoUrl: 'https://b.example/l.png',
    });
    for (const [method, body] of [['GET'], ['PATCH', { name: 'stolen' }], ['DELETE']] as const) {
      const response = await call(method, `${appsUrl(a)}/${appB.id}`, body);
      assertProblem(response, 404, 'not_found');
      assert.equal(response.body.includes(appB.id), false);
    }
    assert.equal(await listBody(a), EMPTY_LIST);
    assert.deepEqual((await call('GET', `${appsUrl(b)}/${appB.id}`)).json(), appB);
  });

  const app = () => t;
  const path = '/api/v1/tenants/:tenantId/apps';
  const tenantApps = async (s: TestApp) => appsUrl(await createTenant(s));
  const oneApp = async (s: TestApp) => {
    const tenantId = await createTenant(s);
    return `${appsUrl(tenantId)}/${(await createApp(s, tenantId)).id}`;
  };
  const snapshot = async (s: TestApp, url: string) => (await asPlatform(s, { method: 'GET', url })).body;
  const listSnapshot = async (s: TestApp, url: string) =>
    (await asPlatform(s, { method: 'GET', url: url.replace(/\/app_[^/]+$/, '') })).body;
  securityCases(app, { method: 'POST', path, url: tenantApps, body: { name: 'x' }, okStatus: 201, snapshot });
  securityCases(app, { method: 'GET', path, url: tenantApps, okStatus: 200 });
  securityCases(app, { method: 'GET', path: `${path}/:appId`, url: oneApp, okStatus: 200 });
  securityCases(app, {
    method: 'PATCH',
    path: `${path}/:appId`,
    url: oneApp,
    body: { name: 'changed' },
    okStatus: 200,
    snapshot,
  });
  securityCases(app, {
    method: 'DELETE',
    path: `${path}/:appId`,
    url: oneApp,
    okStatus: 204,
    snapshot: listSnapshot,
  });
});
