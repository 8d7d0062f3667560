import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';
import {
  type Authentication,
  authenticatePrincipal,
  type PresentedCredential,
} from '../../services/access/authenticate.ts';
import type { Principal } from '../../services/access/principal.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  type AuthorizationScheme,
  challenge,
  type LegacyQueryCredentials,
  legacyQueryCredentialsOf,
  readAuthorization,
} from './credentials.ts';
import { authenticateSessionCookie, readSessionCookie } from './session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set by the route's `onRequest` hook on routes that take a management credential. */
    principal: Principal | null;
  }
}

/** Schemes a management credential (platform key, M2M token) travels in. */
export const MANAGEMENT_SCHEMES: readonly AuthorizationScheme[] = ['Bearer', 'ApiKey'];

/**
 * The one credential a request carries: `Authorization`, a key pair in `X-Api-Key` / `X-Api-Secret`, or the
 * legacy query pair; undefined for none. More than one is 400 (RFC 6750 §3.1 `invalid_request`).
 */
function presentedCredential(request: FastifyRequest): PresentedCredential | undefined {
  return presentedIn(request.headers, legacyQueryCredentialsOf(request));
}

/** `presentedCredential` from the headers themselves (and a legacy query pair taken out of the URL). */
export function presentedIn(
  headers: IncomingHttpHeaders,
  query?: LegacyQueryCredentials,
): PresentedCredential | undefined {
  const { authorization, 'x-api-key': apiKey, 'x-api-secret': apiSecret } = headers;
  const pairInHeaders = apiKey !== undefined || apiSecret !== undefined;
  const carried =
    (authorization !== undefined ? 1 : 0) + (pairInHeaders ? 1 : 0) + (query !== undefined ? 1 : 0);
  if (carried > 1) throw new PortcullisError('bad_request', 'send exactly one credential');
  if (query) return { kind: 'pair', apiKey: query.apiKey, apiSecret: query.apiSecret, viaQuery: true };
  if (pairInHeaders) return { kind: 'pair', apiKey, apiSecret, viaQuery: false };
  if (authorization === undefined) return undefined;
  const bearer = readAuthorization({ headers }, ['Bearer']);
  if (bearer !== undefined) return { kind: 'authorization', scheme: 'Bearer', credential: bearer };
  const apiKeyCredential = readAuthorization({ headers }, ['ApiKey']);
  if (apiKeyCredential !== undefined) {
    return { kind: 'authorization', scheme: 'ApiKey', credential: apiKeyCredential };
  }
  // An `Authorization` we cannot read (another scheme, nothing after it) is a credential that is not valid.
  return { kind: 'authorization', scheme: 'Bearer', credential: '' };
}

/** RFC 6750 §3.1: a request without credentials gets a challenge without an `error` attribute. */
export function missingCredential(schemes: readonly AuthorizationScheme[], detail: string): PortcullisError {
  return new PortcullisError('invalid_credential', detail, {
    headers: { 'www-authenticate': challenge(schemes) },
  });
}

/** An invalid credential: 401 with `error="invalid_token"`. */
export function invalidCredential(schemes: readonly AuthorizationScheme[], detail: string): PortcullisError {
  return new PortcullisError('invalid_credential', detail, {
    headers: { 'www-authenticate': challenge(schemes, 'invalid_token') },
  });
}

/** 429 for an authentication throttled after repeated failures. */
export function throttled(retryAfterSeconds: number): PortcullisError {
  return new PortcullisError('rate_limited', 'too many failed authentications; retry later', {
    extensions: { retryAfterSeconds },
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

const INVALID =
  'the credential is missing, malformed, unknown, revoked or expired, or its tenant is suspended';

/** The principal of an authentication, or the problem the route answers. */
export function principalOrProblem(result: Authentication): Principal {
  if (result.ok) return result.principal;
  if (result.reason === 'throttled') throw throttled(result.retryAfterSeconds);
  throw invalidCredential(MANAGEMENT_SCHEMES, INVALID);
}

/**
 * The `onRequest` hook of every route behind a management credential: authenticates before the body is read
 * or validated, so a request without a valid credential is 401 whatever else is wrong with it. What the
 * principal may do is each use case's to decide.
 */
export function authenticateRequest(context: ServiceContext): onRequestAsyncHookHandler {
  return async (request) => {
    const presented = presentedCredential(request);
    if (!presented) {
      // The console calls the same routes with its session cookie; a credential sent explicitly wins over it.
      const secret = readSessionCookie(request);
      if (secret !== undefined) {
        request.principal = await authenticateSessionCookie(context, request, secret);
        return;
      }
      throw missingCredential(MANAGEMENT_SCHEMES, 'a management credential is required');
    }
    const result = await authenticatePrincipal(context, presented, {
      ip: request.ip,
      method: request.method,
      route: request.routeOptions.url,
    });
    request.principal = principalOrProblem(result);
  };
}

/** The principal the route's hook authenticated. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new PortcullisError('internal_error', 'the route has no authentication hook');
  return request.principal;
}
