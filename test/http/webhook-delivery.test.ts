import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DeliveryWorker } from '../../src/services/webhooks/worker.ts';
import { asPlatform, createKey, createTenant, startTestApp, type TestApp, verify } from '../support/app.ts';
import { activityOf } from './management-support.ts';
import {
  createEndpoint,
  deliveriesOf,
  type EndpointView,
  endpointsUrl,
  type Receiver,
  startReceiver,
  status,
  verifyStandardWebhook,
  webhookTestConfig,
} from './webhooks-support.ts';

describe('webhook delivery to a real receiver', () => {
  let t: TestApp;
  let worker: DeliveryWorker;
  let receiver: Receiver;
  let tenantId: string;
  const nowSeconds = () => Math.floor(t.clock.now() / 1000);

  before(async () => {
    t = await startTestApp({ config: webhookTestConfig });
    worker = new DeliveryWorker(t.context);
  });
  after(async () => {
    await worker.close();
    await t.close();
  });
  beforeEach(async () => {
    receiver = await startReceiver();
    tenantId = await createTenant(t);
  });
  afterEach(() => receiver.close());

  it('a key.created event reaches the subscribed live endpoint, signed over exactly the bytes sent', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.*'] });
    const key = await createKey(t, tenantId, { name: 'Orders' });
    await worker.runOnce();
    assert.equal(receiver.received.length, 1);
    const [received] = receiver.received;
    assert.ok(received);
    const body = verifyStandardWebhook(endpoint.secret, received, nowSeconds());
    assert.equal(body.type, 'key.created');
    assert.equal(body.mode, 'live');
    assert.equal(body.tenantId, tenantId);
    assert.equal((body.data as { id: string }).id, key.id);
    assert.equal(received.headers['content-type'], 'application/json');
    assert.equal(received.headers['webhook-timestamp'], String(nowSeconds()));
    const [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.equal(delivery?.eventId, received.headers['webhook-id']);
    assert.equal(delivery?.eventId, body.id);
    assert.equal(delivery?.attempts[0]?.statusCode, 204);
    assert.equal(typeof delivery?.attempts[0]?.latencyMs, 'number');
  });

  it('test endpoints get only test events, live endpoints only live ones, each only what it subscribes to', async () => {
    const live = await createEndpoint(t, tenantId, { url: `${receiver.url}/live`, events: ['key.created'] });
    const test = await createEndpoint(t, tenantId, {
      url: `${receiver.url}/test`,
      events: ['*'],
      mode: 'test',
    });
    const clients = await createEndpoint(t, tenantId, {
      url: `${receiver.url}/clients`,
      events: ['client.*'],
    });
    await createKey(t, tenantId, { name: 'live key', mode: 'live' });
    await createKey(t, tenantId, { name: 'test key', mode: 'test' });
    await worker.runOnce();
    const byPath = (path: string) =>
      receiver.received
        .filter((entry) => entry.path === `/hooks/${path}`)
        .map((entry) =>
          verifyStandardWebhook(path === 'live' ? live.secret : test.secret, entry, nowSeconds()),
        );
    assert.deepEqual(
      byPath('live').map((body) => [body.type, body.mode]),
      [['key.created', 'live']],
    );
    assert.deepEqual(
      byPath('test').map((body) => [body.type, body.mode]),
      [['key.created', 'test']],
    );
    assert.equal((await deliveriesOf(t, tenantId, clients.id)).length, 0);
  });

  it('retries back off on the schedule with the same webhook-id and a fresh timestamp and signature', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(500, {}, 'down for maintenance'), status(503));
    await createKey(t, tenantId);
    await worker.runOnce();
    let [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'pending');
    assert.equal(delivery?.attempts[0]?.statusCode, 500);
    assert.equal(delivery?.attempts[0]?.responseExcerpt, 'down for maintenance');
    const waited = Date.parse(delivery?.nextAttemptAt ?? '') - t.clock.now();
    assert.ok(waited >= 4500 && waited <= 5500, `first retry after 5 s ± 10%: ${waited}`);

    // Not yet due: nothing is sent.
    t.clock.advance(4000);
    await worker.runOnce();
    assert.equal(receiver.received.length, 1);
    t.clock.advance(2000);
    await worker.runOnce();
    t.clock.advance(66_000);
    await worker.runOnce();
    assert.equal(receiver.received.length, 3);
    const ids = new Set(receiver.received.map((entry) => entry.headers['webhook-id']));
    assert.equal(ids.size, 1);
    const timestamps = new Set(receiver.received.map((entry) => entry.headers['webhook-timestamp']));
    assert.equal(timestamps.size, 3);
    const last = receiver.received[2];
    assert.ok(last);
    verifyStandardWebhook(endpoint.secret, last, nowSeconds());
    [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.deepEqual(
      delivery?.attempts.map((attempt) => attempt.statusCode),
      [500, 503, 204],
    );
  });

  it('a delivery whose schedule is spent has failed; POST …/retry sends it again with the same webhook-id', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(500), status(500), status(500), status(500));
    await createKey(t, tenantId);
    for (let round = 0; round < 4; round += 1) {
      await worker.runOnce();
      t.clock.advance(700_000);
    }
    let [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'failed');
    assert.equal(delivery?.attemptCount, 4);
    assert.equal(delivery?.nextAttemptAt, null);
    const retried = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/webhooks/deliveries/${delivery?.id}/retry`,
    });
    assert.equal(retried.statusCode, 202, retried.body);
    await worker.runOnce();
    [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'succeeded');
    assert.equal(new Set(receiver.received.map((entry) => entry.headers['webhook-id'])).size, 1);
  });

  it('a 3xx is a failure and is not followed', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(302, { location: `${receiver.url}/elsewhere` }));
    await createKey(t, tenantId);
    await worker.runOnce();
    assert.deepEqual(
      receiver.received.map((entry) => entry.path),
      ['/hooks'],
    );
    const [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'pending');
    assert.equal(delivery?.attempts[0]?.statusCode, 302);
  });

  it('a 429 or 503 with Retry-After is retried when it says', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(429, { 'retry-after': '120' }));
    await createKey(t, tenantId);
    await worker.runOnce();
    let [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.nextAttemptAt, new Date(t.clock.now() + 120_000).toISOString());
    t.clock.advance(120_000);
    receiver.replies.push(status(503, { 'retry-after': new Date(t.clock.now() + 300_000).toUTCString() }));
    await worker.runOnce();
    [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.attemptCount, 2);
    assert.equal(delivery?.nextAttemptAt, new Date(t.clock.now() + 300_000).toISOString());
  });

  it('a 410 disables the endpoint and writes endpoint.disabled', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(410));
    await createKey(t, tenantId);
    await worker.runOnce();
    const read = await asPlatform(t, { method: 'GET', url: `${endpointsUrl(tenantId)}/${endpoint.id}` });
    const view = read.json<EndpointView>();
    assert.equal(view.disabled, true);
    assert.equal(view.disabledReason, 'gone');
    const [delivery] = await deliveriesOf(t, tenantId, endpoint.id);
    assert.equal(delivery?.status, 'failed');
    const [entry] = await activityOf(t, tenantId, 'endpoint.disabled');
    assert.equal(entry?.target.id, endpoint.id);
    assert.deepEqual(entry?.details, { reason: 'gone' });
    // Nothing more goes to a disabled endpoint.
    await createKey(t, tenantId);
    await worker.runOnce();
    assert.equal(receiver.received.length, 1);
  });

  it('an endpoint failing for 5 days is disabled', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    receiver.replies.push(status(500), status(500));
    await createKey(t, tenantId);
    await worker.runOnce();
    t.clock.advance(5 * 86_400_000);
    await worker.runOnce();
    const view = (
      await asPlatform(t, { method: 'GET', url: `${endpointsUrl(tenantId)}/${endpoint.id}` })
    ).json<EndpointView>();
    assert.equal(view.disabledReason, 'failing');
    assert.equal((await activityOf(t, tenantId, 'endpoint.disabled')).length, 1);
  });

  it('during a rotation’s grace period every delivery carries both signatures', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['key.created'] });
    const rotated = await asPlatform(t, {
      method: 'POST',
      url: `${endpointsUrl(tenantId)}/${endpoint.id}/rotate-secret`,
      payload: { gracePeriodSeconds: 3600 },
    });
    const newSecret = rotated.json<{ secret: string }>().secret;
    await createKey(t, tenantId);
    await worker.runOnce();
    const [first] = receiver.received;
    assert.ok(first);
    assert.equal(String(first.headers['webhook-signature']).split(' ').length, 2);
    verifyStandardWebhook(endpoint.secret, first, nowSeconds());
    verifyStandardWebhook(newSecret, first, nowSeconds());

    t.clock.advance(3601_000);
    await createKey(t, tenantId);
    await worker.runOnce();
    const second = receiver.received[1];
    assert.ok(second);
    assert.equal(String(second.headers['webhook-signature']).split(' ').length, 1);
    verifyStandardWebhook(newSecret, second, nowSeconds());
    assert.throws(
      () => verifyStandardWebhook(endpoint.secret, second, nowSeconds()),
      /No matching signature found/,
    );
  });

  it('POST …/test sends a webhook.ping', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['client.created'] });
    const response = await asPlatform(t, {
      method: 'POST',
      url: `${endpointsUrl(tenantId)}/${endpoint.id}/test`,
    });
    assert.equal(response.statusCode, 202, response.body);
    await worker.runOnce();
    const [received] = receiver.received;
    assert.ok(received);
    assert.equal(verifyStandardWebhook(endpoint.secret, received, nowSeconds()).type, 'webhook.ping');
  });

  it('a platform event is delivered with the id it was published under', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['booking.*'] });
    const published = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/events`,
      payload: { type: 'booking.created', mode: 'live', data: { bookingId: 'b_42' } },
    });
    await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/events`,
      payload: { type: 'booking.created', mode: 'test', data: { bookingId: 'b_43' } },
    });
    await worker.runOnce();
    assert.equal(receiver.received.length, 1);
    const [received] = receiver.received;
    assert.ok(received);
    const body = verifyStandardWebhook(endpoint.secret, received, nowSeconds());
    assert.equal(body.id, published.json<{ id: string }>().id);
    assert.equal(received.headers['webhook-id'], body.id);
    assert.deepEqual(body.data, { bookingId: 'b_42' });
  });

  it('lifecycle events: key revoked and rolled, client created, suspended, rotated and deleted, plan changed', async () => {
    const endpoint = await createEndpoint(t, tenantId, { url: receiver.url, events: ['*'] });
    const key = await createKey(t, tenantId);
    const keyUrl = `/api/v1/tenants/${tenantId}/keys/${key.id}`;
    await asPlatform(t, { method: 'POST', url: `${keyUrl}/roll` });
    await asPlatform(t, { method: 'DELETE', url: keyUrl });
    const client = await asPlatform(t, {
      method: 'POST',
      url: `/api/v1/tenants/${tenantId}/clients`,
      payload: { name: 'Sync', scopes: ['bookings:read'] },
    });
    const clientUrl = `/api/v1/tenants/${tenantId}/clients/${client.json<{ id: string }>().id}`;
    await asPlatform(t, { method: 'POST', url: `${clientUrl}/rotate-secret` });
    await asPlatform(t, { method: 'PATCH', url: clientUrl, payload: { status: 'suspended' } });
    await asPlatform(t, { method: 'DELETE', url: clientUrl });
    await asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload: { plan: 'scale' } });
    await worker.runOnce();
    const types = receiver.received.map(
      (entry) => verifyStandardWebhook(endpoint.secret, entry, nowSeconds()).type,
    );
    assert.deepEqual(
      new Set(types),
      new Set([
        'key.created',
        'key.rolled',
        'key.revoked',
        'client.created',
        'client.secret_rotated',
        'client.suspended',
        'client.deleted',
        'tenant.plan_changed',
      ]),
    );
    // Audit of webhook endpoints themselves is not delivered.
    assert.equal(types.includes('endpoint.created'), false);
  });

  it('key.expiring is sent once, days before a key expires, and key.expired once when it has', async () => {
    const endpoint = await createEndpoint(t, tenantId, {
      url: receiver.url,
      events: ['key.expiring', 'key.expired'],
    });
    const expiresAt = new Date(t.clock.now() + 3 * 86_400_000).toISOString();
    const key = await createKey(t, tenantId, { expiresAt });
    await createKey(t, tenantId, { expiresAt: new Date(t.clock.now() + 30 * 86_400_000).toISOString() });
    await worker.runOnce();
    t.clock.advance(61_000);
    await worker.runOnce();
    t.clock.advance(3 * 86_400_000);
    await worker.runOnce();
    t.clock.advance(61_000);
    await worker.runOnce();
    const bodies = receiver.received.map((entry) =>
      verifyStandardWebhook(endpoint.secret, entry, Number(entry.headers['webhook-timestamp'])),
    );
    assert.deepEqual(
      bodies.map((body) => [body.type, (body.data as { id: string }).id]),
      [
        ['key.expiring', key.id],
        ['key.expired', key.id],
      ],
    );
    assert.equal((bodies[0]?.data as { expiresAt?: string } | undefined)?.expiresAt, expiresAt);
  });

  it('ratelimit.exceeded is sent at most once per key per window', async () => {
    const limited = await createTenant(t, { plan: 'free' });
    const endpoint = await createEndpoint(t, limited, { url: receiver.url, events: ['ratelimit.exceeded'] });
    const key = await createKey(t, limited);
    // At the start of a rate-limit window (a minute).
    t.clock.advance(60_000 - (t.clock.now() % 60_000) + 1000);
    for (let call = 0; call < 70; call++) await verify(t, { key: key.key });
    await worker.runOnce();
    t.clock.advance(5000);
    for (let call = 0; call < 10; call++) await verify(t, { key: key.key });
    await worker.runOnce();
    assert.equal(receiver.received.length, 1);
    t.clock.advance(60_000);
    for (let call = 0; call < 70; call++) await verify(t, { key: key.key });
    await worker.runOnce();
    const bodies = receiver.received.map((entry) =>
      verifyStandardWebhook(endpoint.secret, entry, nowSeconds()),
    );
    assert.deepEqual(
      bodies.map((body) => [body.type, (body.data as { id: string }).id]),
      [
        ['ratelimit.exceeded', key.id],
        ['ratelimit.exceeded', key.id],
      ],
    );
  });
});
