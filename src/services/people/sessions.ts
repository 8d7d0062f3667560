import { createHash } from 'node:crypto';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { checkPassword, hashPassword } from '../../core/password-hash.ts';
import type { Role } from '../../core/roles.ts';
import { hashesEqual } from '../../core/secret-hash.ts';
import type { MembershipWithTenant, Session, StoreUnit, User } from '../../store/index.ts';
import type { SessionPrincipal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import { normalizeEmail, type RequestOrigin, userAgentDetail } from './users.ts';

/** Where a sign-in or a session's request came from. */
export interface SessionCaller extends RequestOrigin {
  ip: string | null;
}

/** The idle clock moves at most this often: a busy console costs one write a minute, not one per request. */
const TOUCH_RESOLUTION_MS = 60_000;
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new session's cookie value: 256 random bits, base64url. */
function newSessionSecret(context: ServiceContext): string {
  return Buffer.from(context.random.bytes(SECRET_BYTES)).toString('base64url');
}

/**
 * The session's CSRF token (`X-CSRF-Token`), derived from its cookie: only a page that could read
 * `GET /api/v1/session` (the console, same origin) knows it, and it cannot be turned back into the cookie.
 */
export function csrfTokenOf(secret: string): string {
  return createHash('sha256').update(`portcullis csrf\u0000${secret}`).digest('base64url');
}

export function csrfTokenMatches(secret: string, presented: string): boolean {
  return hashesEqual(csrfTokenOf(secret), presented);
}

export interface StartedSession {
  /** The cookie's value: it leaves the server in the `Set-Cookie` of this one response. */
  secret: string;
  session: Session;
}

/**
 * Starts a session for `user` in the caller's unit: a new id and a new secret every time, so an id from before
 * the sign-in (fixation) is worth nothing; the previous session of this browser, when it sent one, ends here.
 */
export async function startSession(
  context: ServiceContext,
  unit: StoreUnit,
  user: User,
  method: Session['method'],
  caller: SessionCaller,
  previousSessionId: string | undefined,
): Promise<StartedSession> {
  const now = context.clock.now();
  if (previousSessionId !== undefined) await unit.sessions.delete(previousSessionId);
  // Sessions of anyone past their end are of no use to keep.
  await unit.sessions.deleteExpired(now, now - context.people.sessionIdleMs);
  const secret = newSessionSecret(context);
  const session: Session = {
    id: newId('session', context.random),
    userId: user.id,
    method,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + context.people.sessionLifetimeMs,
    ip: caller.ip,
    userAgent: userAgentDetail(caller).userAgent,
  };
  await unit.sessions.insert({
    ...session,
    tokenHash: context.peppers.hashCurrent(secret),
    pepperVersion: context.peppers.current.version,
  });
  await recordActivity(unit, { type: 'user', id: user.id, ip: caller.ip }, now, {
    tenantId: null,
    action: 'session.signed_in',
    targetType: 'session',
    targetId: session.id,
    details: { method, ...userAgentDetail(caller) },
  });
  return { secret, session };
}

/**
 * The id of the session a browser sent along with a sign-in, to end it in the sign-in's unit. Read before the
 * unit opens: inside it, only the unit's own scope may be used.
 */
export async function previousSessionOf(
  context: ServiceContext,
  secret: string | undefined,
): Promise<string | undefined> {
  if (secret === undefined) return undefined;
  return (await findSession(context, secret))?.session.id;
}

function findSession(context: ServiceContext, secret: string) {
  if (!SECRET_PATTERN.test(secret)) return undefined;
  return findByAnyPepper(context.peppers, secret, (hash) => context.store.sessions.findByTokenHash(hash));
}

/**
 * What an email that names no user with a password is checked against: a hash string with the configured
 * parameters (and an all-zero salt and tag, which no password matches), so both answers take one derivation
 * of the same cost, the first one included.
 */
function dummyHash(context: ServiceContext): string {
  const { memoryKiB, passes, parallelism } = context.people.passwords;
  const zeros = (bytes: number) => Buffer.alloc(bytes).toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=${memoryKiB},t=${passes},p=${parallelism}$${zeros(16)}$${zeros(32)}`;
}

export type SignInResult =
  | { ok: true; started: StartedSession; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * `POST /api/v1/session`: a password sign-in. An unknown email, a user without a password, a disabled user and
 * a wrong password get the same answer after the same work (one argon2id derivation). Failures are throttled
 * per account (the email given) and per address; past either budget every attempt waits, the right password
 * too, and is neither checked nor counted.
 */
export async function signIn(
  context: ServiceContext,
  input: { email: string; password: string },
  caller: SessionCaller,
  previousSecret: string | undefined,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const account = `signin:${email}`;
  const now = context.clock.now();
  const retryAfterSeconds = await context.signInThrottle.retryAfter(account, caller.ip, now);
  if (retryAfterSeconds > 0) {
    context.metrics.rateLimited('failed_authentication');
    return { ok: false, reason: 'throttled', retryAfterSeconds };
  }
  const found = await context.store.users.findForSignIn(email);
  const stored = found?.passwordHash ?? dummyHash(context);
  const check = await checkPassword(input.password, stored, context.people.passwords);
  const user = found?.user;
  if (!check.matches || !user || found?.passwordHash == null || user.status !== 'active') {
    await context.signInThrottle.failed(account, caller.ip, now);
    context.requestFeed.recordFailure(
      {
        tenantId: null,
        action: 'session.sign_in_failed',
        actor: { type: 'user', id: user?.id ?? null, ip: caller.ip },
        targetType: 'user',
        targetId: user?.id ?? 'unknown',
        reason: !user ? 'unknown_user' : user.status !== 'active' ? 'disabled' : 'wrong_password',
      },
      now,
    );
    return { ok: false, reason: 'invalid' };
  }
  const rehash = check.outdated
    ? await hashPassword(input.password, context.people.passwords, context.random)
    : undefined;
  const previous = await previousSessionOf(context, previousSecret);
  const started = await context.store.unitOfWork(async (unit) => {
    if (rehash !== undefined) await unit.users.update(user.id, { passwordHash: rehash }, now);
    return startSession(context, unit, user, 'password', caller, previous);
  });
  return { ok: true, started, user };
}

export type SessionAuthentication =
  | { ok: true; principal: SessionPrincipal; session: Session }
  | { ok: false; ended: boolean };

/**
 * The session a cookie names, if it is still good: within its absolute lifetime and its idle timeout, its user
 * active. Read on every request (no cache): ending it, disabling its user or removing a membership holds from
 * the next request. A session past its end is deleted as it is found.
 */
export async function authenticateSession(
  context: ServiceContext,
  secret: string,
  caller: SessionCaller,
): Promise<SessionAuthentication> {
  const found = await findSession(context, secret);
  if (!found) return { ok: false, ended: false };
  const { session } = found;
  const now = context.clock.now();
  if (
    found.userStatus !== 'active' ||
    now >= session.expiresAt ||
    now - session.lastSeenAt >= context.people.sessionIdleMs
  ) {
    await context.store.sessions.delete(session.id);
    return { ok: false, ended: true };
  }
  if (now - session.lastSeenAt >= TOUCH_RESOLUTION_MS) await context.store.sessions.touch(session.id, now);
  const memberships = new Map<string, Role>();
  for (const membership of await context.store.users.membershipsOf(session.userId)) {
    // A suspended tenant's members reach it no more than its machine credentials do.
    if (membership.tenantStatus === 'active') memberships.set(membership.tenantId, membership.role);
  }
  return {
    ok: true,
    session,
    principal: {
      kind: 'session',
      id: session.id,
      userId: session.userId,
      memberships,
      ip: caller.ip,
      userAgent: caller.userAgent,
    },
  };
}

export interface SessionView {
  session: Session;
  user: User;
  memberships: MembershipWithTenant[];
  /** When the session ends if not used again (idle), and at the latest (absolute). */
  idleExpiresAt: number;
}

/** `GET /api/v1/session`: the user, their memberships with roles, and the session's ends. */
export async function describeSession(
  context: ServiceContext,
  principal: SessionPrincipal,
  session: Session,
): Promise<SessionView> {
  const user = await context.store.users.get(principal.userId);
  if (!user) throw new PortcullisError('invalid_credential', 'the session has ended');
  const memberships = await context.store.users.membershipsOf(principal.userId);
  const now = context.clock.now();
  return {
    session,
    user,
    memberships,
    idleExpiresAt: Math.min(
      session.expiresAt,
      Math.max(now, session.lastSeenAt) + context.people.sessionIdleMs,
    ),
  };
}

/** `DELETE /api/v1/session`: ends this session. */
export async function signOut(context: ServiceContext, principal: SessionPrincipal): Promise<void> {
  const now = context.clock.now();
  await context.store.unitOfWork(async (unit) => {
    await unit.sessions.delete(principal.id);
    await recordActivity(unit, { type: 'user', id: principal.userId, ip: principal.ip }, now, {
      tenantId: null,
      action: 'session.signed_out',
      targetType: 'session',
      targetId: principal.id,
      details: userAgentDetail(principal),
    });
  });
}

/** `DELETE /api/v1/me/sessions`: "sign out everywhere", this session included. */
export async function signOutEverywhere(
  context: ServiceContext,
  principal: SessionPrincipal,
): Promise<number> {
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const ended = await unit.sessions.deleteAllForUser(principal.userId);
    await recordActivity(unit, { type: 'user', id: principal.userId, ip: principal.ip }, now, {
      tenantId: null,
      action: 'session.ended_everywhere',
      targetType: 'user',
      targetId: principal.userId,
      details: { sessions: ended, ...userAgentDetail(principal) },
    });
    return ended;
  });
}

/** `GET /api/v1/me/sessions`: the user's own sessions. */
export function listOwnSessions(context: ServiceContext, principal: SessionPrincipal): Promise<Session[]> {
  return context.store.sessions.listForUser(principal.userId);
}
