import type { Generated } from 'kysely';

/** Row shapes as stored. Times are milliseconds since the epoch; lists are JSON text. */
export interface TenantTable {
  id: string;
  name: string;
  plan_id: string;
  status: 'active' | 'suspended';
  created_at: number;
  updated_at: number;
  /** The directory sequence's value at its creation or last plan or status change (migration 005). */
  change_seq: Generated<number>;
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
  /** Superseded by api_key_last_used (migration 005), which took its values: no longer written or read. */
  last_used_at: number | null;
  revoked_at: number | null;
  /** The directory sequence's value at its creation, revocation or last roll (migration 005). */
  change_seq: Generated<number>;
  /** A JSON object the platform attaches to the key, returned by verify (migration 013). */
  meta: string | null;
  /** The platform's own id of the key's owner (migration 013). */
  external_id: string | null;
  /** A per-key rate override within the plan's; null: the plan's rate (migration 013). */
  rate_limit_per_minute: number | null;
  /** Usage credits left; null: the key's calls are not counted (migration 013). */
  credits_remaining: number | null;
  credits_refill_amount: number | null;
  credits_refill_interval: 'day' | 'month' | null;
  credits_refilled_at: number | null;
  /** The tenant's app the key belongs to, if any (migration 016). */
  app_id: string | null;
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

/** Verified calls counted per bucket (migration 011): added to by each request-feed flush. */
export interface UsageRollupTable {
  tenant_id: string;
  /** `minute`, `hour` or `day`. */
  granularity: string;
  /** The bucket's first millisecond (UTC). */
  bucket_start: number;
  credential_id: string;
  /** `valid`, or the refusal code. */
  outcome: string;
  count: number;
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
  /** The mode of the object the row is about; null for one of both modes (migration 006). */
  mode: 'live' | 'test' | null;
}

/** A key's last use as written by the request feed (migration 005); one row per key used since. */
export interface ApiKeyLastUsedTable {
  key_id: string;
  last_used_at: number;
}

/** A single row (id 1) counting verification-relevant writes; see migration 003. */
export interface ChangeCounterTable {
  id: number;
  value: number;
}

/** An event committed by a unit of work, waiting for delivery (migration 006). */
export interface OutboxTable {
  id: Generated<number>;
  event_type: string;
  tenant_id: string | null;
  mode: 'live' | 'test' | null;
  /** JSON object of non-secret facts about the event's object. */
  payload: string;
  created_at: number;
  /** Set once the event has become webhook deliveries (migration 010). */
  dispatched_at: Generated<number | null>;
  /** The event's `webhook-id` when it names its own (a platform event); else one is made at dispatch. */
  message_id: Generated<string | null>;
}

/** A tenant's webhook endpoint (migration 010). Secrets are `whsec_…` sealed under the master key. */
export interface WebhookEndpointTable {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  mode: 'live' | 'test';
  /** JSON array of event types and prefix patterns (`key.*`, `*`). */
  events: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: number | null;
  disabled_at: number | null;
  disabled_reason: string | null;
  /** The first failure since the last success: an endpoint failing for too long is disabled. */
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

/** One event for one endpoint, attempted until it succeeds or its retries run out. */
export interface WebhookDeliveryTable {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  /** `webhook-id`: the same on every attempt and for every endpoint the event goes to. */
  message_id: string;
  event_type: string;
  mode: 'live' | 'test';
  /** The exact body sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: number | null;
  /** A node holds the delivery until then; past it (the node died) another takes it. */
  claimed_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: string;
  attempted_at: number;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export interface WebhookNoticeTable {
  kind: string;
  subject_id: string;
  window_start: number;
  created_at: number;
}

/** A management API response kept for its `Idempotency-Key`; `response_status` null while in flight. */
export interface IdempotencyKeyTable {
  owner: string;
  idempotency_key: string;
  request_hash: string;
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  created_at: number;
}

/** The one deployment record (id 1), migration 007. */
export interface DeploymentTable {
  id: number;
  /** The issuer every node uses unless `PORTCULLIS_PUBLIC_URL` overrides it; null until the first node listens. */
  issuer: string | null;
  current_pepper_version: number;
  /** A fixed text sealed under the master key (`core/sealed-box.ts`). */
  master_key_check: string;
  created_at: number;
  /** Migration 015: the fingerprint of the configuration the last server started with, and its source. */
  served_config_fingerprint: string | null;
  served_config_source: string | null;
}

/** Per pepper version, an HMAC of a fixed label under it (migration 007): never the pepper. */
export interface DeploymentPepperTable {
  version: number;
  label_hmac: string;
  created_at: number;
}

export interface Database extends OAuthDatabase, PeopleDatabase, InstallationDatabase {
  deployment: DeploymentTable;
  deployment_peppers: DeploymentPepperTable;
  change_counter: ChangeCounterTable;
  outbox: OutboxTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_notices: WebhookNoticeTable;
  idempotency_keys: IdempotencyKeyTable;
  tenants: TenantTable;
  platform_keys: PlatformKeyTable;
  api_keys: ApiKeyTable;
  api_key_secrets: ApiKeySecretTable;
  api_key_last_used: ApiKeyLastUsedTable;
  request_log: RequestLogTable;
  usage_rollups: UsageRollupTable;
  activity_log: ActivityLogTable;
}

/** Keys that sign access tokens. The private half is sealed (AES-256-GCM) under the master key. */
export interface SigningKeyTable {
  kid: string;
  alg: string;
  /** Public JWK, JSON. */
  public_jwk: string;
  /** Sealed private JWK: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  private_jwk_sealed: string;
  created_at: number;
  /** Signs from this time on; published in the JWKS from `created_at`, before it signs. */
  active_from: number;
  /** Stops signing at this time (a newer key took over); null while current. */
  retired_at: number | null;
  /** Leaves the JWKS at this time: the last token it signed has expired. */
  expires_at: number | null;
}

export interface AppTable {
  id: string;
  tenant_id: string;
  name: string;
  type: 'confidential' | 'public';
  /** JSON array of exact origins (`https://app.example.com`) allowed for CORS. */
  allowed_origins: string;
  /** JSON array of exact redirect URIs. */
  redirect_uris: string;
  logo_url: string | null;
  homepage_url: string | null;
  /** Migration 012: `public` apps are installable by every tenant. */
  visibility: 'private' | 'public';
  /** `dynamic`: registered through RFC 7591 by whoever asked (migration 012). */
  registered_via: 'management' | 'dynamic' | 'metadata_document';
  /** Migration 014: the public keys its clients sign client assertions with (a JWK Set as JSON); null: secrets. */
  jwks: string | null;
  /** Migration 014: where its clients' keys are published instead (registrations and metadata documents). */
  jwks_uri: string | null;
  created_at: number;
  updated_at: number;
}

export interface ClientTable {
  /** The public `client_id`. */
  id: string;
  tenant_id: string;
  app_id: string | null;
  name: string;
  mode: 'live' | 'test';
  /** JSON array of scopes the client may request. */
  scopes: string;
  status: 'active' | 'suspended' | 'deleted';
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** A client has one live secret, plus old ones inside a rotation's grace period. Only hashes are stored. */
export interface ClientSecretTable {
  secret_hash: string;
  client_id: string;
  tenant_id: string;
  pepper_version: number;
  created_at: number;
  expires_at: number | null;
}

/** A tenant management key pair: `X-Api-Key` is the id, `X-Api-Secret` the secret (hashed). */
export interface ManagementKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  /** JSON array of management permissions (`manage:keys`, `read:audit`, …). */
  permissions: string;
  secret_hash: string;
  pepper_version: number;
  display_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** A test-mode pair manages only test-mode objects (migration 006). */
  mode: Generated<'live' | 'test'>;
}

/** Access tokens revoked before they expire (RFC 7009); rows go once `expires_at` passes. */
export interface RevokedTokenTable {
  jti: string;
  tenant_id: string;
  expires_at: number;
}

/** Migration 014: client assertions' `jti`s already used, kept until the assertion expires (decision 035). */
export interface ClientAssertionJtiTable {
  client_id: string;
  jti: string;
  expires_at: number;
}

export interface OAuthDatabase {
  signing_keys: SigningKeyTable;
  apps: AppTable;
  clients: ClientTable;
  client_secrets: ClientSecretTable;
  management_keys: ManagementKeyTable;
  revoked_tokens: RevokedTokenTable;
  client_assertion_jtis: ClientAssertionJtiTable;
}

/** A person, platform-wide (migration 009). `email` is stored lower-cased; the password as an argon2id string. */
export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  /** The user's id in the platform's own user system, for the sign-in hand-off. */
  external_id: string | null;
  status: 'active' | 'disabled';
  created_at: number;
  updated_at: number;
}

/** A user in a tenant ("workspace") with a role. */
export interface MembershipTable {
  tenant_id: string;
  user_id: string;
  role: 'owner' | 'manager' | 'developer' | 'viewer';
  created_at: number;
  updated_at: number;
}

/** A single-use link into a tenant; only the token's hash is kept. */
export interface InvitationTable {
  id: string;
  tenant_id: string;
  email: string;
  role: MembershipTable['role'];
  token_hash: string;
  pepper_version: number;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

/** A signed-in console session; the cookie's value is kept only as its hash. */
export interface SessionTable {
  id: string;
  user_id: string;
  token_hash: string;
  pepper_version: number;
  /** How it began: `password`, `handoff` or `invitation`. */
  method: string;
  created_at: number;
  last_seen_at: number;
  /** The absolute end of the session, whatever its use. */
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

/** The platform's single-use sign-in link into one tenant's console. */
export interface ConsoleHandoffTable {
  id: string;
  token_hash: string;
  pepper_version: number;
  tenant_id: string;
  user_id: string;
  return_to: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A user's own runtime credential, usable in each tenant the user belongs to. */
export interface PersonalTokenTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON array of vocabulary scopes. */
  scopes: string;
  display_prefix: string;
  secret_hash: string;
  pepper_version: number;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface PeopleDatabase {
  users: UserTable;
  memberships: MembershipTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  console_handoffs: ConsoleHandoffTable;
  personal_tokens: PersonalTokenTable;
}

/** A tenant admin's approval of an OAuth client (migration 012). */
export interface InstallationTable {
  id: string;
  tenant_id: string;
  client_id: string;
  app_id: string | null;
  /** JSON array of the scopes the admin granted. */
  scopes: string;
  /** The resource server (RFC 8707) the grant is for; null: the default audience. */
  resource: string | null;
  approved_by: string;
  created_at: number;
  updated_at: number;
  /** Uninstalled: every token of this installation is refused from then on. */
  deleted_at: number | null;
}

/** A single-use authorization code (RFC 6749 §4.1.2); only its hash is kept. */
export interface AuthorizationCodeTable {
  code_hash: string;
  pepper_version: number;
  /** The grant family its redemption starts: a second redemption revokes the family. */
  family_id: string;
  tenant_id: string;
  installation_id: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  /** PKCE S256 challenge (RFC 7636 §4.2). */
  code_challenge: string;
  scopes: string;
  resource: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A refresh token; each use consumes it and issues its successor in the same family. */
export interface RefreshTokenTable {
  token_hash: string;
  pepper_version: number;
  family_id: string;
  tenant_id: string;
  installation_id: string;
  client_id: string;
  user_id: string;
  scopes: string;
  resource: string | null;
  created_at: number;
  /** Idle expiry: unused this long, it ends. */
  expires_at: number;
  /** Absolute expiry of the family, whatever its use. */
  family_expires_at: number;
  consumed_at: number | null;
  revoked_at: number | null;
  /** The access token issued with it, revoked with the family. */
  access_jti: string;
  access_expires_at: number;
}

export interface InstallationDatabase {
  installations: InstallationTable;
  authorization_codes: AuthorizationCodeTable;
  refresh_tokens: RefreshTokenTable;
}
