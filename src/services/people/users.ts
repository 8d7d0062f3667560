import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { hashPassword } from '../../core/password-hash.ts';
import type {
  MembershipWithTenant,
  Page,
  PageRequest,
  User,
  UserChanges,
  UserStatus,
} from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';

/** Where a request came from, beyond the principal's address: recorded on the people's activity rows. */
export interface RequestOrigin {
  userAgent: string | null;
}

/** Emails compare without case or surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user agent as an activity row keeps it: at most 256 characters, no control characters. */
export function userAgentDetail(origin: RequestOrigin): { userAgent: string | null } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return { userAgent: origin.userAgent?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 256) ?? null };
}

export function userNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'user not found');
}

export interface CreateUserInput {
  email: string;
  name: string;
  password?: string | undefined;
  externalId?: string | undefined;
}

async function requireUnique(
  context: ServiceContext,
  email: string | undefined,
  externalId: string | null | undefined,
  except?: string,
): Promise<void> {
  if (email !== undefined) {
    const holder = await context.store.users.findByEmail(email);
    if (holder && holder.id !== except) {
      throw new PortcullisError('conflict', 'another user has this email', {
        extensions: { field: 'email' },
      });
    }
  }
  if (externalId !== undefined && externalId !== null) {
    const holder = await context.store.users.findByExternalId(externalId);
    if (holder && holder.id !== except) {
      throw new PortcullisError('conflict', 'another user has this externalId', {
        extensions: { field: 'externalId' },
      });
    }
  }
}

/** `POST /api/v1/users` (platform key): a person, with an optional password and the platform's own id. */
export async function createUser(
  context: ServiceContext,
  principal: Principal,
  input: CreateUserInput,
  origin: RequestOrigin,
): Promise<User> {
  authorize(context, principal, { platform: 'manage' });
  const email = normalizeEmail(input.email);
  await requireUnique(context, email, input.externalId);
  const now = context.clock.now();
  const passwordHash =
    input.password === undefined
      ? null
      : await hashPassword(input.password, context.people.passwords, context.random);
  const user: User = {
    id: newId('user', context.random),
    email,
    name: input.name,
    externalId: input.externalId ?? null,
    status: 'active',
    hasPassword: passwordHash !== null,
    createdAt: now,
    updatedAt: now,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.users.insert({ ...user, passwordHash });
    await recordActivity(unit, actorOf(principal), now, {
      tenantId: null,
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      details: { email, externalId: user.externalId, password: user.hasPassword, ...userAgentDetail(origin) },
    });
  });
  return user;
}

export function listUsers(
  context: ServiceContext,
  principal: Principal,
  filter: { email?: string | undefined; externalId?: string | undefined },
  page: PageRequest,
): Promise<Page<User>> {
  authorize(context, principal, { platform: 'manage' });
  return context.store.users.list(
    {
      email: filter.email === undefined ? undefined : normalizeEmail(filter.email),
      externalId: filter.externalId,
    },
    page,
  );
}

export async function getUser(
  context: ServiceContext,
  principal: Principal,
  userId: string,
): Promise<{ user: User; memberships: MembershipWithTenant[] }> {
  authorize(context, principal, { platform: 'manage' });
  const user = await context.store.users.get(userId);
  if (!user) throw userNotFound();
  return { user, memberships: await context.store.users.membershipsOf(userId) };
}

export interface UpdateUserInput {
  email?: string | undefined;
  name?: string | undefined;
  /** A new password, or null to remove it (the user then signs in through the hand-off only). */
  password?: string | null | undefined;
  externalId?: string | null | undefined;
  status?: UserStatus | undefined;
}

/**
 * `PATCH /api/v1/users/{userId}` (platform key). Disabling a user ends their sessions and refuses their
 * personal tokens from the next request, on every node; so does a new or removed password end the sessions.
 */
export async function updateUser(
  context: ServiceContext,
  principal: Principal,
  userId: string,
  input: UpdateUserInput,
  origin: RequestOrigin,
): Promise<User> {
  authorize(context, principal, { platform: 'manage' });
  const before = await context.store.users.get(userId);
  if (!before) throw userNotFound();
  const email = input.email === undefined ? undefined : normalizeEmail(input.email);
  await requireUnique(context, email, input.externalId, userId);
  const passwordHash =
    input.password === undefined || input.password === null
      ? input.password
      : await hashPassword(input.password, context.people.passwords, context.random);
  const changes: UserChanges = {
    ...(email === undefined || email === before.email ? {} : { email }),
    ...(input.name === undefined || input.name === before.name ? {} : { name: input.name }),
    ...(input.externalId === undefined || input.externalId === before.externalId
      ? {}
      : { externalId: input.externalId }),
    ...(input.status === undefined || input.status === before.status ? {} : { status: input.status }),
    ...(passwordHash === undefined ? {} : { passwordHash }),
  };
  if (Object.keys(changes).length === 0) return before;
  const now = context.clock.now();
  const actor = actorOf(principal);
  return context.store.unitOfWork(async (unit) => {
    const after = await unit.users.update(userId, changes, now);
    if (!after) throw userNotFound();
    const event = { tenantId: null, targetType: 'user', targetId: userId } as const;
    const fields = Object.keys(changes).filter((field) => field !== 'status');
    if (fields.length > 0) {
      await recordActivity(unit, actor, now, {
        ...event,
        action: 'user.updated',
        details: {
          fields: fields.map((field) => (field === 'passwordHash' ? 'password' : field)),
          ...userAgentDetail(origin),
        },
      });
    }
    if (changes.status !== undefined) {
      await recordActivity(unit, actor, now, {
        ...event,
        action: changes.status === 'disabled' ? 'user.disabled' : 'user.enabled',
        details: userAgentDetail(origin),
      });
    }
    if (changes.status === 'disabled' || changes.passwordHash !== undefined) {
      const ended = await unit.sessions.deleteAllForUser(userId);
      if (ended > 0) {
        await recordActivity(unit, actor, now, {
          ...event,
          action: 'session.ended_by_admin',
          details: {
            sessions: ended,
            reason: changes.status === 'disabled' ? 'disabled' : 'password',
            ...userAgentDetail(origin),
          },
        });
      }
    }
    return after;
  });
}

/** `DELETE /api/v1/users/{userId}/sessions` (platform key): ends every console session of the user. */
export async function endUserSessions(
  context: ServiceContext,
  principal: Principal,
  userId: string,
  origin: RequestOrigin,
): Promise<number> {
  authorize(context, principal, { platform: 'manage' });
  const user = await context.store.users.get(userId);
  if (!user) throw userNotFound();
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const ended = await unit.sessions.deleteAllForUser(userId);
    await recordActivity(unit, actorOf(principal), now, {
      tenantId: null,
      action: 'session.ended_by_admin',
      targetType: 'user',
      targetId: userId,
      details: { sessions: ended, reason: 'admin', ...userAgentDetail(origin) },
    });
    return ended;
  });
}
