// A client and its tokens against real server processes: for tests where several nodes (or one node across
// restarts) must agree on what they issue and accept.
import assert from 'node:assert/strict';
import { type ApiResponse, call, type ServerProcess } from './server.ts';

export interface IssuingClient {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** A tenant on the pro plan and a live client of it, created through `server` with the platform key. */
export async function createIssuingClient(
  server: ServerProcess,
  platformKey: string,
): Promise<IssuingClient> {
  const auth = `Bearer ${platformKey}`;
  const tenant = await call(server, 'POST', '/api/v1/tenants', {
    auth,
    body: { name: 'Nodes', plan: 'pro' },
  });
  assert.equal(tenant.status, 201, tenant.text);
  const client = await call(server, 'POST', `/api/v1/tenants/${tenant.body.id}/clients`, {
    auth,
    body: { name: 'across nodes', scopes: ['bookings:read'], mode: 'live' },
  });
  assert.equal(client.status, 201, client.text);
  return {
    tenantId: tenant.body.id,
    clientId: client.body.client_id,
    clientSecret: client.body.client_secret,
  };
}

/** An access token from `server`'s token endpoint (client credentials, `client_secret_basic`). */
export async function issueToken(server: ServerProcess, client: IssuingClient): Promise<string> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  const response = await fetch(`${server.url}/api/v1/platform/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  assert.equal(response.status, 200, text);
  return (JSON.parse(text) as { access_token: string }).access_token;
}

/** `POST /api/v1/verify` on `server` for `credential`, with the platform key as the caller. */
export function verifyOn(
  server: ServerProcess,
  platformKey: string,
  credential: string,
): Promise<ApiResponse> {
  return call(server, 'POST', '/api/v1/verify', { auth: `Bearer ${platformKey}`, body: { key: credential } });
}

/** The issuer `server` publishes in its RFC 8414 metadata. */
export async function publishedIssuer(server: ServerProcess): Promise<string> {
  const metadata = await call(server, 'GET', '/.well-known/oauth-authorization-server');
  assert.equal(metadata.status, 200, metadata.text);
  return metadata.body.issuer;
}
