import type { FastifyRequest } from 'fastify';
import type { PresentedClientCredential } from '../../services/clients/authenticate.ts';
import { assertedClientId, JWT_BEARER_ASSERTION_TYPE } from '../../services/clients/client-assertion.ts';
import { OAuthError } from './errors.ts';
import type { OAuthForm } from './form.ts';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  method: 'client_secret_basic' | 'client_secret_post';
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64; decode them the same way. */
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function readBasic(header: string): ClientCredentials {
  const malformed = () => new OAuthError('invalid_client', 'client authentication failed', { basic: true });
  const encoded = header.slice(header.indexOf(' ') + 1).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length > 2048) throw malformed();
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw malformed();
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (!clientId || !clientSecret) throw malformed();
  return { clientId, clientSecret, method: 'client_secret_basic' };
}

/** Whether the request carries `Authorization: Basic …`. */
export function usesBasic(request: FastifyRequest): boolean {
  const header = request.headers.authorization;
  return typeof header === 'string' && /^basic /i.test(header);
}

/**
 * The client's credentials from `client_secret_basic` or `client_secret_post`. Using both at once is
 * `invalid_request` (RFC 6749 §2.3: one method per request); using neither is `invalid_client`.
 */
export function readClientCredentials(request: FastifyRequest, form: OAuthForm): ClientCredentials {
  const header = request.headers.authorization;
  if (usesBasic(request) && typeof header === 'string') {
    if (form.has('client_secret')) {
      throw new OAuthError('invalid_request', 'use one client authentication method, not two');
    }
    const credentials = readBasic(header);
    const bodyClientId = form.get('client_id');
    if (bodyClientId !== undefined && bodyClientId !== credentials.clientId) {
      throw new OAuthError('invalid_request', 'client_id does not match the authenticated client');
    }
    return credentials;
  }
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  if (!clientId || !clientSecret) throw new OAuthError('invalid_client', 'client authentication failed');
  return { clientId, clientSecret, method: 'client_secret_post' };
}

/** A `private_key_jwt` client: the `client_id` its assertion names, and the assertion (RFC 7523 §2.2). */
export interface ClientAssertionCredentials {
  clientId: string;
  assertion: string;
  method: 'private_key_jwt';
}

/** Whether the form carries a client assertion (or its type): the client means `private_key_jwt`. */
export function usesAssertion(form: OAuthForm): boolean {
  return form.has('client_assertion') || form.has('client_assertion_type');
}

/**
 * The client's credentials from `client_secret_basic`, `client_secret_post` or `private_key_jwt` (RFC 7521
 * §4.2): an assertion with a secret as well is `invalid_request` (one method per request); an assertion of
 * another type, or one that names no client (`sub` = `iss`), or another client than `client_id`, is
 * `invalid_client`.
 */
export function readClientAuthentication(
  request: FastifyRequest,
  form: OAuthForm,
): ClientCredentials | ClientAssertionCredentials {
  if (!usesAssertion(form)) return readClientCredentials(request, form);
  if (usesBasic(request) || form.has('client_secret')) {
    throw new OAuthError('invalid_request', 'use one client authentication method, not two');
  }
  const assertion = form.get('client_assertion');
  if (!assertion) throw new OAuthError('invalid_request', 'client_assertion is required');
  if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  const clientId = assertedClientId(assertion);
  const bodyClientId = form.get('client_id');
  if (clientId === undefined || (bodyClientId !== undefined && bodyClientId !== clientId)) {
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  return { clientId, assertion, method: 'private_key_jwt' };
}

/** The credential as the services take it. */
export function presentedCredential(
  credentials: ClientCredentials | ClientAssertionCredentials,
): PresentedClientCredential {
  return credentials.method === 'private_key_jwt'
    ? { kind: 'assertion', clientId: credentials.clientId, assertion: credentials.assertion }
    : { kind: 'secret', clientId: credentials.clientId, secret: credentials.clientSecret };
}
