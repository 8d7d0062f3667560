import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ManagementPermission } from '../../src/core/management-permissions.ts';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { asPlatform, type TestApp } from '../support/app.ts';
import { createClient } from './clients-support.ts';

/** A management key pair as its create answer shows it, plus the headers that send it. */
export interface KeyPair {
  id: string;
  apiKey: string;
  apiSecret: string;
  headers: { 'x-api-key': string; 'x-api-secret': string };
}

/** A management key as list / get / revoke show it. */
export interface ManagementKeyView {
  id: string;
  apiKey: string;
  tenantId: string;
  name: string;
  permissions: string[];
  displayPrefix: string;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  apiSecret?: string;
}

export const managementKeysUrl = (tenantId: string): string => `/api/v1/tenants/${tenantId}/management-keys`;

/** Issues a key pair through the API with the platform key. */
export async function createKeyPair(
  t: TestApp,
  tenantId: string,
  permissions: readonly ManagementPermission[],
  name = 'automation',
  mode: 'live' | 'test' = 'live',
): Promise<KeyPair> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: managementKeysUrl(tenantId),
    payload: { name, permissions, mode },
  });
  if (response.statusCode !== 201) throw new Error(`management key create failed: ${response.body}`);
  const { id, apiKey, apiSecret } = response.json<{ id: string; apiKey: string; apiSecret: string }>();
  return { id, apiKey, apiSecret, headers: { 'x-api-key': apiKey, 'x-api-secret': apiSecret } };
}

export async function revokeKeyPair(t: TestApp, tenantId: string, keyId: string): Promise<void> {
  const response = await asPlatform(t, { method: 'DELETE', url: `${managementKeysUrl(tenantId)}/${keyId}` });
  if (response.statusCode !== 200) throw new Error(`management key revoke failed: ${response.body}`);
}

/** Sends a request with a key pair in `X-Api-Key` / `X-Api-Secret`. */
export function asKeyPair(
  t: TestApp,
  pair: KeyPair,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return t.app.inject({ ...options, headers: { ...pair.headers, ...options.headers } });
}

/** The tenant id in a management URL (`/api/v1/tenants/<id>/…`). */
export function tenantInUrl(url: string): string {
  const match = /^\/api\/v1\/tenants\/([^/?]+)/.exec(url);
  if (!match?.[1]) throw new Error(`not a tenant URL: ${url}`);
  return match[1];
}

export interface ActivityRow {
  action: string;
  actor: { type: string; id: string | null; ip: string | null };
  target: { type: string; id: string };
  details: Record<string, unknown>;
}

/** The tenant's activity feed (newest first), read with the platform key; optionally one action only. */
export async function activityOf(t: TestApp, tenantId: string, action?: string): Promise<ActivityRow[]> {
  const query = action ? `?limit=200&action=${action}` : '?limit=200';
  const response = await asPlatform(t, {
    method: 'GET',
    url: `/api/v1/tenants/${tenantId}/audit/activity${query}`,
  });
  if (response.statusCode !== 200) throw new Error(`activity read failed: ${response.body}`);
  return response.json<{ items: ActivityRow[] }>().items;
}

/** An M2M access token and the client it was issued to. */
export interface M2MToken {
  token: string;
  clientId: string;
  authorization: string;
}

/**
 * Creates a live client of the tenant allowed `scopes` and signs a token for it as the token endpoint would
 * (default audience: the issuer). `audience` overrides the token's `aud`.
 */
export async function m2mToken(
  t: TestApp,
  tenantId: string,
  scopes: readonly string[],
  audience?: string,
  mode: 'live' | 'test' = 'live',
): Promise<M2MToken> {
  const client = await createClient(t, tenantId, {
    scopes: scopes.length > 0 ? scopes : ['bookings:read'],
    mode,
  });
  const { token } = await issueAccessToken(t.context, {
    clientId: client.id,
    tenantId,
    mode,
    scopes,
    ...(audience === undefined ? {} : { audience }),
  });
  return { token, clientId: client.id, authorization: `Bearer ${token}` };
}
