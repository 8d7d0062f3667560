import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unseal } from '../../src/core/sealed-box.ts';
import { asPlatform, createTenant, startTestApp, TEST_MASTER_KEY, type TestApp } from '../support/app.ts';
import { activityOf, asKeyPair, createKeyPair } from './management-support.ts';
import { assertProblem } from './support.ts';
import { createEndpoint, type EndpointView, endpointsUrl, webhookTestConfig } from './webhooks-support.ts';

describe('webhook endpoints', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp({ config: webhookTestConfig });
    tenantId = await createTenant(t);
  });
  after(() => t.close());

  it('create answers the whsec_ secret once; it is sealed at rest and never shown again', async () => {
    const response = await asPlatform(t, {
      method: 'POST',
      url: endpointsUrl(tenantId),
      payload: { url: 'https://hooks.example.com/in', events: ['key.*'], mode: 'live', description: 'CRM' },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const created = response.json<EndpointView & { secret: string }>();
    assert.match(created.id, /^ep_/);
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    assert.equal(created.url, 'https://hooks.example.com/in');
    assert.deepEqual(created.events, ['key.*']);
    assert.equal(created.mode, 'live');
    assert.equal(created.description, 'CRM');
    assert.equal(created.disabled, false);

    const stored = await t.store.webhookEndpoints.get(tenantId, created.id);
    assert.ok(stored);
    assert.equal(stored.secretSealed.includes(created.secret.slice(6)), false);
    assert.equal(
      unseal(TEST_MASTER_KEY, stored.secretSealed, `webhook-endpoint:${created.id}`),
      created.secret,
    );
    // Bound to its row: sealed under another endpoint's id, it does not open.
    assert.equal(unseal(TEST_MASTER_KEY, stored.secretSealed, 'webhook-endpoint:ep_other'), undefined);

    for (const url of [`${endpointsUrl(tenantId)}/${created.id}`, `${endpointsUrl(tenantId)}?limit=200`]) {
      const read = await asPlatform(t, { method: 'GET', url });
      assert.equal(read.statusCode, 200);
      assert.equal(read.body.includes(created.secret), false);
      assert.equal(read.body.includes('secret"'), false);
    }
    const activity = await activityOf(t, tenantId, 'endpoint.created');
    assert.equal(activity[0]?.target.id, created.id);
    assert.equal(JSON.stringify(activity).includes(created.secret), false);
  });

  it('PATCH changes url, events and disabled; DELETE removes the endpoint', async () => {
    const created = await createEndpoint(t, tenantId, { url: 'https://hooks.example.com/a' });
    const url = `${endpointsUrl(tenantId)}/${created.id}`;
    const patched = await asPlatform(t, {
      method: 'PATCH',
      url,
      payload: { url: 'https://hooks.example.com/b', events: ['client.created'], disabled: true },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const view = patched.json<EndpointView>();
    assert.equal(view.url, 'https://hooks.example.com/b');
    assert.deepEqual(view.events, ['client.created']);
    assert.equal(view.disabled, true);
    assert.equal(view.disabledReason, 'manual');
    const enabled = await asPlatform(t, { method: 'PATCH', url, payload: { disabled: false } });
    assert.equal(enabled.json<EndpointView>().disabled, false);

    assert.equal((await asPlatform(t, { method: 'DELETE', url })).statusCode, 204);
    assertProblem(await asPlatform(t, { method: 'GET', url }), 404, 'not_found');
    assertProblem(await asPlatform(t, { method: 'DELETE', url }), 404, 'not_found');
  });

  it('rotate-secret answers a new secret once; the previous one signs for the grace period (24 h by default)', async () => {
    const created = await createEndpoint(t, tenantId, { url: 'https://hooks.example.com/r' });
    const url = `${endpointsUrl(tenantId)}/${created.id}/rotate-secret`;
    const rotated = await asPlatform(t, { method: 'POST', url });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const view = rotated.json<EndpointView & { secret: string }>();
    assert.match(view.secret, /^whsec_/);
    assert.notEqual(view.secret, created.secret);
    assert.equal(view.previousSecretExpiresAt, new Date(t.clock.now() + 86_400_000).toISOString());
    const now = await asPlatform(t, { method: 'POST', url, payload: { gracePeriodSeconds: 0 } });
    assert.equal(now.json<EndpointView>().previousSecretExpiresAt, null);
    assertProblem(
      await asPlatform(t, { method: 'POST', url, payload: { gracePeriodSeconds: -1 } }),
      422,
      'validation_failed',
    );
  });

  it('refuses what is not an http(s) URL or not a known event type or pattern', async () => {
    const bad = [
      { url: 'ftp://hooks.example.com', events: ['*'] },
      { url: 'not a url', events: ['*'] },
      { url: 'https://user:pass@hooks.example.com', events: ['*'] },
      { url: 'https://hooks.example.com', events: [] },
      { url: 'https://hooks.example.com', events: ['nothing.here'] },
      { url: 'https://hooks.example.com', events: ['nothing.*'] },
      { url: 'https://hooks.example.com', events: ['KEY.created'] },
      { url: 'https://hooks.example.com', events: ['*'], mode: 'sandbox' },
    ];
    for (const payload of bad) {
      const response = await asPlatform(t, { method: 'POST', url: endpointsUrl(tenantId), payload });
      assertProblem(response, 422, 'validation_failed');
    }
    // A platform event type and its prefix are known.
    await createEndpoint(t, tenantId, { url: 'https://hooks.example.com/p', events: ['booking.*'] });
  });

  it('another tenant and another mode see nothing', async () => {
    const live = await createEndpoint(t, tenantId, { url: 'https://hooks.example.com/live' });
    const other = await createTenant(t);
    const otherPair = await createKeyPair(t, other, ['manage:webhooks']);
    assertProblem(
      await asKeyPair(t, otherPair, { method: 'GET', url: `${endpointsUrl(tenantId)}/${live.id}` }),
      404,
      'not_found',
    );
    assertProblem(
      await asPlatform(t, { method: 'GET', url: `${endpointsUrl(other)}/${live.id}` }),
      404,
      'not_found',
    );
    const testPair = await createKeyPair(t, tenantId, ['manage:webhooks'], 'sandbox', 'test');
    assertProblem(
      await asKeyPair(t, testPair, { method: 'GET', url: `${endpointsUrl(tenantId)}/${live.id}` }),
      404,
      'not_found',
    );
    const created = await asKeyPair(t, testPair, {
      method: 'POST',
      url: endpointsUrl(tenantId),
      payload: { url: 'https://hooks.example.com/test', events: ['*'] },
    });
    assert.equal(created.json<EndpointView>().mode, 'test');
    const listed = await asKeyPair(t, testPair, { method: 'GET', url: endpointsUrl(tenantId) });
    assert.ok(listed.json<{ items: EndpointView[] }>().items.every((endpoint) => endpoint.mode === 'test'));
    assertProblem(
      await asKeyPair(t, testPair, {
        method: 'POST',
        url: endpointsUrl(tenantId),
        payload: { url: 'https://hooks.example.com/test', events: ['*'], mode: 'live' },
      }),
      403,
      'insufficient_scope',
    );
  });

  it('the list takes a mode filter: only that mode’s endpoints, within what the caller sees', async () => {
    const own = await createTenant(t);
    const live = await createEndpoint(t, own, { url: 'https://hooks.example.com/m-live' });
    const test = await createEndpoint(t, own, { url: 'https://hooks.example.com/m-test', mode: 'test' });
    const ids = async (query: string, call = (url: string) => asPlatform(t, { method: 'GET', url })) => {
      const response = await call(`${endpointsUrl(own)}${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{ items: EndpointView[] }>().items.map((endpoint) => endpoint.id);
    };
    assert.deepEqual(await ids('?mode=live'), [live.id]);
    assert.deepEqual(await ids('?mode=test'), [test.id]);
    assert.deepEqual((await ids('')).sort(), [live.id, test.id].sort());
    assert.deepEqual(await ids('?mode=test&limit=1'), [test.id]);

    const testPair = await createKeyPair(t, own, ['manage:webhooks'], 'sandbox', 'test');
    const asTestPair = (url: string) => asKeyPair(t, testPair, { method: 'GET', url });
    assert.deepEqual(await ids('?mode=test', asTestPair), [test.id]);
    assert.deepEqual(await ids('?mode=live', asTestPair), []);

    for (const query of ['?mode=sandbox', '?mode=', '?mode=LIVE']) {
      assertProblem(
        await asPlatform(t, { method: 'GET', url: `${endpointsUrl(own)}${query}` }),
        422,
        'validation_failed',
      );
    }
  });

  it('GET /api/v1/webhooks/event-types lists the catalogue without a credential', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks/event-types' });
    assert.equal(response.statusCode, 200);
    const { items } = response.json<{ items: { type: string; description: string; source: string }[] }>();
    const types = new Map(items.map((item) => [item.type, item.source]));
    for (const type of [
      'key.created',
      'key.revoked',
      'key.rolled',
      'key.expiring',
      'key.expired',
      'client.created',
      'client.secret_rotated',
      'client.suspended',
      'client.deleted',
      'member.added',
      'member.removed',
      'tenant.plan_changed',
      'ratelimit.exceeded',
    ]) {
      assert.equal(types.get(type), 'portcullis', type);
    }
    assert.equal(types.get('booking.created'), 'platform');
  });

  it('POST /events takes only the platform’s configured types', async () => {
    const url = `/api/v1/tenants/${tenantId}/events`;
    const published = await asPlatform(t, {
      method: 'POST',
      url,
      payload: { type: 'booking.created', mode: 'live', data: { bookingId: 'b_1' } },
    });
    assert.equal(published.statusCode, 202, published.body);
    const body = published.json<{ id: string; type: string; mode: string }>();
    assert.match(body.id, /^msg_/);
    assert.equal(body.type, 'booking.created');
    for (const payload of [
      { type: 'key.created', mode: 'live', data: {} },
      { type: 'booking.cancelled', mode: 'live', data: {} },
      { type: 'booking.created', mode: 'live', data: [] },
      { type: 'booking.created', data: {} },
    ]) {
      assertProblem(await asPlatform(t, { method: 'POST', url, payload }), 422, 'validation_failed');
    }
  });
});

describe('webhook endpoints: the SSRF guard at registration', () => {
  let t: TestApp;
  let tenantId: string;
  before(async () => {
    t = await startTestApp();
    tenantId = await createTenant(t);
  });
  after(() => t.close());

  for (const url of [
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://10.0.0.5/hook',
    'http://172.20.1.1/hook',
    'http://192.168.0.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.1.1/hook',
    'http://[::1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00:ec2::254]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://0.0.0.0/hook',
  ]) {
    it(`refuses ${url}`, async () => {
      const response = await asPlatform(t, {
        method: 'POST',
        url: endpointsUrl(tenantId),
        payload: { url, events: ['*'] },
      });
      assert.equal(assertProblem(response, 422, 'validation_failed').field, 'url');
    });
  }

  it('refuses a PATCH to a private address too', async () => {
    const created = await createEndpoint(t, tenantId, { url: 'https://93.184.215.14/hook' });
    const response = await asPlatform(t, {
      method: 'PATCH',
      url: `${endpointsUrl(tenantId)}/${created.id}`,
      payload: { url: 'http://127.0.0.1/hook' },
    });
    assertProblem(response, 422, 'validation_failed');
  });
});
