import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type Received,
  type Receiver,
  startReceiver,
  status,
  verifyStandardWebhook,
} from '../http/webhooks-support.ts';
import {
  type ApiResponse,
  call,
  type Env,
  firstPlatformKey,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

/** Polls (no fixed sleep) until `holds`, up to `timeoutMs`. */
async function until(
  holds: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const verified = (secret: string, entry: Received) =>
  verifyStandardWebhook(secret, entry, Math.floor(entry.at / 1000));

/** Webhooks against the real server process: wall-clock retries (1 s apart), a real receiver on loopback. */
const CONFIG = {
  webhooks: {
    allowPrivateNetworks: true,
    retrySchedule: [1, 1, 1, 1],
    timeoutMs: 1000,
    pollIntervalMs: 100,
    eventTypes: [{ type: 'booking.created', description: 'A booking was made' }],
  },
};

async function writeConfig(dir: string, config: unknown): Promise<string> {
  const path = join(dir, 'portcullis.config.json');
  await writeFile(path, JSON.stringify(config));
  return path;
}

describe('webhooks against the real server', () => {
  let dataDir: string;
  let configDir: string;
  let env: Env;
  let server: ServerProcess;
  let platformKey: string;
  let tenantId: string;
  let receiver: Receiver;
  const asPlatform = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
    call(server, method, path, { auth: `Bearer ${platformKey}`, body });
  const endpoint = async (path: string, body: Record<string, unknown> = {}) => {
    const created = await asPlatform('POST', `/api/v1/tenants/${tenantId}/webhooks/endpoints`, {
      url: `${new URL(receiver.url).origin}${path}`,
      events: ['booking.*'],
      ...body,
    });
    assert.equal(created.status, 201, created.text);
    return created.body as { id: string; secret: string };
  };
  const publish = async (mode: 'live' | 'test' = 'live', data: Record<string, unknown> = {}) => {
    const published = await asPlatform('POST', `/api/v1/tenants/${tenantId}/events`, {
      type: 'booking.created',
      mode,
      data,
    });
    assert.equal(published.status, 202, published.text);
    return published.body.id as string;
  };

  before(async () => {
    dataDir = await makeTempDir('webhooks');
    configDir = await makeTempDir('webhooks-config');
    receiver = await startReceiver();
    env = { PORTCULLIS_CONFIG: await writeConfig(configDir, CONFIG), PORTCULLIS_LOG_LEVEL: 'warn' };
    server = await startServer(dataDir, env);
    platformKey = firstPlatformKey(server) as string;
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Webhooks' });
    tenantId = tenant.body.id;
  });
  after(async () => {
    await server?.stop();
    await receiver?.close();
    await removeDir(dataDir);
    await removeDir(configDir);
  });

  it('a test endpoint gets only test events, a live one only live events', async () => {
    const live = await endpoint('/hooks/live');
    const test = await endpoint('/hooks/test', { mode: 'test', events: ['*'] });
    const liveId = await publish('live');
    const testId = await publish('test');
    await until(() => receiver.to('/hooks/live').length > 0 && receiver.to('/hooks/test').length > 0, 'both');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      receiver.to('/hooks/live').map((entry) => verified(live.secret, entry).id),
      [liveId],
    );
    assert.deepEqual(
      receiver.to('/hooks/test').map((entry) => verified(test.secret, entry).id),
      [testId],
    );
  });

  it('during a rotation’s grace period a delivery carries both signatures', async () => {
    const created = await endpoint('/hooks/rotated');
    const rotated = await asPlatform(
      'POST',
      `/api/v1/tenants/${tenantId}/webhooks/endpoints/${created.id}/rotate-secret`,
      { gracePeriodSeconds: 3600 },
    );
    assert.equal(rotated.status, 200, rotated.text);
    await publish();
    await until(() => receiver.to('/hooks/rotated').length > 0, 'the delivery');
    const [entry] = receiver.to('/hooks/rotated');
    assert.ok(entry);
    assert.equal(String(entry.headers['webhook-signature']).split(' ').length, 2);
    verified(created.secret, entry);
    verified(rotated.body.secret, entry);
  });

  it('a failed attempt is retried with the same webhook-id and a fresh timestamp and signature', async () => {
    const created = await endpoint('/hooks/flaky');
    receiver.repliesTo.set('/hooks/flaky', [status(500), status(502)]);
    const id = await publish();
    await until(() => receiver.to('/hooks/flaky').length >= 3, 'three attempts');
    const attempts = receiver.to('/hooks/flaky');
    assert.deepEqual(
      attempts.map((entry) => verified(created.secret, entry).id),
      [id, id, id],
    );
    assert.notEqual(attempts[0]?.headers['webhook-timestamp'], attempts[2]?.headers['webhook-timestamp']);
    assert.notEqual(attempts[0]?.headers['webhook-signature'], attempts[2]?.headers['webhook-signature']);
    await until(async () => {
      const listed = await asPlatform(
        'GET',
        `/api/v1/tenants/${tenantId}/webhooks/endpoints/${created.id}/deliveries`,
      );
      return listed.body.items[0]?.status === 'succeeded';
    }, 'the delivery to succeed');
  });

  it('a 429 with Retry-After is retried no sooner than it says', async () => {
    await endpoint('/hooks/busy');
    receiver.repliesTo.set('/hooks/busy', [status(429, { 'retry-after': '2' })]);
    await publish();
    await until(() => receiver.to('/hooks/busy').length >= 2, 'the retry');
    const [first, second] = receiver.to('/hooks/busy');
    assert.ok((second?.at ?? 0) - (first?.at ?? 0) >= 1900, 'waited the 2 s it was told');
  });

  it('a 410 disables the endpoint and writes endpoint.disabled', async () => {
    const created = await endpoint('/hooks/gone');
    receiver.repliesTo.set('/hooks/gone', [status(410)]);
    await publish();
    await until(async () => {
      const read = await asPlatform('GET', `/api/v1/tenants/${tenantId}/webhooks/endpoints/${created.id}`);
      return read.body.disabled === true;
    }, 'the endpoint to be disabled');
    const activity = await asPlatform(
      'GET',
      `/api/v1/tenants/${tenantId}/audit/activity?action=endpoint.disabled`,
    );
    assert.equal(activity.body.items[0]?.target.id, created.id);
  });

  it('kill -9 while deliveries are in flight loses none: after a restart each arrives, with its webhook-id', async () => {
    const created = await endpoint('/hooks/killed');
    // The receiver holds every request open: the deliveries are mid-attempt when the process dies.
    const hold = () => {};
    receiver.repliesTo.set(
      '/hooks/killed',
      Array.from({ length: 20 }, () => hold),
    );
    const published: string[] = [];
    for (let index = 0; index < 20; index++) published.push(await publish('live', { index }));
    await until(() => receiver.to('/hooks/killed').length >= 5, 'deliveries in flight');
    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    receiver.repliesTo.set('/hooks/killed', []);
    server = await startServer(dataDir, env);
    await until(
      () => new Set(receiver.to('/hooks/killed').map((entry) => entry.headers['webhook-id'])).size === 20,
      'every event after the restart',
      30_000,
    );
    const ids = receiver.to('/hooks/killed').map((entry) => verified(created.secret, entry).id);
    assert.deepEqual(new Set(ids), new Set(published));
    await until(async () => {
      const listed = await asPlatform(
        'GET',
        `/api/v1/tenants/${tenantId}/webhooks/endpoints/${created.id}/deliveries?limit=100`,
      );
      return (
        listed.body.items.length === 20 &&
        listed.body.items.every((item: { status: string }) => item.status === 'succeeded')
      );
    }, 'every delivery to have succeeded');
  });
});

describe('the SSRF guard of the real server (private networks not allowed)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let platformKey: string;

  before(async () => {
    dataDir = await makeTempDir('webhooks-ssrf');
    server = await startServer(dataDir, { PORTCULLIS_LOG_LEVEL: 'warn' });
    platformKey = firstPlatformKey(server) as string;
  });
  after(async () => {
    await server?.stop();
    await removeDir(dataDir);
  });

  it('refuses loopback, private, link-local, CGNAT and metadata targets', async () => {
    const tenant = await call(server, 'POST', '/api/v1/tenants', {
      auth: `Bearer ${platformKey}`,
      body: { name: 'T' },
    });
    for (const url of [
      `${server.url}/healthz`,
      'http://localhost:8080/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[fd00:ec2::254]/',
    ]) {
      const refused = await call(server, 'POST', `/api/v1/tenants/${tenant.body.id}/webhooks/endpoints`, {
        auth: `Bearer ${platformKey}`,
        body: { url, events: ['*'] },
      });
      assert.equal(refused.status, 422, `${url}: ${refused.text}`);
      assert.equal(refused.body.code, 'validation_failed');
    }
  });
});
