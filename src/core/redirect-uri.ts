/** Hosts of a loopback redirect (RFC 8252 §7.3; `localhost` as RFC 9700 §4.1.3 lets it be used too). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function loopbackUrl(text: string): URL | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url : undefined;
}

/**
 * Whether a presented `redirect_uri` is the registered one. OAuth 2.1 §4.1.1 and RFC 9700 §4.1.3: exact string
 * comparison, with one exception: a native app's loopback redirect (http on 127.0.0.1, [::1] or localhost) may
 * name any port, since the app learns its port only when it listens (RFC 8252 §7.3). Everything else about it —
 * host, path, query — must still be exactly the registered one.
 */
export function redirectUriMatches(registered: string, presented: string): boolean {
  if (registered === presented) return true;
  const expected = loopbackUrl(registered);
  const actual = expected && loopbackUrl(presented);
  if (!expected || !actual || actual.hostname !== expected.hostname) return false;
  expected.port = actual.port;
  // Compared as strings again: the presented URI must be exactly the registered one with another port.
  return expected.href === presented;
}

/** The registered redirect URI a presented one matches, if any. */
export function matchRedirectUri(registered: readonly string[], presented: string): string | undefined {
  return registered.find((uri) => redirectUriMatches(uri, presented));
}
