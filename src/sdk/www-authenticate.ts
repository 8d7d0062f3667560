/**
 * `WWW-Authenticate: Bearer …` challenges (RFC 6750 §3) carrying the protected resource's metadata URL
 * (RFC 9728 §5.1), so an OAuth client that meets a 401 can discover where to get a token.
 */

/** A quoted-string (RFC 9110 §5.6.4): backslash and double quote escaped, control characters dropped. */
function quoted(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return `"${value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/["\\]/g, '\\$&')}"`;
}

export interface Challenge {
  /** RFC 6750 §3.1; absent when the request carried no token at all (§3: no error then). */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  description?: string;
  /** For `insufficient_scope`: the scopes the request needs (RFC 6750 §3). */
  scope?: readonly string[];
  resourceMetadata: string;
}

export function bearerChallenge(challenge: Challenge): string {
  const params: string[] = [];
  if (challenge.error) params.push(`error=${quoted(challenge.error)}`);
  if (challenge.description) params.push(`error_description=${quoted(challenge.description)}`);
  if (challenge.scope && challenge.scope.length > 0)
    params.push(`scope=${quoted(challenge.scope.join(' '))}`);
  params.push(`resource_metadata=${quoted(challenge.resourceMetadata)}`);
  return `Bearer ${params.join(', ')}`;
}

/**
 * Where RFC 9728 §3.1 puts a resource's metadata: `/.well-known/oauth-protected-resource` between the host and
 * the path of the resource identifier (`https://api.example/mcp` →
 * `https://api.example/.well-known/oauth-protected-resource/mcp`).
 */
export function protectedResourceMetadataUrl(resource: string): URL {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return new URL(`/.well-known/oauth-protected-resource${path}`, url.origin);
}
