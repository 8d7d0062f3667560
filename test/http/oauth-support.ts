import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { asPlatform, type TestApp } from '../support/app.ts';
import { type ClientView, clientsUrl } from './clients-support.ts';

export const OAUTH = '/api/v1/platform/oauth';
export const HOUR = 3_600_000;
/** Verification accepts a token this long past its `exp` (clock skew between nodes). */
export const TOLERANCE = 30_000;

/** An `application/x-www-form-urlencoded` body; arrays repeat the parameter. */
export function form(params: Record<string, string | readonly string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
  }
  return body.toString();
}

/** `Authorization: Basic …` with id and secret form-urlencoded before base64 (RFC 6749 §2.3.1). */
export function basic(clientId: string, secret: string): string {
  const encode = (text: string) => encodeURIComponent(text).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

export interface ClientCredentials {
  client_id: string;
  client_secret: string;
}

/** How a request authenticates: `basic`, `post` (secret in the body), or a raw `Authorization` value. */
export type ClientAuth =
  | { basic: ClientCredentials }
  | { post: ClientCredentials }
  | { authorization: string };

/** POSTs a form to an OAuth endpoint with the given client authentication. */
export function postForm(
  t: TestApp,
  endpoint: 'token' | 'introspect' | 'revoke',
  params: Record<string, string | readonly string[]>,
  auth?: ClientAuth,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const all = { ...params };
  const sent: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...headers };
  if (auth && 'basic' in auth) sent.authorization = basic(auth.basic.client_id, auth.basic.client_secret);
  if (auth && 'post' in auth) {
    Object.assign(all, { client_id: auth.post.client_id, client_secret: auth.post.client_secret });
  }
  if (auth && 'authorization' in auth) sent.authorization = auth.authorization;
  return t.app.inject({ method: 'POST', url: `${OAUTH}/${endpoint}`, headers: sent, payload: form(all) });
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** A client_credentials token request. */
export const requestToken = (
  t: TestApp,
  auth: ClientAuth | undefined,
  params: Record<string, string | readonly string[]> = {},
  headers: Record<string, string> = {},
) => postForm(t, 'token', { grant_type: 'client_credentials', ...params }, auth, headers);

/** A token the endpoint must grant; fails the test otherwise. */
export async function tokenFor(
  t: TestApp,
  client: ClientCredentials,
  params: Record<string, string> = {},
): Promise<string> {
  const response = await requestToken(t, { basic: client }, params);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<TokenResponse>().access_token;
}

/**
 * Asserts an RFC 6749 §5.2 error: this status, a JSON body of exactly `error` and `error_description`, not a
 * problem document, never cacheable.
 */
export function assertOAuthError(response: LightMyRequestResponse, status: number, error: string): void {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const body = response.json<Record<string, unknown>>();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'error_description']);
  assert.equal(body.error, error);
  assert.equal(typeof body.error_description, 'string');
  assert.equal(response.headers['cache-control'], 'no-store');
}

/** Asserts 401 `invalid_client` with a Basic challenge (RFC 6749 §5.2, when Basic was tried). */
export function assertBasicChallenge(response: LightMyRequestResponse): void {
  assertOAuthError(response, 401, 'invalid_client');
  assert.match(String(response.headers['www-authenticate']), /^Basic realm="portcullis"/);
}

/** Introspects `token` as `auth` (default: the verify-only platform key). */
export async function introspect(
  t: TestApp,
  token: string,
  auth: ClientAuth = { authorization: `Bearer ${t.verifierKey}` },
): Promise<Record<string, unknown>> {
  const response = await postForm(t, 'introspect', { token }, auth);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** `POST /api/v1/verify` for a token, answered whatever the outcome. */
export async function verifyToken(
  t: TestApp,
  token: string,
  scopes?: string[],
): Promise<Record<string, unknown>> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/verify',
    headers: { authorization: `Bearer ${t.verifierKey}` },
    payload: scopes === undefined ? { key: token } : { key: token, scopes },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

export const whoami = (t: TestApp, authorization: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization } });

/** PATCHes a client through the management API and returns its new view. */
export async function patchClient(
  t: TestApp,
  tenantId: string,
  clientId: string,
  payload: object,
): Promise<ClientView> {
  const response = await asPlatform(t, {
    method: 'PATCH',
    url: `${clientsUrl(tenantId)}/${clientId}`,
    payload,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<ClientView>();
}

/** PATCHes a tenant (plan, status) through the management API. */
export async function patchTenant(t: TestApp, tenantId: string, payload: object): Promise<void> {
  const response = await asPlatform(t, { method: 'PATCH', url: `/api/v1/tenants/${tenantId}`, payload });
  assert.equal(response.statusCode, 200, response.body);
}
