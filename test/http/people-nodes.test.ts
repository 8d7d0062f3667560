import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asPlatform, createTenant, type TestApp } from '../support/app.ts';
import { startTestNodes, type TestNodes } from '../support/nodes.ts';
import { asBrowser, type Browser, handoffBrowser } from './people-support.ts';
import { assertProblem } from './support.ts';

// Two nodes over one database, each with its own caches: what one node changes about a person, the other
// sees on its next request (its cache of personal tokens emptied by the invalidation bus; sessions read afresh).
let cluster: TestNodes;
let a: TestApp;
let b: TestApp;
let tenantId: string;
let other: string;

before(async () => {
  cluster = await startTestNodes(2);
  [a, b] = cluster.nodes as [TestApp, TestApp];
  tenantId = await createTenant(a, { plan: 'pro' });
  other = await createTenant(a, { plan: 'pro' });
});
after(() => cluster.close());

async function verifyOn(node: TestApp, key: string, workspaceId: string) {
  const response = await node.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${node.verifierKey}` },
    payload: { key, workspaceId },
  });
  return response.json<{ valid: boolean; code?: string }>();
}

/**
 * The other node's answer once the change has reached it: at once on SQLite (the change counter is read on the
 * next lookup), within the LISTEN/NOTIFY delivery on PostgreSQL. A bound for polling, not a measurement.
 */
async function eventually(read: () => Promise<string | undefined>, expected: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    last = await read();
  }
  assert.equal(last, expected);
}

async function tokenOf(browser: Browser): Promise<{ id: string; token: string }> {
  const created = await asBrowser(a, browser, {
    method: 'POST',
    url: '/api/v1/me/tokens',
    payload: { name: 'cli', scopes: ['read:entities'] },
  });
  return created.json();
}

describe('people across nodes', () => {
  it("a personal token revoked on one node is refused by the other's next verify", async () => {
    const browser = await handoffBrowser(a, tenantId, 'owner');
    const { id, token } = await tokenOf(browser);
    // Cached on B.
    assert.equal((await verifyOn(b, token, tenantId)).valid, true);
    assert.equal((await verifyOn(b, token, tenantId)).valid, true);
    await asBrowser(a, browser, { method: 'DELETE', url: `/api/v1/me/tokens/${id}` });
    await eventually(async () => (await verifyOn(b, token, tenantId)).code, 'revoked');
  });

  it('a membership removed, or a user disabled, on one node holds on the other at once', async () => {
    const externalId = `nodes-${Math.random().toString(36).slice(2)}`;
    const browser = await handoffBrowser(a, tenantId, 'owner', externalId);
    await handoffBrowser(a, other, 'viewer', externalId);
    const { token } = await tokenOf(browser);
    assert.equal((await verifyOn(b, token, other)).valid, true);
    assert.equal((await verifyOn(b, token, other)).valid, true);
    await asPlatform(a, { method: 'DELETE', url: `/api/v1/tenants/${other}/members/${browser.userId}` });
    await eventually(async () => (await verifyOn(b, token, other)).code, 'workspace_not_allowed');
    // The session follows too: read on every request, on any node.
    const keys = `/api/v1/tenants/${tenantId}/keys`;
    assert.equal((await b.app.inject({ method: 'GET', url: keys, headers: browser.read })).statusCode, 200);
    assert.equal((await verifyOn(b, token, tenantId)).valid, true);
    await asPlatform(a, {
      method: 'PATCH',
      url: `/api/v1/users/${browser.userId}`,
      payload: { status: 'disabled' },
    });
    await eventually(async () => (await verifyOn(b, token, tenantId)).code, 'revoked');
    assertProblem(
      await b.app.inject({ method: 'GET', url: keys, headers: browser.read }),
      401,
      'invalid_credential',
    );
  });

  it('signed out on one node, the cookie is refused by the other', async () => {
    const browser = await handoffBrowser(a, tenantId, 'viewer');
    const keys = `/api/v1/tenants/${tenantId}/keys`;
    assert.equal((await b.app.inject({ method: 'GET', url: keys, headers: browser.read })).statusCode, 200);
    await asBrowser(a, browser, { method: 'DELETE', url: '/api/v1/session' });
    assertProblem(
      await b.app.inject({ method: 'GET', url: keys, headers: browser.read }),
      401,
      'invalid_credential',
    );
  });
});
