import { asPlatform, type TestApp } from '../support/app.ts';

/** An app as the management API presents it. */
export interface AppView {
  id: string;
  tenantId: string;
  name: string;
  type: 'confidential' | 'public';
  allowedOrigins: string[];
  redirectUris: string[];
  logoUrl: string | null;
  homepageUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An API client as the management API presents it; `client_id` / `client_secret` only on create and rotate. */
export interface ClientView {
  id: string;
  tenantId: string;
  appId: string | null;
  name: string;
  mode: 'live' | 'test';
  scopes: string[];
  status: 'active' | 'suspended' | 'expired' | 'deleted';
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  client_id?: string;
  client_secret?: string;
}

export interface ActivityRow {
  action: string;
  actor: { type: string; id: string | null };
  target: { type: string; id: string };
  details: Record<string, unknown>;
}

export const appsUrl = (tenantId: string): string => `/api/v1/tenants/${tenantId}/apps`;
export const clientsUrl = (tenantId: string): string => `/api/v1/tenants/${tenantId}/clients`;

export async function createApp(
  t: TestApp,
  tenantId: string,
  body: Record<string, unknown> = {},
): Promise<AppView> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: appsUrl(tenantId),
    payload: { name: 'App', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`app create failed: ${response.body}`);
  return response.json<AppView>();
}

/** A created client with its id and plaintext secret. */
export interface CreatedClient extends ClientView {
  client_id: string;
  client_secret: string;
}

export async function createClient(
  t: TestApp,
  tenantId: string,
  body: Record<string, unknown> = {},
): Promise<CreatedClient> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: clientsUrl(tenantId),
    payload: { name: 'Client', scopes: ['bookings:read'], ...body },
  });
  if (response.statusCode !== 201) throw new Error(`client create failed: ${response.body}`);
  return response.json<CreatedClient>();
}

/** The tenant's activity feed, newest first, optionally one action only. */
export async function activity(t: TestApp, tenantId: string, action?: string): Promise<ActivityRow[]> {
  const query = action === undefined ? '' : `&action=${action}`;
  const response = await asPlatform(t, {
    method: 'GET',
    url: `/api/v1/tenants/${tenantId}/audit/activity?limit=200${query}`,
  });
  if (response.statusCode !== 200) throw new Error(`activity failed: ${response.body}`);
  return response.json<{ items: ActivityRow[] }>().items;
}
