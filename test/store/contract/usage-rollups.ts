import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ActivityRecord, RequestBatch, type RequestRecord } from '../../../src/store/index.ts';
import {
  type ContractContext,
  createTenant,
  DAY,
  issueKey,
  MINUTE,
  SECOND,
  T0,
  uniqueId,
} from './fixtures.ts';

const HOUR = 60 * MINUTE;

function call(tenantId: string, credentialId: string, at: number, outcome = 'valid'): RequestRecord {
  return {
    tenantId,
    credentialId,
    credentialType: 'api_key',
    at,
    method: 'POST',
    path: '/v1/things',
    status: outcome === 'valid' ? 200 : 401,
    outcome,
    latencyMs: 1,
    ip: null,
    rateLimited: outcome === 'rate_limited',
  };
}

export function usageRollupsContract({ store }: ContractContext): void {
  const flush = async (records: readonly RequestRecord[]) => {
    const batch = new RequestBatch();
    for (const record of records) batch.append(record);
    await store().feedWriter.write(batch.take(), new Map(), []);
  };

  describe('usageRollups', () => {
    test('a flush counts its rows per bucket and outcome; later flushes add to the same buckets', async () => {
      const tenantId = uniqueId('tenant');
      // More distinct rollup rows than one multi-row statement holds (64): 70 credentials.
      const first = Array.from({ length: 70 }, (_, index) =>
        call(tenantId, `cred_${index}`, T0 + index * SECOND),
      );
      await flush([...first, call(tenantId, 'cred_0', T0 + MINUTE + SECOND, 'revoked')]);
      await flush([
        call(tenantId, 'cred_0', T0 + 2 * SECOND),
        call(tenantId, 'cred_1', T0 + HOUR, 'rate_limited'),
      ]);

      const minutes = await store().usageRollups.counts(tenantId, {
        granularity: 'minute',
        since: T0,
        until: T0 + 2 * HOUR,
      });
      assert.deepEqual(minutes, [
        // 60 calls in the first minute, plus one from the second flush.
        { bucketStart: T0, outcome: 'valid', count: 61 },
        { bucketStart: T0 + MINUTE, outcome: 'revoked', count: 1 },
        { bucketStart: T0 + MINUTE, outcome: 'valid', count: 10 },
        { bucketStart: T0 + HOUR, outcome: 'rate_limited', count: 1 },
      ]);
      const hours = await store().usageRollups.counts(tenantId, {
        granularity: 'hour',
        since: T0,
        until: T0 + DAY,
      });
      assert.deepEqual(hours, [
        { bucketStart: T0, outcome: 'revoked', count: 1 },
        { bucketStart: T0, outcome: 'valid', count: 71 },
        { bucketStart: T0 + HOUR, outcome: 'rate_limited', count: 1 },
      ]);
      const days = await store().usageRollups.counts(tenantId, {
        granularity: 'day',
        since: T0,
        until: T0 + DAY,
        credentialId: 'cred_0',
      });
      assert.deepEqual(days, [
        { bucketStart: T0, outcome: 'revoked', count: 1 },
        { bucketStart: T0, outcome: 'valid', count: 2 },
      ]);
    });

    test('counts of minutes not yet due are held by the writer, then written once by a later flush', async () => {
      const tenantId = uniqueId('tenant');
      const write = async (records: readonly RequestRecord[], usageDueBefore?: number) => {
        const batch = new RequestBatch();
        for (const record of records) batch.append(record);
        await store().feedWriter.write(batch.take(), new Map(), [], usageDueBefore);
      };
      const counts = (granularity: 'minute' | 'hour') =>
        store().usageRollups.counts(tenantId, { granularity, since: T0, until: T0 + DAY });
      await write([call(tenantId, 'cred', T0 + 5 * SECOND)], T0);
      assert.deepEqual(await counts('minute'), [], 'the open minute is held');
      await write([call(tenantId, 'cred', T0 + MINUTE + SECOND)], T0 + MINUTE);
      assert.deepEqual(await counts('minute'), [{ bucketStart: T0, outcome: 'valid', count: 1 }]);
      assert.deepEqual(await counts('hour'), [{ bucketStart: T0, outcome: 'valid', count: 1 }]);
      await write([]);
      assert.deepEqual(await counts('minute'), [
        { bucketStart: T0, outcome: 'valid', count: 1 },
        { bucketStart: T0 + MINUTE, outcome: 'valid', count: 1 },
      ]);
      assert.deepEqual(await counts('hour'), [{ bucketStart: T0, outcome: 'valid', count: 2 }]);
      await write([]);
      assert.deepEqual(
        await counts('hour'),
        [{ bucketStart: T0, outcome: 'valid', count: 2 }],
        'written once',
      );
    });

    test('a failed flush leaves the held counts held and adds none of its own rows', async () => {
      const tenant = await createTenant(store());
      const held = new RequestBatch();
      held.append(call(tenant.id, 'cred', T0));
      await store().feedWriter.write(held.take(), new Map(), [], T0);
      const failing = new RequestBatch();
      failing.append(call(tenant.id, 'cred', T0 + SECOND));
      const poisoned = {
        tenantId: tenant.id,
        at: T0,
        actorType: 'client',
        actorId: 'client_1',
        ip: null,
        action: 'token.issued',
        targetType: 'client',
        // target_id is NOT NULL: the flush fails at its last insert.
        targetId: null as unknown as string,
        details: {},
      } satisfies ActivityRecord;
      await assert.rejects(store().feedWriter.write(failing.take(), new Map(), [poisoned]));
      await store().feedWriter.write(new RequestBatch().take(), new Map(), []);
      assert.deepEqual(
        await store().usageRollups.counts(tenant.id, { granularity: 'day', since: T0, until: T0 + DAY }),
        [{ bucketStart: T0, outcome: 'valid', count: 1 }],
      );
    });

    test('counts read a window: since inclusive, until exclusive, by bucket start', async () => {
      const tenantId = uniqueId('tenant');
      await flush([0, 1, 2, 3].map((minute) => call(tenantId, 'cred', T0 + minute * MINUTE + 30 * SECOND)));
      const counts = await store().usageRollups.counts(tenantId, {
        granularity: 'minute',
        since: T0 + MINUTE,
        until: T0 + 3 * MINUTE,
      });
      assert.deepEqual(
        counts.map((row) => row.bucketStart),
        [T0 + MINUTE, T0 + 2 * MINUTE],
      );
    });

    test("a tenant never reads another tenant's counts, not even for the other's credential", async () => {
      const [tenantA, tenantB] = [uniqueId('tenant'), uniqueId('tenant')];
      await flush([call(tenantA, 'cred_a', T0), call(tenantB, 'cred_b', T0)]);
      const window = { granularity: 'day' as const, since: T0, until: T0 + DAY };
      assert.deepEqual(await store().usageRollups.counts(tenantA, { ...window, credentialId: 'cred_b' }), []);
      assert.deepEqual(await store().usageRollups.counts(tenantA, window), [
        { bucketStart: T0, outcome: 'valid', count: 1 },
      ]);
    });

    test('mode narrows the counts to the credentials of that mode', async () => {
      const tenant = await createTenant(store());
      const { key: live } = await issueKey(store(), tenant.id);
      const { key: test } = await issueKey(store(), tenant.id, { mode: 'test' });
      await flush([call(tenant.id, live.id, T0), call(tenant.id, test.id, T0), call(tenant.id, test.id, T0)]);
      const window = { granularity: 'day' as const, since: T0, until: T0 + DAY };
      assert.deepEqual(await store().usageRollups.counts(tenant.id, { ...window, mode: 'test' }), [
        { bucketStart: T0, outcome: 'valid', count: 2 },
      ]);
    });

    test('deleteOlderThan removes buckets of one granularity before the time, for the given tenants only', async () => {
      const [tenantA, kept] = [uniqueId('tenant'), uniqueId('tenant')];
      await flush([
        call(tenantA, 'cred', T0),
        call(tenantA, 'cred', T0 + 2 * MINUTE),
        call(kept, 'cred', T0),
      ]);
      assert.equal(await store().usageRollups.deleteOlderThan([tenantA], 'minute', T0 + MINUTE), 1);
      const minutes = { granularity: 'minute' as const, since: T0, until: T0 + DAY };
      assert.deepEqual(
        (await store().usageRollups.counts(tenantA, minutes)).map((row) => row.bucketStart),
        [T0 + 2 * MINUTE],
      );
      assert.equal((await store().usageRollups.counts(kept, minutes)).length, 1);
      const days = { granularity: 'day' as const, since: T0, until: T0 + DAY };
      assert.equal(
        (await store().usageRollups.counts(tenantA, days))[0]?.count,
        2,
        'other granularities stay',
      );
    });
  });
}
