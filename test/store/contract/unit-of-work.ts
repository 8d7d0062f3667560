import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tenant } from '../../../src/store/index.ts';
import { type ContractContext, T0, uniqueId } from './fixtures.ts';

function tenant(): Tenant {
  return {
    id: uniqueId('tenant'),
    name: 'Unit',
    planId: 'free',
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
  };
}

const activity = (tenantId: string, action: string) => ({
  tenantId,
  at: T0,
  actorType: 'cli',
  actorId: null,
  ip: null,
  action,
  targetType: 'tenant',
  targetId: tenantId,
  details: { note: 'unit' },
});

export function unitOfWorkContract({ store }: ContractContext): void {
  describe('unit of work and outbox', () => {
    test('a unit commits its change, its activity row and its outbox event together', async () => {
      const created = tenant();
      const [last] = (await store().outbox.listAfter(0, 100_000)).slice(-1);
      await store().unitOfWork(async (unit) => {
        await unit.tenants.insert(created);
        await unit.activityLog.append(activity(created.id, 'tenant.created'));
        await unit.outbox.append({
          type: 'tenant.created',
          tenantId: created.id,
          mode: null,
          payload: { id: created.id },
          createdAt: T0,
        });
      });
      assert.deepEqual(await store().tenants.get(created.id), created);
      const rows = await store().activityLog.list({ tenantId: created.id }, { limit: 10 });
      assert.deepEqual(
        rows.items.map((row) => row.action),
        ['tenant.created'],
      );
      const events = await store().outbox.listAfter(last?.id ?? 0, 100);
      const event = events.find((candidate) => candidate.tenantId === created.id);
      assert.ok(event, 'the event is readable after the unit');
      assert.deepEqual(
        { type: event.type, mode: event.mode, payload: event.payload, createdAt: event.createdAt },
        { type: 'tenant.created', mode: null, payload: { id: created.id }, createdAt: T0 },
      );
    });

    test('a unit that fails leaves nothing: no change, no activity row, no event', async () => {
      const failed = tenant();
      const before = (await store().outbox.listAfter(0, 100_000)).length;
      await assert.rejects(
        store().unitOfWork(async (unit) => {
          await unit.tenants.insert(failed);
          await unit.activityLog.append(activity(failed.id, 'tenant.created'));
          await unit.outbox.append({
            type: 'tenant.created',
            tenantId: failed.id,
            mode: 'live',
            payload: {},
            createdAt: T0,
          });
          throw new Error('the use case refuses half-way');
        }),
        /refuses half-way/,
      );
      assert.equal(await store().tenants.get(failed.id), undefined);
      assert.deepEqual((await store().activityLog.list({ tenantId: failed.id }, { limit: 10 })).items, []);
      assert.equal((await store().outbox.listAfter(0, 100_000)).length, before);
    });

    test('the outbox reads after an id, oldest first, a page at a time', async () => {
      const [last] = (await store().outbox.listAfter(0, 100_000)).slice(-1);
      const tenantId = uniqueId('tenant');
      for (const type of ['key.created', 'key.rolled', 'key.revoked']) {
        await store().outbox.append({ type, tenantId, mode: 'test', payload: { type }, createdAt: T0 });
      }
      const page = (await store().outbox.listAfter(last?.id ?? 0, 2)).filter((e) => e.tenantId === tenantId);
      assert.deepEqual(
        page.map((event) => event.type),
        ['key.created', 'key.rolled'],
      );
      const rest = await store().outbox.listAfter(page[1]?.id ?? 0, 10);
      assert.deepEqual(
        rest.filter((event) => event.tenantId === tenantId).map((event) => event.type),
        ['key.revoked'],
      );
      assert.ok(page.every((event, index) => index === 0 || event.id > (page[index - 1]?.id ?? 0)));
    });

    test('what a unit changed moves the cache version; a unit that changed nothing that verification reads does not', async () => {
      const bus = store().invalidation;
      const created = tenant();
      await store().tenants.insert(created);
      const before = bus.cacheVersion();
      if (before === undefined) {
        // PostgreSQL: no version can be confirmed yet, so every cache stands aside.
        assert.equal(store().dialect, 'postgres');
        return;
      }
      await store().unitOfWork((unit) => unit.activityLog.append(activity(created.id, 'tenant.renamed')));
      assert.equal(bus.cacheVersion(), before, 'an activity row alone changes no verification');
      await store().tenants.update(created.id, { status: 'suspended' }, T0 + 1);
      assert.notEqual(bus.cacheVersion(), before, 'a suspension does');
    });
  });
}
