import type { Generated } from 'kysely';

/** Row shapes as stored. Times are milliseconds since the epoch; lists are JSON text. */
export interface TenantTable {
  id: string;
  name: string;
  plan_id: string;
  status: 'active' | 'suspended';
  created_at: number;
  updated_at: number;
}

export interface PlatformKeyTable {
  id: string;
  name: string;
  /** JSON array: `["*"]` or e.g. `["verify"]`. */
  permissions: string;
  secret_hash: string;
  pepper_version: number;
  display_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  mode: 'live' | 'test';
  type: 'secret' | 'restricted';
  /** JSON array for restricted keys; null for secret keys, which hold every entitled scope. */
  scopes: string | null;
  /** JSON array of CIDR blocks, or null for no restriction. */
  ip_allowlist: string | null;
  display_prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A key has one live secret, plus old ones inside a roll's grace period. Only hashes are stored. */
export interface ApiKeySecretTable {
  secret_hash: string;
  key_id: string;
  tenant_id: string;
  pepper_version: number;
  created_at: number;
  expires_at: number | null;
}

export interface RequestLogTable {
  id: Generated<number>;
  tenant_id: string;
  credential_id: string;
  credential_type: string;
  at: number;
  method: string | null;
  path: string | null;
  status: number;
  outcome: string;
  latency_ms: number;
  ip: string | null;
  rate_limited: number;
}

export interface ActivityLogTable {
  id: Generated<number>;
  tenant_id: string | null;
  at: number;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  action: string;
  target_type: string;
  target_id: string;
  /** JSON object of non-secret facts (old and new plan, scopes, …). */
  details: string;
}

export interface Database {
  tenants: TenantTable;
  platform_keys: PlatformKeyTable;
  api_keys: ApiKeyTable;
  api_key_secrets: ApiKeySecretTable;
  request_log: RequestLogTable;
  activity_log: ActivityLogTable;
}
