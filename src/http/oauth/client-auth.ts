import type { FastifyRequest } from 'fastify';
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
