import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewUser, Store } from '../../../src/store/index.ts';
import { type ContractContext, collectPages, createTenant, SECOND, T0, uniqueId } from './fixtures.ts';

async function createUser(store: Store, overrides: Partial<NewUser> = {}): Promise<NewUser> {
  const id = uniqueId('user');
  const user: NewUser = {
    id,
    email: `${id}@example.com`,
    name: 'Ann',
    externalId: null,
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
    passwordHash: null,
    ...overrides,
  };
  await store.users.insert(user);
  return user;
}

export function peopleContract({ store }: ContractContext): void {
  describe('users and memberships', () => {
    test('a user by id, email and externalId; emails and externalIds are unique; the hash only for sign-in', async () => {
      const user = await createUser(store(), { externalId: uniqueId('ext'), passwordHash: '$argon2id$x' });
      const got = await store().users.get(user.id);
      assert.equal(got?.email, user.email);
      assert.equal(got?.hasPassword, true);
      assert.equal(JSON.stringify(got).includes('argon2'), false);
      assert.equal((await store().users.findByEmail(user.email))?.id, user.id);
      assert.equal((await store().users.findByExternalId(user.externalId as string))?.id, user.id);
      assert.equal((await store().users.findForSignIn(user.email))?.passwordHash, '$argon2id$x');
      await assert.rejects(createUser(store(), { email: user.email }));
      await assert.rejects(createUser(store(), { externalId: user.externalId }));
      // Many users without an externalId.
      await createUser(store());
      await createUser(store());
    });

    test('memberships per tenant: add, role, list newest first a page at a time, remove; never across tenants', async () => {
      const tenant = await createTenant(store());
      const other = await createTenant(store());
      const users = [];
      for (let i = 0; i < 5; i++) {
        const user = await createUser(store());
        users.push(user);
        await store().users.addMembership({
          tenantId: tenant.id,
          userId: user.id,
          role: i === 0 ? 'owner' : 'viewer',
          createdAt: T0 + i * SECOND,
          updatedAt: T0,
        });
      }
      await store().users.addMembership({
        tenantId: other.id,
        userId: users[1]?.id as string,
        role: 'owner',
        createdAt: T0,
        updatedAt: T0,
      });
      const listed = await collectPages(2, (cursor) =>
        store().users.members(tenant.id, { limit: 2, cursor }),
      );
      assert.deepEqual(
        listed.map((member) => member.userId),
        [...users].reverse().map((user) => user.id),
      );
      assert.equal(await store().users.countOwners(tenant.id), 1);
      const second = users[1]?.id as string;
      assert.equal((await store().users.setRole(tenant.id, second, 'manager', T0 + 9))?.role, 'manager');
      assert.equal((await store().users.membership(other.id, second))?.role, 'owner');
      assert.deepEqual(
        (await store().users.membershipsOf(second)).map((m) => [m.tenantId, m.role]).sort(),
        [
          [tenant.id, 'manager'],
          [other.id, 'owner'],
        ].sort(),
      );
      assert.equal(await store().users.removeMembership(other.id, users[2]?.id as string), false);
      assert.equal(await store().users.removeMembership(tenant.id, second), true);
      assert.equal(await store().users.membership(tenant.id, second), undefined);
      assert.ok(await store().users.membership(other.id, second));
    });
  });

  describe('sessions and personal tokens', () => {
    test('a session by its hash with its user status; touched forward only; ended one, or all of a user', async () => {
      const user = await createUser(store());
      const session = {
        id: uniqueId('ses'),
        userId: user.id,
        method: 'password' as const,
        createdAt: T0,
        lastSeenAt: T0,
        expiresAt: T0 + 1000 * SECOND,
        ip: '127.0.0.1',
        userAgent: null,
      };
      const tokenHash = uniqueId('session_hash');
      await store().sessions.insert({ ...session, tokenHash, pepperVersion: 1 });
      assert.deepEqual(await store().sessions.findByTokenHash(tokenHash), { session, userStatus: 'active' });
      await store().sessions.touch(session.id, T0 + 10);
      await store().sessions.touch(session.id, T0 + 5);
      assert.equal((await store().sessions.findByTokenHash(tokenHash))?.session.lastSeenAt, T0 + 10);
      const other = await createUser(store());
      assert.equal(await store().sessions.deleteForUser(other.id, session.id), false);
      assert.equal(await store().sessions.deleteAllForUser(user.id), 1);
      assert.equal(await store().sessions.findByTokenHash(tokenHash), undefined);
    });

    test("a personal token by its hash; listed, got and revoked only as its owner's", async () => {
      const user = await createUser(store());
      const stranger = await createUser(store());
      const token = {
        id: uniqueId('tok'),
        userId: user.id,
        name: 'cli',
        scopes: ['read:entities'],
        displayPrefix: 'pat_live_abc',
        createdAt: T0,
        expiresAt: null,
        secretHash: uniqueId('pat_hash'),
        pepperVersion: 1,
      };
      await store().personalTokens.insert(token);
      const found = await store().personalTokens.findForVerification(token.secretHash);
      assert.equal(found?.token.id, token.id);
      assert.equal(found?.userStatus, 'active');
      assert.equal(await store().personalTokens.get(stranger.id, token.id), undefined);
      assert.equal(await store().personalTokens.revoke(stranger.id, token.id, T0 + 1), undefined);
      assert.equal(await store().personalTokens.countActive(user.id, T0), 1);
      assert.equal((await store().personalTokens.revoke(user.id, token.id, T0 + 2))?.revokedAt, T0 + 2);
      assert.equal((await store().personalTokens.revoke(user.id, token.id, T0 + 3))?.revokedAt, T0 + 2);
      assert.equal(await store().personalTokens.countActive(user.id, T0), 0);
      assert.deepEqual(
        (await store().personalTokens.list(user.id, { limit: 10 })).items.map((item) => item.id),
        [token.id],
      );
    });

    test('an invitation is accepted once; a revoked one not at all; a hand-off is used once', async () => {
      const tenant = await createTenant(store());
      const user = await createUser(store());
      const invitation = {
        id: uniqueId('inv'),
        tenantId: tenant.id,
        email: 'x@example.com',
        role: 'viewer' as const,
        createdAt: T0,
        expiresAt: T0 + 100,
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
        tokenHash: uniqueId('inv_hash'),
        pepperVersion: 1,
      };
      await store().invitations.insert(invitation);
      assert.equal((await store().invitations.findByTokenHash(invitation.tokenHash))?.id, invitation.id);
      assert.equal(await store().invitations.accept(invitation.id, user.id, T0 + 1), true);
      assert.equal(await store().invitations.accept(invitation.id, user.id, T0 + 2), false);
      assert.equal(await store().invitations.revoke(tenant.id, invitation.id, T0 + 3), false);
      const handoff = {
        id: uniqueId('hof'),
        tenantId: tenant.id,
        userId: user.id,
        returnTo: '/console',
        createdAt: T0,
        expiresAt: T0 + 60 * SECOND,
        usedAt: null,
        tokenHash: uniqueId('hof_hash'),
        pepperVersion: 1,
      };
      await store().sessions.insertHandoff(handoff);
      assert.equal((await store().sessions.findHandoff(handoff.tokenHash))?.id, handoff.id);
      assert.equal(await store().sessions.useHandoff(handoff.id, T0 + 1), true);
      assert.equal(await store().sessions.useHandoff(handoff.id, T0 + 2), false);
    });
  });
}
