import type { FastifyRequest } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';

export type AuthorizationScheme = 'ApiKey' | 'Bearer';

/** The credential in `Authorization: <scheme> <credential>`, when the scheme is one we accept. */
export function readAuthorization(
  request: { headers: { authorization?: string | undefined } },
  schemes: readonly AuthorizationScheme[],
): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const space = header.indexOf(' ');
  if (space <= 0) return undefined;
  const scheme = header.slice(0, space);
  const matched = schemes.find((accepted) => accepted.toLowerCase() === scheme.toLowerCase());
  if (!matched) return undefined;
  const credential = header.slice(space + 1).trim();
  return credential.length > 0 && credential.length <= 4096 ? credential : undefined;
}

/** `WWW-Authenticate` for a 401 or 403, one challenge per accepted scheme (RFC 6750 §3). */
export function challenge(
  schemes: readonly AuthorizationScheme[],
  error?: 'invalid_token' | 'insufficient_scope',
  scope?: string,
): string {
  const params = ['realm="portcullis"'];
  if (error) params.push(`error="${error}"`);
  if (scope) params.push(`scope="${scope}"`);
  return schemes.map((scheme) => `${scheme} ${params.join(', ')}`).join(', ');
}

// Refused on every route, always: RFC 6750 §2.3 allows `access_token` in the URI but warns against it, and
// RFC 6749 §2.3.1 forbids client credentials there.
const QUERY_CREDENTIALS = [
  'api_key',
  'api_secret',
  'key',
  'access_token',
  'token',
  'client_secret',
  'client_assertion',
];
// The legacy management form (seed 004): off unless the operator turns it on, and then on management routes only.
const LEGACY_QUERY_CREDENTIALS = ['apikey', 'apisecret'] as const;
/** Management routes: everything under a tenant. Platform-only routes among them refuse the query form. */
const MANAGEMENT_ROUTE_PREFIX = '/api/v1/tenants/:tenantId';

/** A legacy `?apikey=&apisecret=` pair, taken out of the query. Values are as parsed: maybe not strings. */
export interface LegacyQueryCredentials {
  apiKey: unknown;
  apiSecret: unknown;
}

const legacyQueryCredentials = new WeakMap<FastifyRequest, LegacyQueryCredentials>();

function refuse(parameter: string): PortcullisError {
  return new PortcullisError('credential_in_query', 'send credentials in request headers', {
    extensions: { parameter },
  });
}

/**
 * Credentials in a URL end up in logs and browser history: refuse them (DESIGN: query form off). With
 * `legacyQueryCredentials` on, a management route takes `apikey` / `apisecret` out of the query (so route
 * schemas never see them) and keeps them for its authentication, which records every use.
 */
export function refuseQueryCredentials(request: FastifyRequest, legacyEnabled = false): void {
  const query = request.query as Record<string, unknown> | null;
  if (query === null || typeof query !== 'object') return;
  for (const name of QUERY_CREDENTIALS) if (Object.hasOwn(query, name)) throw refuse(name);
  const present = LEGACY_QUERY_CREDENTIALS.filter((name) => Object.hasOwn(query, name));
  const [first] = present;
  if (first === undefined) return;
  const managementRoute = request.routeOptions.url?.startsWith(MANAGEMENT_ROUTE_PREFIX) ?? false;
  if (!legacyEnabled || !managementRoute) throw refuse(first);
  legacyQueryCredentials.set(request, { apiKey: query.apikey, apiSecret: query.apisecret });
  for (const name of present) delete query[name];
}

/** The legacy query pair this request carried, if `refuseQueryCredentials` let one through. */
export function legacyQueryCredentialsOf(request: FastifyRequest): LegacyQueryCredentials | undefined {
  return legacyQueryCredentials.get(request);
}
