import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../src/services/access/principal.ts';
import { startIdempotentRequest } from '../../src/services/idempotency/keys.ts';
import { authenticatePlatformKey } from '../../src/services/platform/platform-keys.ts';
import { asPlatform, createTenant, startTestApp, type TestApp } from '../support/app.ts';
import { createKeyPair } from './management-support.ts';
import { assertProblem, keysUrl } from './support.ts';

describe('Idempotency-Key on the management API', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp();
    tenantId = await createTenant(t);
  });
  after(() => t.close());

  const post = (
    key: string,
    payload: object,
    url = keysUrl(tenantId),
    headers: Record<string, string> = {},
  ) => asPlatform(t, { method: 'POST', url, payload, headers: { 'idempotency-key': key, ...headers } });
  const activeKeys = async () =>
    (await asPlatform(t, { method: 'GET', url: `${keysUrl(tenantId)}?limit=200` })).json<{
      items: unknown[];
    }>().items.length;

  it('the API description names the header on every POST it applies to, and not on verify', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    }>();
    const takesKey = (path: string, method = 'post') =>
      (document.paths[path]?.[method]?.parameters ?? []).some(
        (parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key',
      );
    assert.ok(takesKey('/api/v1/tenants'));
    assert.ok(takesKey('/api/v1/tenants/{tenantId}/keys'));
    assert.ok(takesKey('/api/v1/tenants/{tenantId}/keys/{keyId}/roll'));
    assert.ok(takesKey('/api/v1/tenants/{tenantId}/webhooks/endpoints'));
    assert.equal(takesKey('/api/v1/verify'), false);
    assert.equal(takesKey('/api/v1/platform/oauth/token'), false);
    assert.equal(takesKey('/api/v1/tenants', 'get'), false);
  });

  it('the same key with the same body gives the same status and body and creates one object', async () => {
    const before = await activeKeys();
    const first = await post('order-7', { name: 'Orders' });
    const again = await post('order-7', { name: 'Orders' });
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 201);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(await activeKeys(), before + 1);
  });

  it('the same key with another body, or on another route, is 422 idempotency_key_reused', async () => {
    await post('order-8', { name: 'Orders' });
    assertProblem(await post('order-8', { name: 'Invoices' }), 422, 'idempotency_key_reused');
    assertProblem(
      await post('order-8', { name: 'Orders' }, `/api/v1/tenants/${tenantId}/apps`),
      422,
      'idempotency_key_reused',
    );
  });

  it('a request that failed validation is not kept: the key is free for the corrected one', async () => {
    assertProblem(await post('order-9', { name: '' }), 422, 'validation_failed');
    const fixed = await post('order-9', { name: 'Fixed' });
    assert.equal(fixed.statusCode, 201, fixed.body);
  });

  it('a duplicate while the first is in progress is 409 idempotency_key_in_use', async () => {
    const principal = (await authenticatePlatformKey(t.context, t.platformKey)) as Principal;
    await startIdempotentRequest(t.context, principal, tenantId, 'order-10', {
      method: 'POST',
      path: keysUrl(tenantId),
      body: { name: 'Orders' },
    });
    assertProblem(await post('order-10', { name: 'Orders' }), 409, 'idempotency_key_in_use');
  });

  it('concurrent duplicates create one object', async () => {
    const before = await activeKeys();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('order-11', { name: 'Race' })));
    for (const answer of answers) assert.ok([201, 409].includes(answer.statusCode), answer.body);
    assert.equal(await activeKeys(), before + 1);
  });

  it('keys are scoped to the principal and tenant, kept 24 hours, and at most 255 characters', async () => {
    tenantId = await createTenant(t);
    const pair = await createKeyPair(t, tenantId, ['manage:keys']);
    const first = await post('shared-key', { name: 'Platform' });
    const other = await t.app.inject({
      method: 'POST',
      url: keysUrl(tenantId),
      payload: { name: 'Pair' },
      headers: { ...pair.headers, 'idempotency-key': 'shared-key' },
    });
    assert.equal(other.statusCode, 201);
    assert.notEqual(other.json<{ id: string }>().id, first.json<{ id: string }>().id);
    const elsewhere = await post('shared-key', { name: 'Platform' }, keysUrl(await createTenant(t)));
    assert.equal(elsewhere.statusCode, 201);
    assert.equal(elsewhere.headers['idempotent-replayed'], undefined);

    t.clock.advance(24 * 3_600_000 + 1);
    const later = await post('shared-key', { name: 'Platform' });
    assert.equal(later.statusCode, 201);
    assert.notEqual(later.json<{ id: string }>().id, first.json<{ id: string }>().id);

    assertProblem(await post('k'.repeat(256), { name: 'Long' }), 400, 'bad_request');
    assert.equal((await post('k'.repeat(255), { name: 'Long' })).statusCode, 201);
  });

  it('a webhook endpoint created twice with one key is one endpoint, its secret answered again', async () => {
    const url = `/api/v1/tenants/${tenantId}/webhooks/endpoints`;
    const body = { url: 'https://93.184.215.14/hooks', events: ['key.*'] };
    const first = await post('endpoint-1', body, url);
    const again = await post('endpoint-1', body, url);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(again.body, first.body);
    const listed = await asPlatform(t, { method: 'GET', url });
    assert.equal(listed.json<{ items: unknown[] }>().items.length, 1);
  });
});
