import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { checkPassword, hashPassword } from '../../core/password-hash.ts';
import type { Role } from '../../core/roles.ts';
import type { Invitation, Membership, Page, PageRequest, User } from '../../store/index.ts';
import { authorize, type TenantNeed } from '../access/policy.ts';
import { actorOf, type Principal, type SessionPrincipal } from '../access/principal.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { findByAnyPepper } from '../peppers.ts';
import { activeTenant, tenantOrNotFound } from '../tenants/manage.ts';
import { insertMembership, requireRoleGrantable } from './members.ts';
import { previousSessionOf, type SessionCaller, type StartedSession, startSession } from './sessions.ts';
import { normalizeEmail, type RequestOrigin, userAgentDetail } from './users.ts';

const manageMembers = (tenantId: string): TenantNeed => ({ tenantId, permission: 'manage:members' });
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedInvitation {
  invitation: Invitation;
  /** The single-use token, in this one response only; the link carries it in its fragment. */
  token: string;
  url: string;
}

function invitationNotFound(): PortcullisError {
  return new PortcullisError('not_found', 'invitation not found, used, revoked or expired');
}

/**
 * `POST /api/v1/tenants/{tenantId}/invitations {email, role}`: a single-use link, valid for
 * `invitations.ttlDays` (7). The inviter hands it on; only its hash is kept.
 */
export async function createInvitation(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: { email: string; role: Role },
  origin: RequestOrigin,
): Promise<IssuedInvitation> {
  authorize(context, principal, manageMembers(tenantId));
  requireRoleGrantable(context, principal, tenantId, input.role);
  await activeTenant(context, tenantId);
  const now = context.clock.now();
  const token = Buffer.from(context.random.bytes(32)).toString('base64url');
  const invitation: Invitation = {
    id: newId('invitation', context.random),
    tenantId,
    email: normalizeEmail(input.email),
    role: input.role,
    createdAt: now,
    expiresAt: now + context.people.invitationTtlMs,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  await context.store.unitOfWork(async (unit) => {
    await unit.invitations.insert({
      ...invitation,
      tokenHash: context.peppers.hashCurrent(token),
      pepperVersion: context.peppers.current.version,
    });
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      details: {
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        ...userAgentDetail(origin),
      },
    });
  });
  return { invitation, token, url: `${context.oauth.issuer}/console/accept-invitation#${token}` };
}

export async function listInvitations(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  page: PageRequest,
): Promise<Page<Invitation>> {
  authorize(context, principal, { ...manageMembers(tenantId), read: true });
  await tenantOrNotFound(context, tenantId);
  return context.store.invitations.list(tenantId, page);
}

export async function revokeInvitation(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  invitationId: string,
  origin: RequestOrigin,
): Promise<Invitation> {
  authorize(context, principal, manageMembers(tenantId));
  const now = context.clock.now();
  return context.store.unitOfWork(async (unit) => {
    const current = await unit.invitations.get(tenantId, invitationId);
    if (!current) throw invitationNotFound();
    if (!(await unit.invitations.revoke(tenantId, invitationId, now))) {
      throw new PortcullisError('conflict', 'the invitation was already accepted or revoked');
    }
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitationId,
      details: { email: current.email, ...userAgentDetail(origin) },
    });
    return { ...current, revokedAt: now };
  });
}

export interface AcceptInput {
  token: string;
  name?: string | undefined;
  password?: string | undefined;
}

export type Acceptance =
  | { ok: true; membership: Membership; user: User; started: StartedSession | undefined }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * `POST /api/v1/invitations/accept {token, name?, password?}`: creates the invited user (with the name and
 * password given) or links the existing one, and adds the membership; the invitation is then spent. An existing
 * user must prove it is them, by their session or their password: the inviter holds the link too, and must not
 * reach another person's account through it. A new user, and one who gave their password, is signed in.
 */
export async function acceptInvitation(
  context: ServiceContext,
  input: AcceptInput,
  caller: SessionCaller,
  session: SessionPrincipal | undefined,
  previousSecret: string | undefined,
): Promise<Acceptance> {
  if (!TOKEN_PATTERN.test(input.token)) throw invitationNotFound();
  const invitation = await findByAnyPepper(context.peppers, input.token, (hash) =>
    context.store.invitations.findByTokenHash(hash),
  );
  const now = context.clock.now();
  if (
    !invitation ||
    invitation.acceptedAt !== null ||
    invitation.revokedAt !== null ||
    now >= invitation.expiresAt
  ) {
    throw invitationNotFound();
  }
  await activeTenant(context, invitation.tenantId);
  const found = await context.store.users.findForSignIn(invitation.email);
  let signIn = false;
  if (found && session?.userId !== found.user.id) {
    // Not signed in as the invited user: their password proves it, throttled as a sign-in is.
    if (input.password === undefined || found.passwordHash === null) {
      throw new PortcullisError('invalid_credential', 'sign in as the invited user, or give their password', {
        headers: { 'www-authenticate': 'Cookie realm="portcullis", form-action="/api/v1/session"' },
      });
    }
    const account = `signin:${invitation.email}`;
    const retryAfterSeconds = await context.signInThrottle.retryAfter(account, caller.ip, now);
    if (retryAfterSeconds > 0) return { ok: false, reason: 'throttled', retryAfterSeconds };
    const check = await checkPassword(input.password, found.passwordHash, context.people.passwords);
    if (!check.matches || found.user.status !== 'active') {
      await context.signInThrottle.failed(account, caller.ip, now);
      throw new PortcullisError('invalid_credential', 'the password is not right', {
        headers: { 'www-authenticate': 'Cookie realm="portcullis", form-action="/api/v1/session"' },
      });
    }
    signIn = true;
  }
  if (found && found.user.status !== 'active') throw new PortcullisError('conflict', 'the user is disabled');
  const passwordHash =
    !found && input.password !== undefined
      ? await hashPassword(input.password, context.people.passwords, context.random)
      : null;
  const previous = await previousSessionOf(context, previousSecret);
  return context.store.unitOfWork(async (unit) => {
    let user = found?.user;
    if (!user) {
      signIn = true;
      user = {
        id: newId('user', context.random),
        email: invitation.email,
        name: input.name ?? invitation.email.split('@')[0] ?? invitation.email,
        externalId: null,
        status: 'active',
        hasPassword: passwordHash !== null,
        createdAt: now,
        updatedAt: now,
      };
      await unit.users.insert({ ...user, passwordHash });
      await recordActivity(unit, { type: 'user', id: user.id, ip: caller.ip }, now, {
        tenantId: null,
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        details: {
          email: user.email,
          externalId: null,
          password: user.hasPassword,
          invitation: invitation.id,
        },
      });
    }
    if (await unit.users.membership(invitation.tenantId, user.id)) {
      throw new PortcullisError('conflict', 'you are already a member of this workspace');
    }
    if (!(await unit.invitations.accept(invitation.id, user.id, now))) throw invitationNotFound();
    const actor: SessionPrincipal = session ?? {
      kind: 'session',
      id: 'invitation',
      userId: user.id,
      memberships: new Map(),
      ip: caller.ip,
      userAgent: caller.userAgent,
    };
    const membership: Membership = {
      tenantId: invitation.tenantId,
      userId: user.id,
      role: invitation.role,
      createdAt: now,
      updatedAt: now,
    };
    await insertMembership(unit, actor, membership, caller);
    await recordActivity(unit, { type: 'user', id: user.id, ip: caller.ip }, now, {
      tenantId: invitation.tenantId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      details: { email: invitation.email, role: invitation.role, ...userAgentDetail(caller) },
    });
    const started = signIn
      ? await startSession(context, unit, user, 'invitation', caller, previous)
      : undefined;
    return { ok: true, membership, user, started } as const;
  });
}
