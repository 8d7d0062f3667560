import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { httpSender, parseRetryAfter } from '../../src/services/webhooks/sender.ts';
import { type Receiver, startReceiver, status } from '../http/webhooks-support.ts';

describe('the webhook sender', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());
  const request = (url: string) => ({
    url,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeoutMs: 1000,
  });

  it('refuses loopback at delivery, by address and by name, without connecting', async () => {
    const sender = httpSender({ allowPrivateNetworks: false });
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      `http://localhost:${port}/hooks`,
      `http://[::ffff:127.0.0.1]:${port}/hooks`,
    ]) {
      const result = await sender.send(request(url));
      assert.equal(result.statusCode, null, url);
      assert.equal(result.error, 'the address is private, loopback or link-local', url);
    }
    assert.equal(receiver.received.length, 0);
    sender.close();
  });

  it('with private networks allowed, sends and reads a response excerpt of at most 1 KiB', async () => {
    const sender = httpSender({ allowPrivateNetworks: true });
    receiver.replies.push(status(200, {}, 'x'.repeat(5000)));
    const result = await sender.send(request(receiver.url));
    assert.equal(result.statusCode, 200);
    assert.equal(result.excerpt?.length, 1024);
    assert.equal(receiver.received.length, 1);
    sender.close();
  });

  it('an attempt not answered in time fails as timed out', async () => {
    const sender = httpSender({ allowPrivateNetworks: true });
    receiver.replies.push(() => {});
    const result = await sender.send({ ...request(receiver.url), timeoutMs: 200 });
    assert.equal(result.statusCode, null);
    assert.equal(result.error, 'timed out');
    assert.ok(result.latencyMs >= 150);
    sender.close();
  });

  it('Retry-After in seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(parseRetryAfter('30', now), 30_000);
    assert.equal(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });
});
