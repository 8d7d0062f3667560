/**
 * Seeding for the OAuth scenarios against a running Portcullis, through its public API only: API clients from
 * the management API, access tokens from the token endpoint with `client_secret_basic`, as a real client gets them.
 */
import { postJson, stringField } from '../lib/client.ts';
import { basicAuthorization, tokenForm, tokenScope } from '../lib/workloads.ts';

export interface BenchClient {
  clientId: string;
  clientSecret: string;
}

/** `POST /api/v1/tenants/{id}/clients` with the bench scope; the secret is in this answer only. */
export async function createBenchClient(
  baseUrl: string,
  auth: Record<string, string>,
  tenantId: string,
  name: string,
): Promise<BenchClient> {
  const created = await postJson(
    `${baseUrl}/api/v1/tenants/${tenantId}/clients`,
    auth,
    { name, scopes: [tokenScope] },
    201,
  );
  const what = 'POST /api/v1/tenants/{id}/clients';
  return {
    clientId: stringField(created, 'client_id', what),
    clientSecret: stringField(created, 'client_secret', what),
  };
}

/** The token endpoint (RFC 6749 §3.2) under Portcullis' OAuth prefix. */
export const tokenPath = '/api/v1/platform/oauth/token';

/** One client_credentials token for `client`, exactly as the load generator asks for it. */
async function requestToken(baseUrl: string, client: BenchClient): Promise<string> {
  const response = await fetch(`${baseUrl}${tokenPath}`, {
    method: 'POST',
    headers: {
      authorization: basicAuthorization(client.clientId, client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: tokenForm,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`POST /api/v1/platform/oauth/token answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return stringField(JSON.parse(text) as unknown, 'access_token', 'the token endpoint');
}

/** `tokenCount` tokens, issued round-robin to `clientCount` new clients, one request at a time. */
export async function issueBenchTokens(
  baseUrl: string,
  auth: Record<string, string>,
  tenantId: string,
  clientCount: number,
  tokenCount: number,
): Promise<string[]> {
  const clients: BenchClient[] = [];
  for (let index = 0; index < clientCount; index++) {
    clients.push(await createBenchClient(baseUrl, auth, tenantId, `bench-${index}`));
  }
  const tokens: string[] = [];
  for (let index = 0; index < tokenCount; index++) {
    tokens.push(await requestToken(baseUrl, clients[index % clientCount] as BenchClient));
  }
  return tokens;
}
