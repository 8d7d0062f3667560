import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiKey, KeyFilter } from '../../../src/store/index.ts';
import {
  type ContractContext,
  collectPages,
  createTenant,
  findForVerification as findSecret,
  issueKey,
  MINUTE,
  newKey,
  newSecret,
  T0,
  uniqueId,
  verificationOf,
} from './fixtures.ts';

export function apiKeysContract({ store }: ContractContext): void {
  const findForVerification = (secretHash: string) => findSecret(store(), secretHash);

  describe('apiKeys', () => {
    describe('meta, external id and rate override (migration 013)', () => {
      test('are stored, read back by get, the verification read and the directory rows', async () => {
        const tenant = await createTenant(store());
        const meta = { customer: 'Acme', seats: 3, nested: { on: true, list: ['a'] } };
        const { key, secret } = await issueKey(store(), tenant.id, {
          meta,
          externalId: 'cus_42',
          rateLimitPerMinute: 12,
        });
        assert.deepEqual(await store().apiKeys.get(tenant.id, key.id), key);
        const row = await findForVerification(secret.secretHash);
        assert.deepEqual(row, verificationOf(key, tenant, null));
        assert.deepEqual(JSON.parse(row?.meta ?? 'null'), meta);
        const directory =
          store().apiKeys.directoryRows(-1)?.secrets ??
          (await store().apiKeys.directorySecretsPage('', 100_000));
        const tuple = [...directory].find((entry) => entry[0] === secret.secretHash);
        assert.deepEqual(tuple?.slice(10), [JSON.stringify(meta), 'cus_42', 12, 0]);
      });

      test('update changes the named fields only, clears with null, and moves the directory and caches', async () => {
        const tenant = await createTenant(store());
        const { key, secret } = await issueKey(store(), tenant.id, { meta: { a: 1 }, externalId: 'x' });
        const bus = store().invalidation;
        const before = bus.cacheVersion();
        const updated = await store().apiKeys.update(
          tenant.id,
          key.id,
          {
            name: 'Renamed',
            scopes: ['keys:read'],
            meta: null,
            rateLimitPerMinute: 5,
            expiresAt: T0 + MINUTE,
          },
          T0,
        );
        const expected = {
          ...key,
          name: 'Renamed',
          scopes: ['keys:read'],
          meta: null,
          rateLimitPerMinute: 5,
          expiresAt: T0 + MINUTE,
        };
        assert.deepEqual(updated, expected);
        assert.deepEqual(
          await findForVerification(secret.secretHash),
          verificationOf(expected, tenant, null),
        );
        if (before !== undefined) assert.notEqual(bus.cacheVersion(), before, 'verification caches move');
      });

      test('spendCredits spends atomically, never below zero, refills when due, and stays in its tenant', async () => {
        const tenant = await createTenant(store());
        const other = await createTenant(store());
        const day = 24 * 60 * MINUTE;
        const periods = { dayStart: T0 - 1, monthStart: T0 - 1 };
        const { key, secret } = await issueKey(store(), tenant.id, {
          credits: { remaining: 3, refill: { amount: 5, interval: 'day' }, refilledAt: T0 },
        });
        assert.equal((await findForVerification(secret.secretHash))?.counts_credits, 1);
        const spend = (n: number, at = T0, p = periods, tenantId = tenant.id) =>
          store().apiKeys.spendCredits(tenantId, key.id, n, at, p);
        assert.equal(await spend(2), 1);
        assert.equal(await spend(2), undefined, 'too few left: nothing spent');
        assert.equal(await spend(1, T0, periods, other.id), undefined, 'another tenant spends nothing');
        assert.equal(await spend(1), 0);
        assert.deepEqual((await store().apiKeys.get(tenant.id, key.id))?.credits, {
          remaining: 0,
          refill: { amount: 5, interval: 'day' },
          refilledAt: T0,
        });
        const tomorrow = { dayStart: T0 + day, monthStart: T0 - 1 };
        assert.equal(await spend(2, T0 + day + 1, tomorrow), 3, 'refilled to 5 at the day, then spent 2');
        assert.equal(await spend(3, T0 + day + 2, tomorrow), 0, 'refilled once a day only');
        assert.equal((await store().apiKeys.get(tenant.id, key.id))?.credits?.refilledAt, T0 + day + 1);
        const { key: uncounted } = await issueKey(store(), tenant.id);
        assert.equal(await store().apiKeys.spendCredits(tenant.id, uncounted.id, 1, T0, periods), undefined);
        const results = await Promise.all(
          Array.from({ length: 8 }, () =>
            store().apiKeys.spendCredits(tenant.id, key.id, 1, T0 + day + 3, tomorrow),
          ),
        );
        assert.deepEqual(results, Array(8).fill(undefined), 'none left: concurrent spends all refused');
      });

      test('update leaves a revoked key, an expired key and another tenant’s key alone', async () => {
        const tenant = await createTenant(store());
        const other = await createTenant(store());
        const { key: revoked } = await issueKey(store(), tenant.id);
        await store().apiKeys.revoke(tenant.id, revoked.id, T0);
        const { key: expired } = await issueKey(store(), tenant.id, { expiresAt: T0 + MINUTE });
        const { key: theirs } = await issueKey(store(), other.id);
        assert.equal(await store().apiKeys.update(tenant.id, revoked.id, { name: 'x' }, T0), undefined);
        assert.equal(
          await store().apiKeys.update(tenant.id, expired.id, { name: 'x' }, T0 + MINUTE),
          undefined,
        );
        assert.equal(await store().apiKeys.update(tenant.id, theirs.id, { name: 'x' }, T0), undefined);
        assert.equal((await store().apiKeys.get(other.id, theirs.id))?.name, theirs.name);
        assert.equal((await store().apiKeys.get(tenant.id, expired.id))?.name, expired.name);
      });
    });

    describe('insertWithinLimit', () => {
      test('inserts the key and its first secret; get and findForVerification read them back', async () => {
        const tenant = await createTenant(store(), { planId: 'team' });
        const key = newKey(tenant.id, {
          type: 'secret',
          mode: 'test',
          scopes: null,
          ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
          expiresAt: T0 + 90 * MINUTE,
        });
        const secret = newSecret({ pepperVersion: 3 });
        assert.deepEqual(await store().apiKeys.insertWithinLimit(key, secret, 1, T0), { inserted: true });
        assert.deepEqual(await store().apiKeys.get(tenant.id, key.id), key);
        assert.deepEqual(await findForVerification(secret.secretHash), verificationOf(key, tenant, null));
        assert.equal(await findForVerification(uniqueId('hash')), undefined);
      });

      test('refuses when the tenant holds maxActive active keys, and writes nothing', async () => {
        const tenant = await createTenant(store());
        await issueKey(store(), tenant.id);
        await issueKey(store(), tenant.id, { expiresAt: T0 + 1 }); // active: expires after now
        const key = newKey(tenant.id);
        const secret = newSecret();
        const result = await store().apiKeys.insertWithinLimit(key, secret, 2, T0);
        assert.deepEqual(result, { inserted: false, reason: 'key_limit_reached' });
        assert.equal(await store().apiKeys.get(tenant.id, key.id), undefined);
        assert.equal(await findForVerification(secret.secretHash), undefined);
      });

      test('expired and revoked keys do not count towards the limit', async () => {
        const tenant = await createTenant(store());
        await issueKey(store(), tenant.id, { expiresAt: T0 - 1 });
        await issueKey(store(), tenant.id, { expiresAt: T0 }); // expires exactly now: no longer active
        const { key: revoked } = await issueKey(store(), tenant.id);
        await store().apiKeys.revoke(tenant.id, revoked.id, T0);
        await issueKey(store(), tenant.id);

        const second = newKey(tenant.id);
        assert.deepEqual(await store().apiKeys.insertWithinLimit(second, newSecret(), 2, T0), {
          inserted: true,
        });
        const third = newKey(tenant.id);
        assert.deepEqual(await store().apiKeys.insertWithinLimit(third, newSecret(), 2, T0), {
          inserted: false,
          reason: 'key_limit_reached',
        });
      });

      test("another tenant's keys do not count towards the limit", async () => {
        const [tenantA, tenantB] = [await createTenant(store()), await createTenant(store())];
        await issueKey(store(), tenantB.id);
        await issueKey(store(), tenantB.id);
        const key = newKey(tenantA.id);
        assert.deepEqual(await store().apiKeys.insertWithinLimit(key, newSecret(), 1, T0), {
          inserted: true,
        });
      });

      test('a key for a tenant that does not exist rejects (foreign key)', async () => {
        const key = newKey(uniqueId('missing_tenant'));
        await assert.rejects(store().apiKeys.insertWithinLimit(key, newSecret(), 5, T0));
        assert.equal(await store().apiKeys.get(key.tenantId, key.id), undefined);
      });

      test('a failing secret insert rolls the key back too', async () => {
        const tenant = await createTenant(store());
        const { secret: taken } = await issueKey(store(), tenant.id);
        const key = newKey(tenant.id);
        await assert.rejects(
          store().apiKeys.insertWithinLimit(key, newSecret({ secretHash: taken.secretHash }), 5, T0),
        );
        assert.equal(await store().apiKeys.get(tenant.id, key.id), undefined);
      });

      test('10 concurrent inserts for one tenant with limit 3 insert exactly 3', async () => {
        const tenant = await createTenant(store());
        const keys = Array.from({ length: 10 }, () => newKey(tenant.id));
        const results = await Promise.all(
          keys.map((key) => store().apiKeys.insertWithinLimit(key, newSecret(), 3, T0)),
        );
        assert.equal(results.filter((result) => result.inserted).length, 3);
        assert.ok(results.every((result) => result.inserted || result.reason === 'key_limit_reached'));
        const listed = await store().apiKeys.list(tenant.id, { limit: 100 });
        assert.equal(listed.items.length, 3);
      });
    });

    describe('tenant scoping', () => {
      /** Two tenants with one key each; every check below reaches for B's key as tenant A. */
      const twoTenants = async () => {
        const [tenantA, tenantB] = [await createTenant(store()), await createTenant(store())];
        const { key: keyA } = await issueKey(store(), tenantA.id);
        const { key: keyB, secret: secretB } = await issueKey(store(), tenantB.id, {
          displayPrefix: 'pk_live_bbbb',
        });
        const assertUntouched = async () => {
          assert.deepEqual(await store().apiKeys.get(tenantB.id, keyB.id), keyB);
          assert.deepEqual(
            await findForVerification(secretB.secretHash),
            verificationOf(keyB, tenantB, null),
          );
        };
        return { tenantA, keyA, keyB, assertUntouched };
      };

      test("get never returns another tenant's key", async () => {
        const { tenantA, keyB } = await twoTenants();
        assert.equal(await store().apiKeys.get(tenantA.id, keyB.id), undefined);
      });

      test("list never returns another tenant's keys", async () => {
        const { tenantA, keyA } = await twoTenants();
        assert.deepEqual(await store().apiKeys.list(tenantA.id, { limit: 100 }), {
          items: [keyA],
          nextCursor: null,
        });
      });

      test("revoke of another tenant's key is undefined and changes nothing", async () => {
        const { tenantA, keyB, assertUntouched } = await twoTenants();
        assert.equal(await store().apiKeys.revoke(tenantA.id, keyB.id, T0 + 1), undefined);
        await assertUntouched();
      });

      test("roll of another tenant's key adds no secret and changes nothing", async () => {
        const { tenantA, keyB, assertUntouched } = await twoTenants();
        const stolen = newSecret({ createdAt: T0 + 2 });
        await store().apiKeys.roll(tenantA.id, keyB.id, stolen, 'pk_live_aaaa', T0 + 2);
        assert.equal(await findForVerification(stolen.secretHash), undefined);
        await assertUntouched();
      });
    });

    test('list pages newest first by (created_at, id), splitting a created_at tie across pages', async () => {
      const tenant = await createTenant(store());
      const prefix = uniqueId('listed_key');
      const at = (suffix: string, createdAt: number) =>
        newKey(tenant.id, { id: `${prefix}_${suffix}`, createdAt });
      const [oldest, tie1, tie2, tie3, newest] = [
        at('c', T0),
        at('b1', T0 + 1),
        at('b2', T0 + 1),
        at('b3', T0 + 1),
        at('a', T0 + 2),
      ];
      for (const key of [tie2, newest, oldest, tie3, tie1]) {
        await store().apiKeys.insertWithinLimit(key, newSecret(), 100, T0);
      }
      const first = await store().apiKeys.list(tenant.id, { limit: 2 });
      assert.deepEqual(first.items, [newest, tie3]);
      assert.ok(first.nextCursor);
      const second = await store().apiKeys.list(tenant.id, { cursor: first.nextCursor, limit: 2 });
      assert.deepEqual(second.items, [tie2, tie1]);
      assert.ok(second.nextCursor);
      const third = await store().apiKeys.list(tenant.id, { cursor: second.nextCursor, limit: 2 });
      assert.deepEqual(third, { items: [oldest], nextCursor: null });

      const exact = await store().apiKeys.list(tenant.id, { limit: 5 });
      assert.equal(exact.nextCursor, null, 'a page that holds the last key has no cursor');
      const all = await collectPages(1, (cursor) => store().apiKeys.list(tenant.id, { cursor, limit: 1 }));
      assert.deepEqual(all, [newest, tie3, tie2, tie1, oldest]);
      assert.deepEqual(await store().apiKeys.list(uniqueId('tenant'), { limit: 5 }), {
        items: [],
        nextCursor: null,
      });
    });

    test('list filters by mode, type, name prefix and status (judged at now), across pages and tenants', async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      const prefix = uniqueId('filtered');
      const at = (suffix: string, createdAt: number, overrides: Partial<ApiKey> = {}) =>
        newKey(tenant.id, { id: `${prefix}_${suffix}`, createdAt, ...overrides });
      const keys = [
        at('a', T0, { name: 'Backend', mode: 'live', type: 'secret', scopes: null }),
        at('b', T0 + 1, { name: 'Backend test', mode: 'test', type: 'secret', scopes: null }),
        at('c', T0 + 1, { name: 'Reporting', mode: 'live', expiresAt: T0 + 10 * MINUTE }),
        at('d', T0 + 2, { name: 'Reporting old', mode: 'live', expiresAt: T0 + MINUTE }),
        at('e', T0 + 3, { name: 'Réunion', mode: 'test', revokedAt: null }),
        at('f', T0 + 4, { name: 'Backend 100%', mode: 'live', type: 'secret', scopes: null }),
      ];
      for (const key of keys) await store().apiKeys.insertWithinLimit(key, newSecret(), 100, T0);
      await store().apiKeys.insertWithinLimit(newKey(other.id, { name: 'Backend' }), newSecret(), 100, T0);
      const revokedKey = keys[4] as ApiKey;
      await store().apiKeys.revoke(tenant.id, revokedKey.id, T0 + 5);
      const now = T0 + 5 * MINUTE;
      const names = async (filter: KeyFilter) =>
        (
          await collectPages(1, (cursor) => store().apiKeys.list(tenant.id, { cursor, limit: 1 }, filter))
        ).map((key) => key.name);

      assert.deepEqual(await names({ mode: 'test' }), ['Réunion', 'Backend test']);
      assert.deepEqual(await names({ type: 'secret', mode: 'live' }), ['Backend 100%', 'Backend']);
      assert.deepEqual(await names({ namePrefix: 'Backend' }), ['Backend 100%', 'Backend test', 'Backend']);
      assert.deepEqual(await names({ namePrefix: 'Backend 1' }), ['Backend 100%']);
      assert.deepEqual(await names({ namePrefix: 'backend' }), [], 'case-sensitive');
      assert.deepEqual(await names({ namePrefix: 'B_ckend' }), [], '_ is no wildcard');
      assert.deepEqual(await names({ namePrefix: 'Ré' }), ['Réunion'], 'characters, not bytes');
      assert.deepEqual(await names({ status: { is: 'revoked', now } }), ['Réunion']);
      assert.deepEqual(await names({ status: { is: 'expired', now } }), ['Reporting old']);
      assert.deepEqual(await names({ status: { is: 'active', now } }), [
        'Backend 100%',
        'Reporting',
        'Backend test',
        'Backend',
      ]);
      assert.deepEqual(
        await names({ status: { is: 'expired', now: T0 + 10 * MINUTE } }),
        ['Reporting old', 'Reporting'],
        'an expiry at exactly now is expired',
      );
      assert.deepEqual(await names({ mode: 'live', namePrefix: 'Rep', status: { is: 'active', now } }), [
        'Reporting',
      ]);
    });

    test('revoke stamps revokedAt once; revoking again keeps the first stamp; an unknown key is undefined', async () => {
      const tenant = await createTenant(store());
      const { key, secret } = await issueKey(store(), tenant.id);
      const revoked = await store().apiKeys.revoke(tenant.id, key.id, T0 + 10);
      assert.deepEqual(revoked, { ...key, revokedAt: T0 + 10 });
      assert.deepEqual(await store().apiKeys.revoke(tenant.id, key.id, T0 + 20), revoked);
      assert.deepEqual(await store().apiKeys.get(tenant.id, key.id), revoked);
      assert.deepEqual(
        await findForVerification(secret.secretHash),
        verificationOf({ ...key, revokedAt: T0 + 10 }, tenant, null),
      );
      assert.equal(await store().apiKeys.revoke(tenant.id, uniqueId('key'), T0), undefined);
    });
  });
}
