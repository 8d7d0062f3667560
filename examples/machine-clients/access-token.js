/**
 * The client's side: one access token at a time, renewed a minute before it expires (there is no refresh
 * token in the client credentials grant). Needs Node 18+ (global fetch).
 *
 *   const tokens = createTokenSource({ baseUrl: process.env.PORTCULLIS_URL, clientId: process.env.CLIENT_ID,
 *     clientSecret: process.env.CLIENT_SECRET, scope: 'read:records' });
 *   await fetch('https://api.example.com/records', { headers: { authorization: `Bearer ${await tokens.accessToken()}` } });
 */
export function createTokenSource({
  baseUrl,
  clientId,
  clientSecret,
  scope,
  resource,
  fetch = globalThis.fetch,
}) {
  const endpoint = new URL('/api/v1/platform/oauth/token', baseUrl);
  // RFC 6749 §2.3.1: the id and secret are form-encoded before they go into Basic.
  const basic = btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`);
  let current = { token: undefined, renewAt: 0 };
  let pending;

  async function request() {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) form.set('scope', scope);
    if (resource) form.set('resource', resource);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      signal: AbortSignal.timeout(5_000),
    });
    const body = await response.json();
    // RFC 6749 §5.2: `error` is invalid_client, invalid_scope, …; 429 comes with Retry-After.
    if (!response.ok) throw new Error(`token endpoint: ${response.status} ${body.error}`);
    current = { token: body.access_token, renewAt: Date.now() + (body.expires_in - 60) * 1000 };
    return current.token;
  }

  return {
    /** The current token, or a new one when it is about to expire; concurrent callers share one request. */
    async accessToken() {
      if (current.token && Date.now() < current.renewAt) return current.token;
      pending ??= request().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
