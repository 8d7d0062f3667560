import { createHash } from 'node:crypto';
import { httpsUrlProblem, MAX_APP_URLS, MAX_URL_LENGTH, redirectUriProblem } from './app-urls.ts';
import { BASE62_ALPHABET } from './base62.ts';
import { type ClientJwks, checkClientJwks, jwksUriProblem } from './client-jwks.ts';
import { idPrefixes } from './ids.ts';

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document §3, MCP 2025-11-25): a
 * `client_id` that is an https URL names a JSON document that describes the client. Pure rules: which URLs
 * qualify, what a document must say, and the ids its client is stored under.
 */

/** The longest document read: the draft suggests authorization servers cap documents near 5 KB. */
export const MAX_DOCUMENT_BYTES = 5 * 1024;

/** Whether a `client_id` is meant as a metadata document URL (and so is resolved, never looked up by id). */
export function looksLikeDocumentUrl(clientId: string): boolean {
  return /^https?:\/\//i.test(clientId);
}

/**
 * Why a `client_id` URL cannot name a metadata document, or undefined when it can (§3): https (http only when
 * `allowHttp`, for development), a path, no dot segments, no fragment, no credentials, at most 2,000
 * characters, written exactly as the URL parser writes it back (the document's `client_id` must equal it).
 */
export function documentUrlProblem(clientId: string, allowHttp: boolean): string | undefined {
  if (clientId.length > MAX_URL_LENGTH || !/^[\x21-\x7e]+$/.test(clientId))
    return 'is too long or not printable ASCII';
  if (!URL.canParse(clientId)) return 'is not a URL';
  const url = new URL(clientId);
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return 'must use https';
  if (url.username || url.password) return 'must not carry credentials';
  if (clientId.includes('#')) return 'must not have a fragment';
  if (url.pathname === '/' || url.pathname === '') return 'must have a path';
  // The parser removes `.` and `..` segments (and their %2e forms): a URL with any is not its own href.
  if (url.href !== clientId) return 'must be written in its normal form, without dot segments';
  return undefined;
}

/** A validated document: what Portcullis uses of it. */
export interface ClientMetadataDocument {
  clientId: string;
  name: string;
  redirectUris: string[];
  logoUri: string | null;
  clientUri: string | null;
  /** Scopes the document names (all of them, known or not); undefined when it names none. */
  scope: string[] | undefined;
  /** `private_key_jwt` (decision 035): the keys its client assertions are signed with; null for a public client. */
  jwks: ClientJwks | null;
  /** Or where it publishes them (`jwks_uri`, fetched through the same guard as documents). */
  jwksUri: string | null;
}

export type DocumentCheck = { ok: true; document: ClientMetadataDocument } | { ok: false; problem: string };

const optionalUrl = (value: unknown): string | null | false => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || httpsUrlProblem(value)) return false;
  return value;
};

/**
 * Checks a parsed document against the URL it was fetched from (§4): `client_id` equal to the URL, string for
 * string; `redirect_uris` 1 to 50 URIs that follow the apps' rules; `token_endpoint_auth_method` `none` (a public
 * client with PKCE) or `private_key_jwt` with its public keys inline in `jwks` or published at `jwks_uri`
 * (decision 035; one of the two); no `client_secret` of any kind, since a published document cannot keep one.
 */
export function checkDocument(url: string, body: unknown, allowHttp = false): DocumentCheck {
  const fail = (problem: string): DocumentCheck => ({ ok: false, problem });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('the document is not a JSON object');
  const doc = body as Record<string, unknown>;
  if (doc.client_id !== url) return fail("the document's client_id is not its URL");
  if ('client_secret' in doc || 'client_secret_expires_at' in doc)
    return fail('the document must not carry a client secret');
  const method = doc.token_endpoint_auth_method ?? 'none';
  if (method !== 'none' && method !== 'private_key_jwt') {
    return fail(
      'token_endpoint_auth_method must be none (PKCE alone) or private_key_jwt (with jwks): a document cannot keep a secret',
    );
  }
  let jwks: ClientJwks | null = null;
  let jwksUri: string | null = null;
  if (method === 'private_key_jwt') {
    if (doc.jwks !== undefined && doc.jwks_uri !== undefined) return fail('give jwks or jwks_uri, not both');
    if (doc.jwks_uri !== undefined) {
      const problem = jwksUriProblem(doc.jwks_uri, allowHttp);
      if (problem) return fail(problem);
      jwksUri = doc.jwks_uri as string;
    } else {
      const checked = checkClientJwks(doc.jwks);
      if (!checked.ok) return fail(`private_key_jwt needs valid jwks or a jwks_uri: ${checked.message}`);
      jwks = checked.jwks;
    }
  } else if (doc.jwks !== undefined || doc.jwks_uri !== undefined) {
    return fail('jwks and jwks_uri go with token_endpoint_auth_method private_key_jwt');
  }
  const uris = doc.redirect_uris;
  if (
    !Array.isArray(uris) ||
    uris.length === 0 ||
    uris.length > MAX_APP_URLS ||
    !uris.every((uri): uri is string => typeof uri === 'string' && redirectUriProblem(uri) === undefined)
  ) {
    return fail(`redirect_uris must list 1 to ${MAX_APP_URLS} valid redirect URIs`);
  }
  const grants = doc.grant_types ?? ['authorization_code'];
  if (!Array.isArray(grants) || !grants.includes('authorization_code'))
    return fail('grant_types must include authorization_code');
  const responses = doc.response_types ?? ['code'];
  if (!Array.isArray(responses) || !responses.includes('code'))
    return fail('response_types must include code');
  const name = doc.client_name ?? new URL(url).host;
  if (typeof name !== 'string' || name.trim().length === 0) return fail('client_name must be a string');
  const logoUri = optionalUrl(doc.logo_uri);
  if (logoUri === false) return fail('logo_uri must be an absolute https URL');
  const clientUri = optionalUrl(doc.client_uri);
  if (clientUri === false) return fail('client_uri must be an absolute https URL');
  if (doc.scope !== undefined && typeof doc.scope !== 'string') return fail('scope must be a string');
  const scope =
    typeof doc.scope === 'string' ? [...new Set(doc.scope.split(' ').filter(Boolean))] : undefined;
  return {
    ok: true,
    document: {
      clientId: url,
      name: name.trim().slice(0, 100),
      redirectUris: [...new Set(uris)],
      logoUri,
      clientUri,
      scope: scope && scope.length > 0 ? scope : undefined,
      jwks,
      jwksUri,
    },
  };
}

/** 20 base62 digits of SHA-256(`label` NUL `url`): an id no random one will meet (119 bits). */
function derivedDigits(label: string, url: string): string {
  let value = BigInt(`0x${createHash('sha256').update(`${label}\0${url}`).digest('hex')}`);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += BASE62_ALPHABET[Number(value % 62n)];
    value /= 62n;
  }
  return out;
}

/**
 * The ids a document's client and app are stored under, derived from its URL: finding the client needs no
 * lookup table (and no migration), and two nodes materializing the same document agree on its rows.
 */
export function documentRowIds(url: string): { clientId: string; appId: string } {
  return {
    clientId: `${idPrefixes.client}_${derivedDigits('client', url)}`,
    appId: `${idPrefixes.app}_${derivedDigits('app', url)}`,
  };
}

/** The stored client id a token's `client_id` names: a document URL's derived id, else the id itself. */
export function storedClientId(clientId: string): string {
  return looksLikeDocumentUrl(clientId) ? documentRowIds(clientId).clientId : clientId;
}
