import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { RequestFeed } from '../../src/services/audit/request-feed.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { getKey } from '../../src/services/keys/manage.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import { recordUsage } from '../../src/services/verification/result.ts';
import { type RequestRecord, unpackRequests } from '../../src/store/index.ts';
import { SECOND, type ServiceHarness, startServices } from './support.ts';

describe('request feed', () => {
  let h: ServiceHarness;
  before(async () => {
    h = await startServices();
  });
  after(() => h.close());

  test('every call is a row; lastUsedAt shows the first use at once and is written once a minute', async () => {
    const tenant = await createTenant(h.context, localPrincipal, { name: 'Club', plan: 'pro' });
    const { key, plaintext } = await issueKey(h.context, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    const stored = async () => (await h.store.apiKeys.get(tenant.id, key.id))?.lastUsedAt;
    const use = async () => {
      const result = await verifyApiKey(h.context, plaintext, {});
      recordUsage(h.context, result, { method: 'GET', path: '/x', ip: null, latencyMs: 1 });
      await h.context.requestFeed.flush();
      return (await getKey(h.context, localPrincipal, tenant.id, key.id)).lastUsedAt;
    };
    const first = h.clock.now();
    assert.equal(await use(), first, 'the first use shows at once');
    assert.equal(await stored(), null, 'and is written when its window closes');
    h.clock.advance(30 * SECOND);
    assert.equal(await use(), first, 'a use 30 s later does not move the stamp');
    assert.equal(await stored(), null);
    h.clock.advance(31 * SECOND);
    assert.equal(await use(), first + 61 * SECOND, 'a use a minute later does');
    assert.equal(await stored(), first, 'the closed window is written');
    await h.context.requestFeed.flush(true);
    assert.equal(await stored(), first + 61 * SECOND, 'a full flush (shutdown) writes the open window');
    const feed = await h.store.requestLog.list(tenant.id, { credentialId: key.id }, { limit: 10 });
    assert.equal(feed.items.length, 3, 'every call has its row');
  });

  test('a failed flush keeps its rows and writes them, before later ones, on the next flush', async () => {
    const written: RequestRecord[][] = [];
    const errors: unknown[] = [];
    let failNext = true;
    const feed = new RequestFeed(
      {
        feedWriter: {
          async write(requests) {
            if (failNext) {
              failNext = false;
              throw new Error('disk full');
            }
            written.push(unpackRequests(requests));
          },
          async close() {},
        },
      },
      { flushIntervalMs: 60_000, onError: (error) => errors.push(error) },
    );
    const row = (at: number): RequestRecord => ({
      tenantId: 'ten_a',
      credentialId: 'key_1',
      credentialType: 'api_key',
      at,
      method: 'GET',
      path: `/r/${at}`,
      status: 200,
      outcome: 'valid',
      latencyMs: 1,
      ip: null,
      rateLimited: false,
    });
    feed.record(row(1), false);
    feed.record(row(2), false);
    await feed.flush();
    assert.equal(errors.length, 1);
    assert.equal(feed.pending, 2, 'the failed rows wait in the buffer');
    feed.record(row(3), false);
    await feed.flush();
    assert.deepEqual(written, [[row(1), row(2), row(3)]]);
    assert.equal(feed.pending, 0);
  });
});
