/**
 * Rules for the URLs an app registers. Each check returns `undefined` for a good value or a fixed sentence
 * saying what is wrong, so the schema and the service report the same reason for the same field.
 */

/** Longest URL we store: browsers and servers commonly cap request lines near 2 kB. */
export const MAX_URL_LENGTH = 2000;
/** Most origins or redirect URIs one app may register. */
export const MAX_APP_URLS = 50;

// Printable ASCII without spaces: a URL we store must compare byte for byte with what a client sends, so no
// white space, control characters or raw Unicode (IDN hosts are written in their `xn--` form).
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
/** Hosts for which RFC 8252 §8.3 allows `http` redirect URIs: the loopback interface. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function parse(value: string): URL | undefined {
  if (value.length > MAX_URL_LENGTH || !PRINTABLE_ASCII.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * An exact origin as a browser sends it in `Origin`: `http(s)://host[:port]`, lower case, no default port,
 * no path, query, fragment or user info, no wildcard.
 */
export function originProblem(value: string): string | undefined {
  const url = parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return 'must be an http or https origin such as https://app.example.com';
  }
  if (url.hostname.includes('*')) return 'must be an exact origin: wildcards are not allowed';
  if (url.origin !== value) {
    return 'must be an exact origin (scheme://host[:port], lower case, no path, query, fragment or user info)';
  }
  return undefined;
}

/**
 * A redirect URI (OAuth 2.1 §2.3.1, RFC 8252 §8.3): absolute, no fragment, no user info; `https`, or `http`
 * only on a loopback host. Stored as given and compared as exact strings later.
 */
export function redirectUriProblem(value: string): string | undefined {
  const url = parse(value);
  if (!url) return 'must be an absolute URL';
  if (value.includes('#')) return 'must not contain a fragment';
  if (url.username !== '' || url.password !== '') return 'must not contain user info';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return 'must use https (http only for 127.0.0.1, [::1] or localhost)';
}

/**
 * The origins of an app's redirect URIs: a browser-based client that registered itself (RFC 7591, or a
 * metadata document) runs at them, and may call the token endpoint from there (CORS). Redirect URIs are http(s)
 * only, so each has one.
 */
export function redirectOrigins(redirectUris: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const uri of redirectUris) {
    const url = parse(uri);
    if (url && (url.protocol === 'https:' || url.protocol === 'http:')) origins.add(url.origin);
  }
  return [...origins];
}

/** A public https page or image (logo, homepage): absolute, https, no user info. */
export function httpsUrlProblem(value: string): string | undefined {
  const url = parse(value);
  if (url?.protocol !== 'https:') return 'must be an absolute https URL';
  if (url.username !== '' || url.password !== '') return 'must not contain user info';
  return undefined;
}

/** The URL fields of an app as a service receives them; absent fields are not checked. */
export interface AppUrls {
  allowedOrigins?: readonly string[] | undefined;
  redirectUris?: readonly string[] | undefined;
  logoUrl?: string | null | undefined;
  homepageUrl?: string | null | undefined;
}

/** The first bad URL of an app, as `{ field: 'redirectUris.2', message }`, or undefined when all are good. */
export function firstAppUrlProblem(urls: AppUrls): { field: string; message: string } | undefined {
  const lists = [
    ['allowedOrigins', urls.allowedOrigins, originProblem],
    ['redirectUris', urls.redirectUris, redirectUriProblem],
  ] as const;
  for (const [field, values, check] of lists) {
    if (values === undefined) continue;
    if (values.length > MAX_APP_URLS) return { field, message: `must hold at most ${MAX_APP_URLS} entries` };
    for (const [index, value] of values.entries()) {
      const message = check(value);
      if (message !== undefined) return { field: `${field}.${index}`, message };
    }
  }
  for (const field of ['logoUrl', 'homepageUrl'] as const) {
    const value = urls[field];
    const message = typeof value === 'string' ? httpsUrlProblem(value) : undefined;
    if (message !== undefined) return { field, message };
  }
  return undefined;
}
