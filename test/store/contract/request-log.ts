import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ActivityRecord,
  RequestBatch,
  type RequestFilter,
  type RequestRecord,
  type RequestRecordRow,
} from '../../../src/store/index.ts';
import {
  type ContractContext,
  collectPages,
  createTenant,
  DAY,
  issueKey,
  SECOND,
  T0,
  uniqueId,
} from './fixtures.ts';

/** `count` requests for one tenant, one a second from `start`, over three credentials and varied fields. */
function requests(tenantId: string, count: number, start = T0): RequestRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    tenantId,
    credentialId: `cred_${index % 3}`,
    credentialType: index % 5 === 0 ? 'oauth_client' : 'api_key',
    at: start + index * SECOND,
    method: index % 4 === 0 ? null : 'POST',
    path: index % 4 === 0 ? null : `/v1/things/${index}`,
    status: index % 7 === 0 ? 429 : 200,
    outcome: index % 7 === 0 ? 'rate_limited' : 'valid',
    latencyMs: index + 0.25,
    ip: index % 2 === 0 ? '203.0.113.7' : null,
    rateLimited: index % 7 === 0,
  }));
}

function withoutId({ id: _id, ...record }: RequestRecordRow): RequestRecord {
  return record;
}

export function requestLogContract({ store }: ContractContext): void {
  const listAll = async (tenantId: string, filter: RequestFilter, limit: number) => {
    const rows = await collectPages(limit, (cursor) =>
      store().requestLog.list(tenantId, filter, { cursor, limit }),
    );
    for (let index = 1; index < rows.length; index++) {
      const [newer, older] = [rows[index - 1], rows[index]];
      assert.ok(newer && older && newer.id > older.id, 'ids strictly decrease');
    }
    return rows;
  };

  describe('requestLog', () => {
    test('append writes more rows than one insert chunk holds; list pages them back newest first', async () => {
      const tenantId = uniqueId('tenant');
      const written = requests(tenantId, 450);
      await store().requestLog.append(written);
      await store().requestLog.append([]);
      const rows = await listAll(tenantId, {}, 100);
      assert.deepEqual(rows.map(withoutId), written.toReversed());
    });

    test('list filters by credentialId, since (inclusive) and until (exclusive), through pages', async () => {
      const tenantId = uniqueId('tenant');
      const written = requests(tenantId, 60);
      await store().requestLog.append(written);
      const since = T0 + 10 * SECOND;
      const until = T0 + 40 * SECOND;
      const expect = (keep: (record: RequestRecord) => boolean) => written.filter(keep).toReversed();

      assert.deepEqual(
        (await listAll(tenantId, { credentialId: 'cred_1' }, 7)).map(withoutId),
        expect((record) => record.credentialId === 'cred_1'),
      );
      assert.deepEqual(
        (await listAll(tenantId, { since }, 7)).map(withoutId),
        expect((record) => record.at >= since),
      );
      assert.deepEqual(
        (await listAll(tenantId, { until }, 7)).map(withoutId),
        expect((record) => record.at < until),
      );
      assert.deepEqual(
        (await listAll(tenantId, { credentialId: 'cred_2', since, until }, 3)).map(withoutId),
        expect((record) => record.credentialId === 'cred_2' && record.at >= since && record.at < until),
      );
      assert.deepEqual(await listAll(tenantId, { credentialId: 'cred_9' }, 3), []);
    });

    test('list filters by outcome, status and rateLimited, with the others and through pages', async () => {
      const tenantId = uniqueId('tenant');
      const written = requests(tenantId, 50);
      await store().requestLog.append(written);
      const expect = (keep: (record: RequestRecord) => boolean) => written.filter(keep).toReversed();
      const listed = async (filter: RequestFilter) => (await listAll(tenantId, filter, 4)).map(withoutId);

      assert.deepEqual(
        await listed({ outcome: 'rate_limited' }),
        expect((record) => record.outcome === 'rate_limited'),
      );
      assert.deepEqual(
        await listed({ status: 200 }),
        expect((record) => record.status === 200),
      );
      assert.deepEqual(
        await listed({ rateLimited: true }),
        expect((record) => record.rateLimited),
      );
      assert.deepEqual(
        await listed({ rateLimited: false }),
        expect((record) => !record.rateLimited),
      );
      assert.deepEqual(
        await listed({ credentialId: 'cred_0', outcome: 'valid', since: T0 + 10 * SECOND }),
        expect((r) => r.credentialId === 'cred_0' && r.outcome === 'valid' && r.at >= T0 + 10 * SECOND),
      );
      assert.deepEqual(await listed({ outcome: 'valid', status: 429 }), []);
    });

    test("a tenant never lists another tenant's requests", async () => {
      const [tenantA, tenantB] = [uniqueId('tenant'), uniqueId('tenant')];
      const [writtenA, writtenB] = [requests(tenantA, 5), requests(tenantB, 5)];
      await store().requestLog.append([...writtenA, ...writtenB].sort((a, b) => a.at - b.at));
      assert.deepEqual((await listAll(tenantA, {}, 2)).map(withoutId), writtenA.toReversed());
      assert.deepEqual((await listAll(tenantB, { credentialId: 'cred_0' }, 2)).map(withoutId), [
        ...writtenB.filter((record) => record.credentialId === 'cred_0').toReversed(),
      ]);
    });

    test('deleteOlderThan removes rows before the time, only for the given tenants', async () => {
      const [tenantA, tenantB, kept] = [uniqueId('tenant'), uniqueId('tenant'), uniqueId('tenant')];
      await store().requestLog.append([
        ...requests(tenantA, 3),
        ...requests(tenantB, 3),
        ...requests(kept, 3),
      ]);
      const before = T0 + SECOND;

      assert.equal(await store().requestLog.deleteOlderThan([], before), 0);
      // More tenant ids than one delete statement takes, the ones with rows at both ends.
      const filler = Array.from({ length: 600 }, () => uniqueId('no_rows'));
      assert.equal(await store().requestLog.deleteOlderThan([tenantA, ...filler, tenantB], before), 2);

      for (const tenantId of [tenantA, tenantB]) {
        const left = (await listAll(tenantId, {}, 10)).map((row) => row.at);
        assert.deepEqual(left, [T0 + 2 * SECOND, T0 + SECOND], 'a row at exactly `before` stays');
      }
      assert.equal((await listAll(kept, {}, 10)).length, 3);
      assert.equal(await store().requestLog.deleteOlderThan([tenantA, tenantB], before), 0);
    });

    test('the feed writer stores a flush of rows, in order, across its multi-row inserts', async () => {
      const tenantId = uniqueId('tenant');
      const written = requests(tenantId, 64 * 3 + 5);
      const batch = new RequestBatch();
      for (const record of written) batch.append(record);
      await store().feedWriter.write(batch.take(), new Map(), []);
      const rows = await listAll(tenantId, {}, 100);
      assert.deepEqual(rows.map(withoutId), written.toReversed());
    });

    test('the feed writer commits a flush in one transaction: a flush failing at its last row writes nothing', async () => {
      const tenant = await createTenant(store());
      const tenantId = tenant.id;
      const { key } = await issueKey(store(), tenantId);
      const batch = new RequestBatch();
      for (const record of requests(tenantId, 3)) batch.append(record);
      const activity: ActivityRecord = {
        tenantId,
        at: T0,
        actorType: 'client',
        actorId: 'client_1',
        ip: null,
        action: 'token.issued',
        targetType: 'client',
        targetId: 'client_1',
        details: { jti: 'jti_1' },
      };
      // target_id is NOT NULL: the flush's last insert fails after every other row of it was written.
      const poisoned = { ...activity, targetId: null as unknown as string };
      await assert.rejects(
        store().feedWriter.write(batch.take(), new Map([[key.id, T0]]), [activity, poisoned]),
      );
      assert.deepEqual(await listAll(tenantId, {}, 10), [], 'no request row of the failed flush');
      const usage = { granularity: 'day' as const, since: T0 - DAY, until: T0 + DAY };
      assert.deepEqual(await store().usageRollups.counts(tenantId, usage), [], 'no usage count of it');
      const activities = await store().activityLog.list({ tenantId }, { limit: 10 });
      assert.deepEqual(activities.items, [], 'no activity row of the failed flush');
      assert.equal((await store().apiKeys.get(tenantId, key.id))?.lastUsedAt, null, 'no stamp of it');
    });

    test('the feed writer takes an empty flush', async () => {
      const tenantId = uniqueId('tenant');
      await store().feedWriter.write(new RequestBatch().take(), new Map(), []);
      assert.deepEqual(await listAll(tenantId, {}, 10), []);
    });
  });
}
