import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isId } from '../core/ids.ts';
import type { Principal } from '../services/access/principal.ts';

/**
 * The routes the access log records: the management API (everything under a tenant, and the platform's own
 * routes) and the OAuth endpoints, which sit under `/api/v1/platform/oauth`. Verify and whoami (the hot path),
 * the probes, `/metrics` and the public documents are never logged: the request feed is the record of calls.
 */
const LOGGED_ROUTE_PREFIXES = [
  '/api/v1/tenants',
  '/api/v1/platform/',
  '/api/v1/users',
  '/api/v1/session',
  '/api/v1/me/',
  '/api/v1/console-sessions/',
  '/api/v1/invitations/',
];

/** Who made a request, as the access log names them: a kind and an id, never a secret. */
export interface LoggedCaller {
  kind: 'platform_key' | 'management_key' | 'access_token' | 'client' | 'user';
  /** Null for a management key pair: its id is the `X-Api-Key` half of its credential. */
  id: string | null;
  tenantId: string | null;
}

/** Callers that routes without a management principal (the OAuth endpoints) make known once authenticated. */
const notedCallers = new WeakMap<FastifyRequest, LoggedCaller>();

/** Names the caller of a request whose route authenticates it itself (OAuth), for its access-log line. */
export function noteCaller(request: FastifyRequest, caller: LoggedCaller): void {
  notedCallers.set(request, caller);
}

/** A principal as the access log names it; the CLI's local access never makes a request. */
export function loggedPrincipal(principal: Principal): LoggedCaller | undefined {
  switch (principal.kind) {
    case 'local':
      return undefined;
    case 'platform_key':
      return { kind: 'platform_key', id: principal.id, tenantId: null };
    case 'management_key':
      return { kind: 'management_key', id: null, tenantId: principal.tenantId };
    case 'access_token':
      // The id of the client the token was issued to: public, like every `client_id`.
      return { kind: 'access_token', id: principal.id, tenantId: principal.tenantId };
    case 'session':
      // A console session is named by its user, never by the cookie or the session's id.
      return { kind: 'user', id: principal.userId, tenantId: null };
  }
}

function callerOf(request: FastifyRequest): LoggedCaller | undefined {
  return notedCallers.get(request) ?? (request.principal ? loggedPrincipal(request.principal) : undefined);
}

/**
 * The tenant a request was about: its caller's, or the path's. A path parameter is taken only when it is
 * shaped like a tenant id: a secret pasted into a URL by mistake must not reach the log.
 */
function tenantOf(request: FastifyRequest, caller: LoggedCaller | undefined): string | null {
  if (caller?.tenantId) return caller.tenantId;
  const { tenantId } = (request.params ?? {}) as { tenantId?: unknown };
  return typeof tenantId === 'string' && isId('tenant', tenantId) ? tenantId : null;
}

/**
 * One line's fields: never a body, a query string, a header or the raw path (a route pattern instead), so
 * nothing a caller sent but the method reaches the log, and no secret.
 */
export function accessLogFields(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const caller = callerOf(request);
  return {
    method: request.method,
    route: request.routeOptions.url,
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    ip: request.ip,
    tenantId: tenantOf(request, caller),
    principal: caller ? { kind: caller.kind, id: caller.id } : null,
  };
}

export function isLoggedRoute(route: string | undefined): boolean {
  return route !== undefined && LOGGED_ROUTE_PREFIXES.some((prefix) => route.startsWith(prefix));
}

/**
 * `accessLog: true`: one JSON line per management or OAuth request, at `info`, once it is answered, through the
 * server's logger (its `reqId` binding names the request). Off by default; when off, no hook is added at all.
 */
export function addAccessLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    if (isLoggedRoute(request.routeOptions.url)) request.log.info(accessLogFields(request, reply), 'access');
    done();
  });
}
