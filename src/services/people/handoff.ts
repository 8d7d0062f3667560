import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { Role } from '../../core/roles.ts';
import type { User } from '../../store/index.ts';
import { authorize } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import { activeTenant } from '../tenants/manage.ts';
import { changeMembershipRole, insertMembership } from './members.ts';
import { previousSessionOf, type SessionCaller, type StartedSession, startSession } from './sessions.ts';
import { normalizeEmail, type RequestOrigin, userAgentDetail } from './users.ts';

export interface HandoffInput {
  user: { externalId: string; email: string; name: string };
  role: Role;
  /** Where the console opens, a path under `/console`. */
  returnTo?: string | undefined;
}

export interface IssuedHandoff {
  /** Open once, within `expiresAt`, to be signed in: the token in it is shown in this one response. */
  url: string;
  expiresAt: number;
  userId: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The hand-off URL's path; the token follows it. */
export const HANDOFF_PATH = '/api/v1/console-sessions/';

/**
 * `POST /api/v1/tenants/{tenantId}/console-sessions` (platform key): the platform has signed its operator in
 * and hands them to the console. The user is found by the platform's `externalId` (or created; their email and
 * name follow the platform's), and given the membership with this role. An email that already belongs to a
 * user the platform has not linked is 409: linking by email would hand that account (and its password) to
 * whoever the platform names.
 */
export async function createHandoff(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: HandoffInput,
  origin: RequestOrigin,
): Promise<IssuedHandoff> {
  authorize(context, principal, { platform: 'manage' });
  await activeTenant(context, tenantId);
  const email = normalizeEmail(input.user.email);
  const now = context.clock.now();
  const token = Buffer.from(context.random.bytes(32)).toString('base64url');
  const expiresAt = now + context.people.handoffTtlMs;
  const actor = actorOf(principal);
  const userId = await context.store.unitOfWork(async (unit) => {
    let user: User | undefined = await unit.users.findByExternalId(input.user.externalId);
    const holder = await unit.users.findByEmail(email);
    if (holder && holder.id !== user?.id) {
      throw new PortcullisError(
        'conflict',
        'another user has this email: link it to the externalId first (PATCH /api/v1/users/{userId})',
        { extensions: { field: 'user.email' } },
      );
    }
    if (user?.status === 'disabled') throw new PortcullisError('conflict', 'the user is disabled');
    if (!user) {
      user = {
        id: newId('user', context.random),
        email,
        name: input.user.name,
        externalId: input.user.externalId,
        status: 'active',
        hasPassword: false,
        createdAt: now,
        updatedAt: now,
      };
      await unit.users.insert({ ...user, passwordHash: null });
      await recordActivity(unit, actor, now, {
        tenantId: null,
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        details: { email, externalId: user.externalId, password: false, ...userAgentDetail(origin) },
      });
    } else if (user.email !== email || user.name !== input.user.name) {
      await unit.users.update(user.id, { email, name: input.user.name }, now);
    }
    const membership = await unit.users.membership(tenantId, user.id);
    if (!membership) {
      await insertMembership(
        unit,
        principal,
        { tenantId, userId: user.id, role: input.role, createdAt: now, updatedAt: now },
        origin,
      );
    } else if (membership.role !== input.role) {
      await changeMembershipRole(unit, principal, membership, input.role, now, origin);
    }
    await unit.sessions.insertHandoff({
      id: newId('handoff', context.random),
      tenantId,
      userId: user.id,
      returnTo: input.returnTo ?? `/console?workspace=${tenantId}`,
      createdAt: now,
      expiresAt,
      usedAt: null,
      tokenHash: context.peppers.hashCurrent(token),
      pepperVersion: context.peppers.current.version,
    });
    await recordActivity(unit, actor, now, {
      tenantId,
      action: 'console_session.created',
      targetType: 'user',
      targetId: user.id,
      details: { role: input.role, expiresAt, ...userAgentDetail(origin) },
    });
    return user.id;
  });
  return { url: `${context.oauth.issuer}${HANDOFF_PATH}${token}`, expiresAt, userId };
}

/**
 * Opening the hand-off URL: once, before it expires, while its user is active and still a member. Starts a
 * session (ending the browser's previous one) and says where the console opens. Undefined for anything else.
 */
export async function openHandoff(
  context: ServiceContext,
  token: string,
  caller: SessionCaller,
  previousSecret: string | undefined,
): Promise<{ started: StartedSession; returnTo: string } | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const handoff = await findByAnyPepper(context.peppers, token, (hash) =>
    context.store.sessions.findHandoff(hash),
  );
  const now = context.clock.now();
  if (!handoff || handoff.usedAt !== null || now >= handoff.expiresAt) return undefined;
  const previous = await previousSessionOf(context, previousSecret);
  return context.store.unitOfWork(async (unit) => {
    if (!(await unit.sessions.useHandoff(handoff.id, now))) return undefined;
    const user = await unit.users.get(handoff.userId);
    const membership = await unit.users.membership(handoff.tenantId, handoff.userId);
    if (user?.status !== 'active' || !membership) return undefined;
    const started = await startSession(context, unit, user, 'handoff', caller, previous);
    await recordActivity(unit, { type: 'user', id: user.id, ip: caller.ip }, now, {
      tenantId: handoff.tenantId,
      action: 'console_session.used',
      targetType: 'session',
      targetId: started.session.id,
      details: { role: membership.role, ...userAgentDetail(caller) },
    });
    return { started, returnTo: handoff.returnTo };
  });
}
