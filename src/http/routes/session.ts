import { z } from 'zod';
import { PortcullisError } from '../../core/errors.ts';
import type { Role } from '../../core/roles.ts';
import type { ServiceContext } from '../../services/context.ts';
import { openHandoff } from '../../services/people/handoff.ts';
import { acceptInvitation } from '../../services/people/invitations.ts';
import {
  authenticateSession,
  csrfTokenOf,
  describeSession,
  listOwnSessions,
  signIn,
  signOut,
  signOutEverywhere,
} from '../../services/people/sessions.ts';
import type { Session } from '../../store/index.ts';
import { throttled } from '../auth/principal.ts';
import { publicSecurity, sessionSecurity } from '../auth/security.ts';
import {
  CLEARED_SESSION_COOKIE,
  callerOf,
  readSessionCookie,
  requireConsoleRequest,
  requireSession,
  requireSignInRequest,
  SESSION_CHALLENGE,
  sessionOf,
  setSessionCookie,
} from '../auth/session.ts';
import { nameSchema, problemSchema, timestamp, toIso } from '../schemas.ts';
import {
  membershipSchema,
  passwordSchema,
  presentMembership,
  presentUser,
  roleSchema,
  sessionViewSchema,
  userSchema,
} from './people-schemas.ts';
import type { App, RouteDeps } from './types.ts';

const sessionAnswer = z.object({
  user: userSchema,
  memberships: z.array(
    membershipSchema.extend({
      permissions: z.array(z.string()).describe("The role's management permissions in this workspace"),
      testModePermissions: z.array(z.string()).describe('Permissions on test-mode objects only'),
      readsEverything: z.boolean().describe('The role may read every resource of the workspace'),
      runtimeScopes: z
        .array(z.string())
        .describe("Scope patterns the user's personal tokens may use in this workspace (`*` anywhere)"),
    }),
  ),
  csrfToken: z.string().describe('Send as `X-CSRF-Token` with every state-changing request'),
  session: z.object({
    id: z.string(),
    method: z.enum(['password', 'handoff', 'invitation']),
    createdAt: timestamp,
    expiresAt: timestamp.describe('The absolute end, whatever the use'),
    idleExpiresAt: timestamp.describe('The end if the session is not used again'),
  }),
});

async function answerOf(
  context: ServiceContext,
  principal: Parameters<typeof describeSession>[1],
  session: Session,
  secret: string,
): Promise<z.infer<typeof sessionAnswer>> {
  const view = await describeSession(context, principal, session);
  return {
    user: presentUser(view.user),
    memberships: view.memberships.map((membership) => {
      const grant = context.model.roles[membership.role as Role];
      return {
        ...presentMembership(membership),
        permissions: [...grant.permissions],
        testModePermissions: [...grant.testModePermissions],
        readsEverything: grant.readsAll,
        runtimeScopes: [...grant.runtimeScopes],
      };
    }),
    csrfToken: csrfTokenOf(secret),
    session: {
      id: session.id,
      method: session.method,
      createdAt: toIso(session.createdAt),
      expiresAt: toIso(session.expiresAt),
      idleExpiresAt: toIso(view.idleExpiresAt),
    },
  };
}

const errors = { 401: problemSchema, 403: problemSchema, 422: problemSchema, 429: problemSchema };

/** Sign-in, the session itself, the platform's hand-off landing and the invitation's acceptance. */
export function sessionRoutes(app: App, { context }: RouteDeps): void {
  const onSession = requireSession(context);
  app.post(
    '/api/v1/session',
    {
      onRequest: async (request) => requireSignInRequest(context, request),
      schema: {
        tags: ['session'],
        operationId: 'signIn',
        security: publicSecurity,
        summary: 'Sign in with email and password: sets the session cookie',
        description: `Sets \`${'__Host-portcullis_session'}\` (Secure, HttpOnly, SameSite=Lax, Path=/). A new session every time; one the browser sent ends. Failures are throttled per account and per address (429).`,
        body: z.strictObject({ email: z.string().max(254), password: z.string().max(1024) }),
        response: { 200: sessionAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const result = await signIn(context, request.body, callerOf(request), readSessionCookie(request));
      if (!result.ok) {
        if (result.reason === 'throttled') throw throttled(result.retryAfterSeconds);
        throw new PortcullisError('invalid_credential', 'the email or password is not right', {
          headers: { 'www-authenticate': SESSION_CHALLENGE },
        });
      }
      const { session, secret } = result.started;
      setSessionCookie(reply, secret, session.expiresAt, context.clock.now());
      const principal = await authenticateSession(context, secret, callerOf(request));
      if (!principal.ok) throw new PortcullisError('internal_error', 'the new session did not authenticate');
      return answerOf(context, principal.principal, session, secret);
    },
  );

  app.get(
    '/api/v1/session',
    {
      onRequest: onSession,
      schema: {
        tags: ['session'],
        operationId: 'getSession',
        security: sessionSecurity,
        summary: 'The signed-in user, their memberships and roles, and the CSRF token',
        response: { 200: sessionAnswer, ...errors },
      },
    },
    async (request) => {
      const { principal, session, secret } = sessionOf(request);
      return answerOf(context, principal, session, secret);
    },
  );

  app.delete(
    '/api/v1/session',
    {
      onRequest: onSession,
      schema: {
        tags: ['session'],
        operationId: 'signOut',
        security: sessionSecurity,
        summary: 'Sign out: ends this session server-side and clears the cookie',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await signOut(context, sessionOf(request).principal);
      reply.header('set-cookie', CLEARED_SESSION_COOKIE);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      onRequest: onSession,
      schema: {
        tags: ['session'],
        operationId: 'listMySessions',
        security: sessionSecurity,
        summary: "The signed-in user's sessions",
        response: { 200: z.object({ items: z.array(sessionViewSchema) }), ...errors },
      },
    },
    async (request) => {
      const { principal } = sessionOf(request);
      const sessions = await listOwnSessions(context, principal);
      return {
        items: sessions.map((session) => ({
          id: session.id,
          method: session.method,
          createdAt: toIso(session.createdAt),
          lastSeenAt: toIso(session.lastSeenAt),
          expiresAt: toIso(session.expiresAt),
          ip: session.ip,
          userAgent: session.userAgent,
          current: session.id === principal.id,
        })),
      };
    },
  );

  app.delete(
    '/api/v1/me/sessions',
    {
      onRequest: onSession,
      schema: {
        tags: ['session'],
        operationId: 'signOutEverywhere',
        security: sessionSecurity,
        summary: "Sign out everywhere: ends every one of the user's sessions, this one included",
        response: { 200: z.object({ ended: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const ended = await signOutEverywhere(context, sessionOf(request).principal);
      reply.header('set-cookie', CLEARED_SESSION_COOKIE);
      return { ended };
    },
  );

  app.get(
    '/api/v1/console-sessions/:token',
    {
      schema: {
        tags: ['session'],
        operationId: 'openConsoleSession',
        security: publicSecurity,
        summary: "The platform's hand-off link: sets the session cookie and redirects (303) into the console",
        params: z.object({ token: z.string().max(64) }),
        description:
          "A link that is not valid, was used or has expired is 404; a browser (`Accept: text/html`) is sent to the console's sign-in instead (303), which says so.",
        response: { 303: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const opened = await openHandoff(
        context,
        request.params.token,
        callerOf(request),
        readSessionCookie(request),
      );
      if (!opened) {
        if (/\btext\/html\b/.test(String(request.headers.accept ?? '')))
          return reply.redirect('/console/sign-in?handoff=expired', 303);
        throw new PortcullisError('not_found', 'this sign-in link is not valid, was used or has expired');
      }
      const { session, secret } = opened.started;
      setSessionCookie(reply, secret, session.expiresAt, context.clock.now());
      return reply.redirect(opened.returnTo, 303);
    },
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      onRequest: async (request) => requireSignInRequest(context, request),
      schema: {
        tags: ['session'],
        operationId: 'acceptInvitation',
        security: publicSecurity,
        summary:
          'Accept an invitation: creates the invited user or links the existing one, and adds the membership',
        description:
          'A user who already exists must be signed in (the session cookie) or give their password. A new user is created with `name` and `password` and signed in.',
        body: z.strictObject({
          token: z.string().max(64),
          name: nameSchema.optional(),
          password: passwordSchema.optional(),
        }),
        response: {
          200: z.object({
            tenantId: z.string(),
            userId: z.string(),
            role: roleSchema,
            signedIn: z.boolean(),
          }),
          ...errors,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const secret = readSessionCookie(request);
      let session: Awaited<ReturnType<typeof authenticateSession>> | undefined;
      if (secret !== undefined) {
        requireConsoleRequest(context, request, secret);
        session = await authenticateSession(context, secret, callerOf(request));
      }
      const accepted = await acceptInvitation(
        context,
        request.body,
        callerOf(request),
        session?.ok ? session.principal : undefined,
        secret,
      );
      if (!accepted.ok) throw throttled(accepted.retryAfterSeconds);
      if (accepted.started) {
        const { session: started, secret: newSecret } = accepted.started;
        setSessionCookie(reply, newSecret, started.expiresAt, context.clock.now());
      }
      return {
        tenantId: accepted.membership.tenantId,
        userId: accepted.user.id,
        role: accepted.membership.role,
        signedIn: accepted.started !== undefined,
      };
    },
  );
}
