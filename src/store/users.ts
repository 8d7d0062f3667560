import type { Selectable } from 'kysely';
import { decodeCursor, type Page, type PageRequest, pageNewestFirst, toPage } from './pagination.ts';
import type { MembershipTable, UserTable } from './schema.ts';
import type { Scope } from './scope.ts';

export type Role = MembershipTable['role'];
export type UserStatus = UserTable['status'];

/** A user as shown: never the password hash, only whether there is one. */
export interface User {
  id: string;
  email: string;
  name: string;
  externalId: string | null;
  status: UserStatus;
  hasPassword: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser extends Omit<User, 'hasPassword'> {
  passwordHash: string | null;
}

export interface UserChanges {
  email?: string;
  name?: string;
  externalId?: string | null;
  status?: UserStatus;
  /** A new argon2id string, or null to remove the password. */
  passwordHash?: string | null;
}

export interface Membership {
  tenantId: string;
  userId: string;
  role: Role;
  createdAt: number;
  updatedAt: number;
}

/** A membership with the facts of its user (members list) or of its tenant (a user's own view). */
export interface Member extends Membership {
  email: string;
  name: string;
  userStatus: UserStatus;
}

export interface MembershipWithTenant extends Membership {
  tenantName: string;
  tenantStatus: 'active' | 'suspended';
  planId: string;
}

function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    externalId: row.external_id,
    status: row.status,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMembership(row: Selectable<MembershipTable>): Membership {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface UserFilter {
  email?: string | undefined;
  externalId?: string | undefined;
}

/** Users (platform-wide) and their memberships in tenants. Emails are kept lower-cased. */
export class UserStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(user: NewUser): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          password_hash: user.passwordHash,
          external_id: user.externalId,
          status: user.status,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute(),
    );
  }

  async get(userId: string): Promise<User | undefined> {
    const row = await this.#scope.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.#scope.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findByExternalId(externalId: string): Promise<User | undefined> {
    const row = await this.#scope.db
      .selectFrom('users')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** What a password sign-in needs: the user and the stored argon2id string. */
  async findForSignIn(email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await this.#scope.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  /** Newest first, optionally one email or external id. */
  async list(filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    let query = this.#scope.db.selectFrom('users').selectAll();
    if (filter.email !== undefined) query = query.where('email', '=', filter.email);
    if (filter.externalId !== undefined) query = query.where('external_id', '=', filter.externalId);
    return pageNewestFirst(query, page, toUser);
  }

  /** A status or password change is one verification sees: the user's sessions and tokens are re-read. */
  async update(userId: string, changes: UserChanges, now: number): Promise<User | undefined> {
    await this.#scope.write(async (unit) => {
      await unit.db
        .updateTable('users')
        .set({
          ...(changes.email === undefined ? {} : { email: changes.email }),
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.externalId === undefined ? {} : { external_id: changes.externalId }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
          updated_at: now,
        })
        .where('id', '=', userId)
        .execute();
      if (changes.status !== undefined) unit.changed({ kind: 'user', userId });
    });
    return this.get(userId);
  }

  async membership(tenantId: string, userId: string): Promise<Membership | undefined> {
    const row = await this.#scope.db
      .selectFrom('memberships')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toMembership(row) : undefined;
  }

  /** Every tenant the user belongs to, with the tenant's name, status and plan. */
  async membershipsOf(userId: string): Promise<MembershipWithTenant[]> {
    const rows = await this.#scope.db
      .selectFrom('memberships as m')
      .innerJoin('tenants as t', 't.id', 'm.tenant_id')
      .selectAll('m')
      .select(['t.name as tenant_name', 't.status as tenant_status', 't.plan_id'])
      .where('m.user_id', '=', userId)
      .orderBy('m.created_at')
      .orderBy('m.tenant_id')
      .execute();
    return rows.map((row) => ({
      ...toMembership(row),
      tenantName: row.tenant_name,
      tenantStatus: row.tenant_status,
      planId: row.plan_id,
    }));
  }

  /** A tenant's members with their users, newest first. */
  async members(tenantId: string, page: PageRequest): Promise<Page<Member>> {
    let query = this.#scope.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .selectAll('m')
      .select(['u.email', 'u.name', 'u.status as user_status'])
      .where('m.tenant_id', '=', tenantId);
    if (page.cursor) {
      const [createdAt, userId] = decodeCursor(page.cursor, ['number', 'string'] as const);
      query = query.where((eb) =>
        eb.or([
          eb('m.created_at', '<', createdAt),
          eb.and([eb('m.created_at', '=', createdAt), eb('m.user_id', '<', userId)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('m.created_at', 'desc')
      .orderBy('m.user_id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return toPage(
      rows,
      page.limit,
      (row) => ({ ...toMembership(row), email: row.email, name: row.name, userStatus: row.user_status }),
      (row) => [row.created_at, row.user_id],
    );
  }

  async countOwners(tenantId: string): Promise<number> {
    const { count } = await this.#scope.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async addMembership(membership: Membership): Promise<void> {
    await this.#scope.write(async (unit) => {
      await unit.db
        .insertInto('memberships')
        .values({
          tenant_id: membership.tenantId,
          user_id: membership.userId,
          role: membership.role,
          created_at: membership.createdAt,
          updated_at: membership.updatedAt,
        })
        .execute();
      unit.changed({ kind: 'membership', tenantId: membership.tenantId, userId: membership.userId });
    });
  }

  async setRole(tenantId: string, userId: string, role: Role, now: number): Promise<Membership | undefined> {
    await this.#scope.write(async (unit) => {
      await unit.db
        .updateTable('memberships')
        .set({ role, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .execute();
      unit.changed({ kind: 'membership', tenantId, userId });
    });
    return this.membership(tenantId, userId);
  }

  /** Returns whether there was a membership to remove. */
  async removeMembership(tenantId: string, userId: string): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .deleteFrom('memberships')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const removed = Number(result.numDeletedRows) > 0;
      if (removed) unit.changed({ kind: 'membership', tenantId, userId });
      return removed;
    });
  }
}
