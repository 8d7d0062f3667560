import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';
import type { SessionPrincipal } from '../../services/access/principal.ts';
import type { ServiceContext } from '../../services/context.ts';
import { authenticateSession, csrfTokenMatches, type SessionCaller } from '../../services/people/sessions.ts';
import type { Session } from '../../store/index.ts';

/**
 * The console's session cookie. `__Host-` makes the browser insist on `Secure`, `Path=/` and no `Domain`: the
 * cookie is bound to this exact origin and cannot be set or shadowed by a sibling subdomain. `HttpOnly` keeps it
 * from scripts, `SameSite=Lax` from cross-site subrequests and form posts.
 */
export const SESSION_COOKIE = '__Host-portcullis_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session behind the request's principal, when it came from the session cookie. */
    consoleSession: { session: Session; secret: string } | null;
  }
}

/** RFC 9110 §11.6.1 wants a challenge with every 401: the cookie scheme of draft-broyer-http-cookie-auth. */
export const SESSION_CHALLENGE = `Cookie realm="portcullis", form-action="/api/v1/session", cookie-name="${SESSION_COOKIE}"`;

/** The session cookie's value, if the request carries one. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return value.length > 0 && value.length <= 256 ? value : undefined;
    }
  }
  return undefined;
}

/** `Set-Cookie` for a new session; it lives no longer than the session's absolute end. */
export function sessionCookie(secret: string, expiresAt: number, now: number): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${SESSION_COOKIE}=${secret}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;
}

/** `Set-Cookie` that removes the session cookie from the browser. */
export const CLEARED_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;

export function callerOf(request: FastifyRequest): SessionCaller {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent : null };
}

/** No session, or one that has ended: 401, and the browser is told to drop a cookie it sent. */
export function noSession(cookieSent: boolean): PortcullisError {
  return new PortcullisError(
    'invalid_credential',
    'sign in first: the session is missing, ended or expired',
    {
      headers: {
        'www-authenticate': SESSION_CHALLENGE,
        ...(cookieSent ? { 'set-cookie': CLEARED_SESSION_COOKIE } : {}),
      },
    },
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bodies a cross-site HTML form can send without a CORS preflight. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

function crossSite(detail: string): PortcullisError {
  return new PortcullisError('csrf_refused', detail);
}

/**
 * Whether a request comes from a page of this origin: `Sec-Fetch-Site: same-origin`, or an `Origin` equal to
 * the public origin (the issuer's). A `Sec-Fetch-Site` that says anything else, or an `Origin` of another
 * origin, is refused even if the other says yes: a browser never sends both in disagreement.
 */
function requireSameOrigin(context: ServiceContext, request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const ours = new URL(context.oauth.issuer).origin;
  if (site !== undefined && site !== 'same-origin') throw crossSite('the request comes from another site');
  if (origin !== undefined && origin !== ours) throw crossSite('the request comes from another origin');
  if (site === undefined && origin === undefined) {
    throw crossSite('send Origin or Sec-Fetch-Site: same-origin with the session cookie');
  }
}

/**
 * The checks a state-changing request with the session cookie must pass, whatever it asks (the CSRF defence):
 * same origin (`Origin` or `Sec-Fetch-Site`), `X-Requested-With: XMLHttpRequest` (a header no cross-site form
 * can send), not a form body, and, when `secret` is given, the session's own `X-CSRF-Token`.
 */
export function requireConsoleRequest(
  context: ServiceContext,
  request: FastifyRequest,
  secret: string | undefined,
): void {
  if (SAFE_METHODS.has(request.method)) return;
  const type = request.headers['content-type'];
  if (typeof type === 'string' && FORM_TYPES.test(type)) {
    throw crossSite('a form body is not accepted with the session cookie');
  }
  requireSameOrigin(context, request);
  if (request.headers['x-requested-with'] !== 'XMLHttpRequest') {
    throw crossSite('send X-Requested-With: XMLHttpRequest with the session cookie');
  }
  if (secret === undefined) return;
  const token = request.headers['x-csrf-token'];
  if (typeof token !== 'string' || !csrfTokenMatches(secret, token)) {
    throw crossSite('send the csrfToken of GET /api/v1/session in X-CSRF-Token');
  }
}

/**
 * A request that sets a session (sign-in, the invitation's acceptance) needs no CSRF token, but one a browser
 * sends from another origin is refused, and with a cookie present the console's headers are required.
 */
export function requireSignInRequest(context: ServiceContext, request: FastifyRequest): void {
  if (readSessionCookie(request) !== undefined) {
    requireConsoleRequest(context, request, undefined);
    return;
  }
  const type = request.headers['content-type'];
  if (typeof type === 'string' && FORM_TYPES.test(type)) throw crossSite('a form body is not accepted here');
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (
    (site !== undefined && site !== 'same-origin') ||
    (origin !== undefined && origin !== new URL(context.oauth.issuer).origin)
  ) {
    throw crossSite('the request comes from another origin');
  }
}

/** Authenticates the session cookie (CSRF checks first), or throws the problem the route answers. */
export async function authenticateSessionCookie(
  context: ServiceContext,
  request: FastifyRequest,
  secret: string,
): Promise<SessionPrincipal> {
  requireConsoleRequest(context, request, secret);
  const result = await authenticateSession(context, secret, callerOf(request));
  if (!result.ok) throw noSession(true);
  request.consoleSession = { session: result.session, secret };
  return result.principal;
}

/** The `onRequest` hook of the routes only a signed-in user may call (`/api/v1/session`, `/api/v1/me/…`). */
export function requireSession(context: ServiceContext): onRequestAsyncHookHandler {
  return async (request) => {
    const secret = readSessionCookie(request);
    if (secret === undefined) throw noSession(false);
    request.principal = await authenticateSessionCookie(context, request, secret);
  };
}

/** The session principal and its session, for routes behind `requireSession`. */
export function sessionOf(request: FastifyRequest): {
  principal: SessionPrincipal;
  session: Session;
  secret: string;
} {
  const principal = request.principal;
  const held = request.consoleSession;
  if (principal?.kind !== 'session' || !held) {
    throw new PortcullisError('internal_error', 'the route has no session hook');
  }
  return { principal, ...held };
}

export function setSessionCookie(reply: FastifyReply, secret: string, expiresAt: number, now: number): void {
  reply.header('set-cookie', sessionCookie(secret, expiresAt, now));
}
