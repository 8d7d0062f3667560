import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityFilter, ActivityRecord, ActivityRecordRow } from '../../../src/store/index.ts';
import { type ContractContext, collectPages, MINUTE, T0, uniqueId } from './fixtures.ts';

function activity(
  tenantId: string | null,
  index: number,
  overrides: Partial<ActivityRecord> = {},
): ActivityRecord {
  return {
    tenantId,
    at: T0 + index * MINUTE,
    actorType: index % 2 === 0 ? 'platform_key' : 'api_key',
    actorId: index % 3 === 0 ? null : `actor_${index}`,
    ip: index % 2 === 0 ? '198.51.100.4' : null,
    action: index % 3 === 0 ? 'key.revoked' : 'key.created',
    targetType: 'api_key',
    targetId: `key_${index}`,
    details: { index },
    ...overrides,
  };
}

/** A row as it was appended: without its id, and without a mode when it was appended without one. */
function withoutId({ id: _id, mode, ...record }: ActivityRecordRow): ActivityRecord {
  return mode === null ? record : { ...record, mode };
}

export function activityLogContract({ store }: ContractContext): void {
  const listAll = async (tenantId: string, filter: ActivityFilter, limit: number) => {
    const rows = await collectPages(limit, (cursor) =>
      store().activityLog.list({ ...filter, tenantId }, { cursor, limit }),
    );
    for (let index = 1; index < rows.length; index++) {
      const [newer, older] = [rows[index - 1], rows[index]];
      assert.ok(newer && older && newer.id > older.id, 'ids strictly decrease');
    }
    return rows.map(withoutId);
  };

  describe('activityLog', () => {
    test('append then list returns records newest first; details JSON round-trips', async () => {
      const tenantId = uniqueId('tenant');
      const details = {
        plan: { from: 'free', to: 'pro' },
        scopes: ['keys:read', 'keys:write'],
        count: 3,
        ratio: 0.5,
        enabled: false,
        note: null,
        text: 'naïve — 日本 "quoted" \\ back',
        nested: [{ deep: [1, [2, { three: 3 }]] }],
      };
      const written = [
        activity(tenantId, 0, { details }),
        activity(tenantId, 1, { details: {} }),
        activity(tenantId, 2),
      ];
      for (const record of written) await store().activityLog.append(record);
      assert.deepEqual(await listAll(tenantId, {}, 10), written.toReversed());
    });

    test('list filters by action, since (inclusive) and until (exclusive), through pages', async () => {
      const tenantId = uniqueId('tenant');
      const written = Array.from({ length: 12 }, (_, index) => activity(tenantId, index));
      for (const record of written) await store().activityLog.append(record);
      const since = T0 + 3 * MINUTE;
      const until = T0 + 9 * MINUTE;
      const expect = (keep: (record: ActivityRecord) => boolean) => written.filter(keep).toReversed();

      assert.deepEqual(await listAll(tenantId, {}, 5), written.toReversed());
      assert.deepEqual(
        await listAll(tenantId, { action: 'key.revoked' }, 2),
        expect((record) => record.action === 'key.revoked'),
      );
      assert.deepEqual(
        await listAll(tenantId, { since }, 2),
        expect((record) => record.at >= since),
      );
      assert.deepEqual(
        await listAll(tenantId, { until }, 2),
        expect((record) => record.at < until),
      );
      assert.deepEqual(
        await listAll(tenantId, { action: 'key.created', since, until }, 2),
        expect((record) => record.action === 'key.created' && record.at >= since && record.at < until),
      );
      assert.deepEqual(await listAll(tenantId, { action: 'tenant.deleted' }, 2), []);
    });

    test('list filters by actor: its type, or its type and id', async () => {
      const tenantId = uniqueId('tenant');
      const written = Array.from({ length: 7 }, (_, index) => activity(tenantId, index));
      for (const record of written) await store().activityLog.append(record);
      const expect = (keep: (record: ActivityRecord) => boolean) => written.filter(keep).toReversed();
      assert.deepEqual(
        await listAll(tenantId, { actor: { type: 'platform_key' } }, 2),
        expect((record) => record.actorType === 'platform_key'),
      );
      assert.deepEqual(
        await listAll(tenantId, { actor: { type: 'api_key', id: 'actor_5' } }, 2),
        expect((record) => record.actorId === 'actor_5'),
      );
      assert.deepEqual(await listAll(tenantId, { actor: { type: 'platform_key', id: 'actor_5' } }, 2), []);
      assert.deepEqual(
        await listAll(tenantId, { actor: { type: 'platform_key', id: 'actor_2' }, action: 'key.created' }, 2),
        expect((record) => record.actorId === 'actor_2'),
      );
    });

    test("a tenant never lists another tenant's or the platform's records", async () => {
      const [tenantA, tenantB] = [uniqueId('tenant'), uniqueId('tenant')];
      const recordA = activity(tenantA, 1);
      const recordB = activity(tenantB, 2);
      const platform = activity(null, 3, { action: 'platform_key.created', targetType: 'platform_key' });
      for (const record of [recordA, platform, recordB]) await store().activityLog.append(record);
      assert.deepEqual(await listAll(tenantA, {}, 10), [recordA]);
      assert.deepEqual(await listAll(tenantB, {}, 10), [recordB]);
    });

    test('a mode filter keeps rows of that mode and rows of both, never the other mode', async () => {
      const tenantId = uniqueId('tenant');
      const live = activity(tenantId, 1, { mode: 'live' });
      const test = activity(tenantId, 2, { mode: 'test' });
      const both = activity(tenantId, 3);
      for (const record of [live, test, both]) await store().activityLog.append(record);
      assert.deepEqual(await listAll(tenantId, { mode: 'test' }, 10), [both, test]);
      assert.deepEqual(await listAll(tenantId, { mode: 'live' }, 10), [both, live]);
      assert.deepEqual(await listAll(tenantId, {}, 10), [both, test, live]);
    });
  });
}
