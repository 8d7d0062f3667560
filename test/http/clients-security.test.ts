import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticateClient } from '../../src/services/clients/authenticate.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { clientsUrl, createClient } from './clients-support.ts';
import { securityCases } from './security-cases.ts';
import { assertProblem } from './support.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const listBody = async (tenantId: string) =>
  (await asPlatform(t, { method: 'GET', url: `${clientsUrl(tenantId)}?limit=200&includeDeleted=true` })).body;
const EMPTY_LIST = '{"items":[],"nextCursor":null}';

describe('clients: security', () => {
  it("tenant B's client under tenant A's path is 404 on every route, and B's client is untouched", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const clientB = await createClient(t, b);
    const url = `${clientsUrl(a)}/${clientB.id}`;
    const calls = [
      { method: 'GET', url },
      { method: 'PATCH', url, payload: { status: 'suspended' } },
      { method: 'POST', url: `${url}/rotate-secret` },
      { method: 'DELETE', url },
    ] as const;
    for (const options of calls) {
      const response = await asPlatform(t, options);
      assertProblem(response, 404, 'not_found');
      assert.equal(response.body.includes(clientB.id), false);
    }
    assert.equal(await listBody(a), EMPTY_LIST);
    const { client_id: _id, client_secret: _secret, ...view } = clientB;
    assert.deepEqual(
      (await asPlatform(t, { method: 'GET', url: `${clientsUrl(b)}/${clientB.id}` })).json(),
      view,
    );
    assert.equal((await authenticateClient(t.context, clientB.id, clientB.client_secret, null)).ok, true);
  });

  const app = () => t;
  const path = '/api/v1/tenants/:tenantId/clients';
  const tenantClients = async (s: TestApp) => clientsUrl(await createTenant(s));
  const oneClient = async (s: TestApp) => {
    const tenantId = await createTenant(s);
    return `${clientsUrl(tenantId)}/${(await createClient(s, tenantId)).id}`;
  };
  const snapshot = async (s: TestApp, url: string) =>
    (
      await asPlatform(s, {
        method: 'GET',
        url: `${url.replace(/\/cl_[^/]+(\/.*)?$/, '')}?includeDeleted=true`,
      })
    ).body;
  securityCases(app, {
    method: 'POST',
    path,
    url: tenantClients,
    body: { name: 'x', scopes: ['bookings:read'] },
    okStatus: 201,
    snapshot,
  });
  securityCases(app, { method: 'GET', path, url: tenantClients, okStatus: 200 });
  securityCases(app, { method: 'GET', path: `${path}/:clientId`, url: oneClient, okStatus: 200 });
  securityCases(app, {
    method: 'PATCH',
    path: `${path}/:clientId`,
    url: oneClient,
    body: { status: 'suspended' },
    okStatus: 200,
    snapshot,
  });
  securityCases(app, {
    method: 'POST',
    path: `${path}/:clientId/rotate-secret`,
    url: async (s) => `${await oneClient(s)}/rotate-secret`,
    okStatus: 200,
    snapshot,
  });
  securityCases(app, {
    method: 'DELETE',
    path: `${path}/:clientId`,
    url: oneClient,
    okStatus: 200,
    snapshot,
  });
});
