import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { buildServiceContext } from '../../src/services/build-context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import { createEndpoint } from '../../src/services/webhooks/endpoints.ts';
import { publishEvent } from '../../src/services/webhooks/events.ts';
import { DeliveryWorker } from '../../src/services/webhooks/worker.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import {
  type Receiver,
  startReceiver,
  verifyStandardWebhook,
  webhookTestConfig,
} from '../http/webhooks-support.ts';
import { TEST_MASTER_KEY, TEST_PEPPER } from '../support/app.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

const database = await startPostgres();
const skip = database ? false : 'PostgreSQL is not available';

// Several nodes on one PostgreSQL database share the delivery work: each event is dispatched by one node and
// each delivery claimed by one node (FOR UPDATE SKIP LOCKED), so in steady state nothing is sent twice.
describe('webhook delivery on PostgreSQL: three nodes, one database', { skip }, () => {
  let pgdb: TestPostgres;
  const stores: Store[] = [];
  const contexts: ServiceContext[] = [];
  const workers: DeliveryWorker[] = [];
  let receiver: Receiver;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));

  before(async () => {
    pgdb = database as TestPostgres;
    receiver = await startReceiver();
    const config = loadConfig({ object: { ...webhookTestConfig }, env: {} });
    for (let node = 0; node < 3; node++) {
      const store = await openStore({ postgresUrl: pgdb.url });
      stores.push(store);
      const context = buildServiceContext({
        config,
        store,
        pepper: TEST_PEPPER,
        masterKey: TEST_MASTER_KEY,
        clock,
      });
      contexts.push(context);
      workers.push(new DeliveryWorker(context));
    }
  });
  after(async () => {
    for (const worker of workers) await worker.close();
    for (const context of contexts) await context.requestFeed.close();
    for (const store of stores) await store.close();
    await receiver.close();
    await pgdb?.stop();
  });

  test('300 events published on every node reach the endpoint once each', async () => {
    const [a] = contexts as [ServiceContext];
    const tenant = await createTenant(a, localPrincipal, { name: 'Club' });
    const { secret } = await createEndpoint(a, localPrincipal, tenant.id, {
      url: receiver.url,
      events: ['booking.*'],
    });
    const published: string[] = [];
    for (let index = 0; index < 300; index++) {
      const context = contexts[index % 3] as ServiceContext;
      const event = await publishEvent(context, localPrincipal, tenant.id, {
        type: 'booking.created',
        mode: 'live',
        data: { index },
      });
      published.push(event.id);
    }
    // Every node works at once, round after round, until nothing is left.
    for (let round = 0; round < 50 && receiver.received.length < 300; round++) {
      await Promise.all(workers.map((worker) => worker.runOnce()));
    }
    // And once more: nothing is left to send.
    await Promise.all(workers.map((worker) => worker.runOnce()));
    const ids = receiver.received.map((entry) => {
      verifyStandardWebhook(secret, entry, Math.floor(clock.now() / 1000));
      return String(entry.headers['webhook-id']);
    });
    assert.equal(ids.length, 300, 'no event sent twice');
    assert.deepEqual(new Set(ids), new Set(published));
  });
});
