import type { FastifyRequest } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';

export type AuthorizationScheme = 'ApiKey' | 'Bearer';

/** The credential in `Authorization: <scheme> <credential>`, when the scheme is one we accept. */
export function readAuthorization(
  request: FastifyRequest,
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

export function unauthorized(schemes: readonly AuthorizationScheme[], detail: string): PortcullisError {
  return new PortcullisError('invalid_credential', detail, {
    headers: { 'www-authenticate': challenge(schemes, 'invalid_token') },
  });
}

const QUERY_CREDENTIALS = ['apikey', 'api_key', 'apisecret', 'api_secret', 'key', 'access_token', 'token'];

/** Credentials in a URL end up in logs and browser history: refuse them (DESIGN: query form off). */
export function refuseQueryCredentials(request: FastifyRequest): void {
  const query = request.query;
  if (query === null || typeof query !== 'object') return;
  for (const name of QUERY_CREDENTIALS) {
    if (Object.hasOwn(query, name)) {
      throw new PortcullisError('credential_in_query', 'send credentials in the Authorization header', {
        extensions: { parameter: name },
      });
    }
  }
}
