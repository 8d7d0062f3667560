import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localPrincipal } from '../../src/services/access/principal.ts';
import { issueKey } from '../../src/services/keys/issue.ts';
import { verifyApiKey } from '../../src/services/keys/verify.ts';
import { createTenant } from '../../src/services/tenants/manage.ts';
import { reportUsage, usageWindow } from '../../src/services/usage/report.ts';
import { sweepUsageRollups } from '../../src/services/usage/retention.ts';
import { recordUsage } from '../../src/services/verification/result.ts';
import { DAY, HOUR, MINUTE, type ServiceHarness, startServices } from './support.ts';

describe('usage', () => {
  let h: ServiceHarness;
  before(async () => {
    h = await startServices();
  });
  after(() => h.close());

  const newKey = async (plan = 'free') => {
    const tenant = await createTenant(h.context, localPrincipal, { name: 'Club', plan });
    const { key, plaintext } = await issueKey(h.context, localPrincipal, tenant.id, {
      name: 'k',
      mode: 'live',
      type: 'secret',
    });
    const call = async () => {
      const result = await verifyApiKey(h.context, plaintext, {});
      recordUsage(h.context, result, { method: 'GET', path: '/x', ip: null, latencyMs: 1 });
    };
    return { tenantId: tenant.id, keyId: key.id, call };
  };
  const totals = async (
    tenantId: string,
    interval: 'minute' | 'hour' | 'day',
    since: number,
    until: number,
  ) =>
    (await reportUsage(h.context, localPrincipal, tenantId, { interval, since, until })).buckets.map(
      (bucket) => [bucket.start, bucket.total],
    );

  test('calls either side of midnight UTC fall in their own minute, hour and day', async () => {
    const { tenantId, call } = await newKey();
    const midnight = Date.UTC(2026, 6, 1);
    h.clock.set(midnight - 30_000);
    await call();
    h.clock.set(midnight - 1);
    await call();
    h.clock.set(midnight);
    await call();
    // Not flushed here: the report flushes the feed before it reads.
    assert.deepEqual(await totals(tenantId, 'minute', midnight - MINUTE, midnight + MINUTE), [
      [midnight - MINUTE, 2],
      [midnight, 1],
    ]);
    assert.deepEqual(await totals(tenantId, 'hour', midnight - HOUR, midnight + HOUR), [
      [midnight - HOUR, 2],
      [midnight, 1],
    ]);
    assert.deepEqual(await totals(tenantId, 'day', midnight - DAY, midnight + DAY), [
      [midnight - DAY, 2],
      [midnight, 1],
    ]);
  });

  test("the open minute's counts are written once it has closed, by the next flush even without new rows", async () => {
    const { tenantId, call } = await newKey();
    const start = Date.UTC(2026, 8, 1, 9, 15, 10);
    h.clock.set(start);
    await call();
    await h.context.requestFeed.flush();
    const stored = () =>
      h.store.usageRollups.counts(tenantId, {
        granularity: 'minute',
        since: start - HOUR,
        until: start + HOUR,
      });
    assert.deepEqual(await stored(), [], 'held while its minute is open');
    h.clock.advance(MINUTE);
    await h.context.requestFeed.flush();
    assert.deepEqual(await stored(), [
      { bucketStart: Date.UTC(2026, 8, 1, 9, 15), outcome: 'valid', count: 1 },
    ]);
  });

  test('retention: minute buckets go after 2 days, hour and day buckets after the plan keeps its feed', async () => {
    const { tenantId, call } = await newKey('free'); // the free plan keeps its request feed 30 days
    const start = Date.UTC(2026, 7, 1, 10, 30);
    h.clock.set(start);
    await call();
    const kept = async () =>
      Object.fromEntries(
        await Promise.all(
          (['minute', 'hour', 'day'] as const).map(async (interval) => [
            interval,
            (await totals(tenantId, interval, start, start + 1)).map(([, total]) => total)[0],
          ]),
        ),
      );
    await h.context.requestFeed.flush();
    await sweepUsageRollups(h.store, h.context.model, start + 2 * DAY - MINUTE);
    assert.deepEqual(await kept(), { minute: 1, hour: 1, day: 1 });
    await sweepUsageRollups(h.store, h.context.model, start + 2 * DAY + MINUTE);
    assert.deepEqual(await kept(), { minute: 0, hour: 1, day: 1 });
    await sweepUsageRollups(h.store, h.context.model, start + 29 * DAY);
    assert.deepEqual(await kept(), { minute: 0, hour: 1, day: 1 });
    await sweepUsageRollups(h.store, h.context.model, start + 31 * DAY);
    assert.deepEqual(await kept(), { minute: 0, hour: 0, day: 0 });
  });

  test('the window: bucket boundaries, defaults per interval, at most 1,000 buckets', () => {
    const now = Date.UTC(2026, 5, 1, 12, 34, 56);
    assert.deepEqual(usageWindow('minute', {}, now), {
      since: Date.UTC(2026, 5, 1, 11, 35),
      until: Date.UTC(2026, 5, 1, 12, 35),
    });
    assert.deepEqual(usageWindow('hour', {}, now), {
      since: Date.UTC(2026, 4, 31, 13),
      until: Date.UTC(2026, 5, 1, 13),
    });
    assert.deepEqual(usageWindow('day', {}, now), {
      since: Date.UTC(2026, 4, 3),
      until: Date.UTC(2026, 5, 2),
    });
    // An until on a boundary stays there; one inside a bucket includes that bucket.
    assert.deepEqual(usageWindow('hour', { since: now - HOUR, until: Date.UTC(2026, 5, 1, 12) }, now), {
      since: Date.UTC(2026, 5, 1, 11),
      until: Date.UTC(2026, 5, 1, 12),
    });
    // 1,000 minutes, the current one last.
    assert.equal(
      usageWindow('minute', { since: now - 999 * MINUTE }, now).since,
      Date.UTC(2026, 4, 31, 19, 55),
    );
    assert.throws(() => usageWindow('minute', { since: now - 1000 * MINUTE }, now), {
      code: 'validation_failed',
    });
    assert.throws(() => usageWindow('day', { since: now, until: now }, now), { code: 'validation_failed' });
    assert.throws(() => usageWindow('day', { since: now + DAY }, now), { code: 'validation_failed' });
  });
});
