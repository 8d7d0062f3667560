import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tenant } from '../../../src/store/index.ts';
import { type ContractContext, collectPages, createTenant, DAY, T0, uniqueId } from './fixtures.ts';

export function tenantsContract({ store }: ContractContext): void {
  describe('tenants', () => {
    test('insert then get returns the same tenant; an unknown id is undefined', async () => {
      const tenant = await createTenant(store(), {
        name: 'Ünïcode & Co — 日本',
        planId: 'pro',
        status: 'suspended',
        createdAt: T0 + 1,
        updatedAt: T0 + 2,
      });
      assert.deepEqual(await store().tenants.get(tenant.id), tenant);
      assert.equal(await store().tenants.get(uniqueId('missing')), undefined);
    });

    test('inserting an id that exists rejects and leaves the first tenant as it was', async () => {
      const tenant = await createTenant(store());
      await assert.rejects(store().tenants.insert({ ...tenant, name: 'Impostor' }));
      assert.deepEqual(await store().tenants.get(tenant.id), tenant);
    });

    test('list pages newest first by (created_at, id), splitting a created_at tie across pages', async () => {
      // Far in the future, so these are the newest tenants in the database whatever other tests wrote.
      const base = T0 + 100 * 365 * DAY;
      const prefix = uniqueId('listed');
      const at = (suffix: string, createdAt: number): Tenant => ({
        id: `${prefix}_${suffix}`,
        name: suffix,
        planId: 'free',
        status: 'active',
        createdAt,
        updatedAt: createdAt,
      });
      const c = at('c', base);
      const [b1, b2, b3] = [at('b1', base + 1), at('b2', base + 1), at('b3', base + 1)];
      const newest = at('a', base + 2);
      for (const tenant of [b2, newest, c, b3, b1]) await store().tenants.insert(tenant);

      const first = await store().tenants.list({ limit: 2 });
      assert.deepEqual(first.items, [newest, b3]);
      assert.ok(first.nextCursor);

      // Keyset pagination is stable under inserts: a newer tenant does not shift the next page.
      const newer = at('z', base + 3);
      await store().tenants.insert(newer);

      const second = await store().tenants.list({ cursor: first.nextCursor, limit: 2 });
      assert.deepEqual(second.items, [b2, b1]);
      assert.ok(second.nextCursor);
      const third = await store().tenants.list({ cursor: second.nextCursor, limit: 2 });
      assert.deepEqual(third.items[0], c);

      const all = await collectPages(2, (cursor) => store().tenants.list({ cursor, limit: 2 }));
      const ids = all.map((tenant) => tenant.id);
      assert.equal(new Set(ids).size, ids.length, 'no tenant is listed twice');
      assert.deepEqual(
        ids.filter((id) => id.startsWith(`${prefix}_`)),
        [newer, newest, b3, b2, b1, c].map((tenant) => tenant.id),
      );
      for (let index = 1; index < all.length; index++) {
        const [before, after] = [all[index - 1], all[index]];
        assert.ok(before && after && before.createdAt >= after.createdAt, 'created_at never increases');
      }
    });

    test('update changes only the given fields and stamps updated_at; an unknown tenant is undefined', async () => {
      const tenant = await createTenant(store(), { name: 'Before', planId: 'free' });
      const renamed = await store().tenants.update(tenant.id, { name: 'After' }, T0 + 10);
      assert.deepEqual(renamed, { ...tenant, name: 'After', updatedAt: T0 + 10 });

      const moved = await store().tenants.update(tenant.id, { planId: 'pro', status: 'suspended' }, T0 + 20);
      assert.deepEqual(moved, {
        ...tenant,
        name: 'After',
        planId: 'pro',
        status: 'suspended',
        updatedAt: T0 + 20,
      });

      const touched = await store().tenants.update(tenant.id, {}, T0 + 30);
      assert.deepEqual(touched, { ...moved, updatedAt: T0 + 30 });
      assert.deepEqual(await store().tenants.get(tenant.id), touched);

      assert.equal(await store().tenants.update(uniqueId('missing'), { name: 'Ghost' }, T0), undefined);
    });

    test('idsByPlan groups every tenant id under its plan and follows plan changes', async () => {
      const [planA, planB] = [uniqueId('plan'), uniqueId('plan')];
      const t1 = await createTenant(store(), { planId: planA });
      const t2 = await createTenant(store(), { planId: planA });
      const t3 = await createTenant(store(), { planId: planB, status: 'suspended' });
      const sorted = (ids: string[] | undefined) => [...(ids ?? [])].sort();

      let byPlan = await store().tenants.idsByPlan();
      assert.deepEqual(sorted(byPlan.get(planA)), [t1.id, t2.id].sort());
      assert.deepEqual(sorted(byPlan.get(planB)), [t3.id]);

      await store().tenants.update(t2.id, { planId: planB }, T0 + 1);
      byPlan = await store().tenants.idsByPlan();
      assert.deepEqual(sorted(byPlan.get(planA)), [t1.id]);
      assert.deepEqual(sorted(byPlan.get(planB)), [t2.id, t3.id].sort());
      assert.equal(byPlan.get(uniqueId('plan')), undefined);
    });
  });
}
