import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { asKeyPair, createKeyPair } from './management-support.ts';

describe('clients: no privilege escalation through client scopes', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp();
    tenantId = await createTenant(t, { plan: 'pro' });
  });
  after(() => t.close());

  test('security: a manage:clients credential cannot create a client holding a permission it lacks', async () => {
    const pair = await createKeyPair(t, tenantId, ['manage:clients']);
    const refused = await asKeyPair(t, pair, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/clients`,
      payload: { name: 'escalate', scopes: ['manage:management-keys'] },
    });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json<{ missingScopes: string[] }>().missingScopes, ['manage:management-keys']);
    const listed = await asPlatform(t, { method: 'GET', url: `/api/v1/tenants/${tenantId}/clients` });
    assert.equal(listed.json<{ items: unknown[] }>().items.length, 0, 'nothing was created');

    const allowed = await asKeyPair(t, pair, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/clients`,
      payload: { name: 'ok', scopes: ['bookings:read', 'manage:clients'] },
    });
    assert.equal(allowed.statusCode, 201);
  });

  test('security: nor widen an existing client to a permission it lacks', async () => {
    const pair = await createKeyPair(t, tenantId, ['manage:clients']);
    const created = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/clients`,
      payload: { name: 'reader', scopes: ['bookings:read'] },
    });
    const { client_id: clientId } = created.json<{ client_id: string }>();
    const refused = await asKeyPair(t, pair, {
      method: 'PATCH',
      url: `/api/v1/tenants/${tenantId}/clients/${clientId}`,
      payload: { scopes: ['bookings:read', 'manage:keys'] },
    });
    assert.equal(refused.statusCode, 403);
    const unchanged = await asPlatform(t, {
      method: 'GET',
      url: `/api/v1/tenants/${tenantId}/clients/${clientId}`,
    });
    assert.deepEqual(unchanged.json<{ scopes: string[] }>().scopes, ['bookings:read']);
  });
});
