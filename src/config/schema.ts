import { z } from 'zod';
import { PREFIX_PATTERN } from '../core/credential-format.ts';
import { type ManagementPermission, managementPermissionNames } from '../core/management-permissions.ts';
import { ROLE_PERMISSION_WILDCARDS } from '../core/roles.ts';
import { SCOPE_PATTERN } from '../core/scopes.ts';

const scopeName = z
  .string()
  .regex(SCOPE_PATTERN, 'must be a scope name: letters, digits, ".:_-", optionally ending in "*"');
const prefix = z
  .string()
  .regex(PREFIX_PATTERN, 'must be 1-16 lowercase letters or digits, starting with a letter');

export const scopeDefinitionSchema = z.strictObject({
  name: scopeName,
  description: z.string().max(500).default(''),
  implies: z.array(scopeName).max(64).default([]),
});

export const planSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, "_" or "-"'),
  name: z.string().min(1).max(100),
  description: z.string().max(500).default(''),
  scopes: z.array(scopeName).max(1000),
  requestsPerMinute: z.number().int().positive().max(100_000_000),
  maxActiveKeys: z.number().int().positive().max(1_000_000).default(25),
  requestRetentionDays: z.number().int().positive().max(3650).default(90),
  features: z.array(z.string().max(100)).max(100).default([]),
});

const managementPermission = z.enum(managementPermissionNames);
const rolePatternSchema = z
  .string()
  .max(128)
  .regex(
    /^[A-Za-z0-9*][A-Za-z0-9_.:*-]{0,127}$/,
    'must be a scope pattern: `*` stands for any run of characters',
  );

/** One role's row of the table: what its members may manage in a tenant, and use at runtime there. */
const roleSchema = (defaults: {
  permissions: (ManagementPermission | (typeof ROLE_PERMISSION_WILDCARDS)[number])[];
  testModePermissions?: 'manage:keys'[];
  runtimeScopes: string[];
}) =>
  z
    .strictObject({
      /** Management permissions on objects of both modes; `*` is all of them, `read:*` every read route. */
      permissions: z
        .array(z.union([managementPermission, z.enum(ROLE_PERMISSION_WILDCARDS)]))
        .max(50)
        .default(defaults.permissions),
      /** Permissions on test-mode objects only (a developer manages test-mode keys). */
      testModePermissions: z
        .array(z.enum(['manage:keys']))
        .max(10)
        .default(defaults.testModePermissions ?? []),
      /** Runtime scope patterns a member's personal tokens may use in the tenant (`*`, `read:*`, `*:read`). */
      runtimeScopes: z.array(rolePatternSchema).max(100).default(defaults.runtimeScopes),
    })
    .prefault({});

export const configSchema = z
  .strictObject({
    server: z
      .strictObject({
        host: z.string().min(1).max(255).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4400),
        publicUrl: z.url({ protocol: /^https?$/ }).optional(),
        bodyLimitBytes: z
          .number()
          .int()
          .min(1024)
          .max(10 * 1024 * 1024)
          .default(64 * 1024),
        trustProxy: z.boolean().default(false),
        /**
         * On SIGTERM, requests in flight have this long to be answered; then their connections are closed, and the
         * buffered feed is written either way before the process exits.
         */
        shutdownTimeoutMs: z.number().int().min(0).max(600_000).default(10_000),
        /** `GET /readyz` reports a check that has not answered by then as timed out. */
        readinessTimeoutMs: z.number().int().min(10).max(60_000).default(2000),
      })
      .prefault({}),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /**
     * Redis for the limits shared by every node (request limits, failure throttles): `redis://` or `rediss://`
     * (TLS), Redis 7 or Valkey. Without it each node counts in its own memory.
     */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    /** The PostgreSQL pool (`DATABASE_URL`); the embedded database has one connection and ignores these. */
    database: z
      .strictObject({
        poolSize: z.number().int().min(1).max(1000).default(10),
        /** Waiting for a connection longer than this fails the query (and `/readyz`); 0 waits without end. */
        connectionTimeoutMs: z.number().int().min(0).max(600_000).default(5000),
        /** An idle connection is closed after this long; 0 keeps it until shutdown. */
        idleTimeoutMs: z.number().int().min(0).max(3_600_000).default(10_000),
        /**
         * The server cancels a statement running longer than this. 0 (the default) leaves the server's own
         * setting: migrations and the retention sweep on a large request feed may run for minutes.
         */
        statementTimeoutMs: z.number().int().min(0).max(86_400_000).default(0),
      })
      .prefault({}),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * One JSON line per request to the management API and the OAuth endpoints (`PORTCULLIS_ACCESS_LOG`), at
     * `info`: method, route pattern, status, duration, caller. Never a body, a query string or a header. Verify
     * and the public routes are never logged; see src/http/access-log.ts.
     */
    accessLog: z.boolean().default(false),
    /** `GET /metrics` in the Prometheus text format; see docs/decisions/021-metrics-and-access-log.md. */
    metrics: z
      .strictObject({
        /** `PORTCULLIS_METRICS`. Off: `/metrics` is not routed (404). */
        enabled: z.boolean().default(true),
        /**
         * A bearer token a scraper must send (`Authorization: Bearer <token>`); `PORTCULLIS_METRICS_TOKEN`.
         * Without one, `/metrics` answers anyone who can reach the port, like `/healthz`.
         */
        token: z
          .string()
          .regex(
            /^[A-Za-z0-9._~+/-]{32,512}=*$/,
            'must be 32 to 512 characters of letters, digits and "-._~+/" (RFC 6750 token), e.g. `openssl rand -hex 32`',
          )
          .optional(),
      })
      .prefault({}),
    credentials: z
      .strictObject({
        prefixes: z
          .strictObject({
            secret: prefix.default('sk'),
            restricted: prefix.default('rk'),
            platform: prefix.default('pk'),
            /** Secrets of OAuth API clients (`client_secret`). */
            clientSecret: prefix.default('cs'),
            /** Secrets of tenant management key pairs (`X-Api-Secret`). */
            managementSecret: prefix.default('ms'),
            /** Personal access tokens of users (`pat_live_…`), usable in each workspace the user belongs to. */
            personalToken: prefix.default('pat'),
            /** Refresh tokens of installed apps (`prt_live_…`, decision 031). */
            refreshToken: prefix.default('prt'),
          })
          .prefault({}),
        /** Authorization schemes accepted for runtime keys: `ApiKey <key>` and/or `Bearer <key>`. */
        authorizationSchemes: z
          .array(z.enum(['ApiKey', 'Bearer']))
          .min(1)
          .default(['ApiKey', 'Bearer']),
      })
      .prefault({}),
    scopes: z.array(scopeDefinitionSchema).min(1).max(10_000).optional(),
    plans: z.array(planSchema).min(1).max(1000).optional(),
    defaultPlan: z.string().optional(),
    modes: z
      .strictObject({ live: z.array(scopeName).default(['*']), test: z.array(scopeName).default(['*']) })
      .prefault({}),
    oauth: z
      .strictObject({
        accessTokenTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
        /** A signing key signs for this long before a new one takes over. */
        signingKeyRotationDays: z.number().int().min(1).max(365).default(30),
        /** A new signing key is in the JWKS this long before it signs, so verifiers' caches pick it up. */
        signingKeyPublishLeadSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 86_400)
          .default(3600),
        /** Resource servers a token can be issued for (RFC 8707 `resource`); the first is the default. */
        resourceServers: z
          .array(
            z.strictObject({
              audience: z.string().min(1).max(500),
              name: z.string().max(200).default(''),
            }),
          )
          .max(100)
          .default([]),
        /**
         * Dynamic client registration (RFC 7591) at `POST /api/v1/platform/oauth/register`: `off`, `open`, or
         * `token` (an initial access token from `initialAccessTokens` as `Authorization: Bearer`). Registered
         * apps belong to `tenantId` (a tenant the platform keeps for them) and are installable by every tenant.
         */
        registration: z
          .strictObject({
            mode: z.enum(['off', 'open', 'token']).default('off'),
            tenantId: z.string().max(64).optional(),
            initialAccessTokens: z.array(z.string().min(32).max(512)).max(100).default([]),
            /** Registrations per minute from one address. */
            perIpPerMinute: z.number().int().min(1).max(4095).default(10),
          })
          .prefault({}),
        /**
         * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, MCP 2025-11-25): a
         * `client_id` that is an https URL names a JSON document describing the client, fetched (through the
         * SSRF guard, no redirects, at most 5 KB) and cached per node. Such clients live in
         * `registration.tenantId` like registered ones; without that tenant they are refused.
         */
        clientMetadataDocuments: z
          .strictObject({
            enabled: z.boolean().default(true),
            /** Fetch documents from loopback, private, link-local and metadata addresses: development and tests only. */
            allowPrivateNetworks: z.boolean().default(false),
            /** Accept `http:` document URLs: development and tests only. */
            allowHttp: z.boolean().default(false),
            /** A document is reused this long (less when its `Cache-Control: max-age` says so). */
            cacheSeconds: z.number().int().min(0).max(86_400).default(300),
            /** A fetch not answered within this fails. */
            timeoutMs: z.number().int().min(100).max(10_000).default(3000),
            /** Fetches (cache misses) per minute to one host, so that client_ids cannot make us hammer a site. */
            perHostPerMinute: z.number().int().min(1).max(4095).default(60),
          })
          .prefault({}),
        /** An authorization code is redeemable this long (RFC 9700 §4.2: short-lived; at most 60 s). */
        authorizationCodeTtlSeconds: z.number().int().min(10).max(60).default(60),
        /** Refresh tokens of installations: unused for `idleDays` they end; a family ends `absoluteDays` after its code. */
        refreshTokens: z
          .strictObject({
            idleDays: z.number().int().min(1).max(365).default(30),
            absoluteDays: z.number().int().min(1).max(3650).default(90),
          })
          .prefault({}),
        /**
         * Accept a management key pair as `?apikey=&apisecret=` on the management API (logged). Client secrets
         * in a query are refused whatever this says (decision 006).
         */
        legacyQueryCredentials: z.boolean().default(false),
      })
      .prefault({}),
    verification: z
      .strictObject({
        /**
         * Verified API keys and access tokens kept in memory (0 turns these caches off: every presented credential
         * is checked in full); see services/verification/key-row-cache.ts.
         */
        cachedKeys: z.number().int().min(0).max(10_000_000).default(100_000),
        /**
         * Every API key's verification standing held in memory, about 130 bytes a key, so that a key used
         * for the first time is not a database read (SQLite only); see services/keys/key-directory.ts.
         */
        keyDirectory: z.boolean().default(true),
      })
      .prefault({}),
    rateLimit: z
      .strictObject({
        /**
         * While Redis (`redisUrl`) cannot be reached: `local` counts on each node in memory (fail open to
         * per-node limits, N nodes letting up to N times the rate through), `refuse` refuses every limited
         * request (verify answers `rate_limited`, failing authentications are throttled). Verify never fails.
         */
        whenSharedUnavailable: z.enum(['local', 'refuse']).default('local'),
        /** A Redis command not answered within this counts as Redis being unreachable. */
        sharedTimeoutMs: z.number().int().min(5).max(10_000).default(100),
      })
      .prefault({}),
    security: z
      .strictObject({
        /**
         * Failed authentications of OAuth clients and management key pairs allowed per minute before every
         * attempt (a right secret too) is 429 until the budget refills; see
         * services/access/failure-throttle.ts. At most 4,095: the rate-limit arithmetic is exact up to that.
         */
        failedAuthentication: z
          .strictObject({
            /** Per credential id: a `client_id`, an `X-Api-Key` (ids we could not have issued share one). */
            perCredentialPerMinute: z.number().int().min(1).max(4095).default(30),
            /** Per source address. */
            perIpPerMinute: z.number().int().min(1).max(4095).default(600),
          })
          .prefault({}),
        /**
         * Failed password sign-ins allowed per minute. Past either budget every sign-in attempt is 429, the right
         * password too: a password can be guessed, a 142-bit secret cannot.
         */
        failedSignIn: z
          .strictObject({
            /** Per account (the email given, whether or not it names a user). */
            perAccountPerMinute: z.number().int().min(1).max(4095).default(5),
            perIpPerMinute: z.number().int().min(1).max(4095).default(60),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * The roles' table: each role's management permissions in its tenants and the runtime scope patterns of its
     * members' personal tokens there (see docs/decisions/022-people-and-sessions.md).
     */
    roles: z
      .strictObject({
        owner: roleSchema({ permissions: ['*'], runtimeScopes: ['*'] }),
        manager: roleSchema({
          permissions: [
            'manage:apps',
            'manage:keys',
            'manage:clients',
            'manage:management-keys',
            'manage:members',
            'manage:webhooks',
            'read:tenant',
            'read:audit',
          ],
          runtimeScopes: ['*'],
        }),
        developer: roleSchema({
          permissions: ['read:*'],
          testModePermissions: ['manage:keys'],
          runtimeScopes: ['*'],
        }),
        viewer: roleSchema({ permissions: ['read:*'], runtimeScopes: ['read:*', '*:read', '*.read'] }),
      })
      .prefault({}),
    sessions: z
      .strictObject({
        /** A console session unused this long ends. */
        idleTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
        /** A console session ends this long after sign-in, however much it is used. */
        absoluteTimeoutHours: z.number().int().min(1).max(720).default(12),
        /** The platform's hand-off link works once, within this many seconds. */
        handoffTtlSeconds: z.number().int().min(5).max(60).default(60),
      })
      .prefault({}),
    invitations: z.strictObject({ ttlDays: z.number().int().min(1).max(30).default(7) }).prefault({}),
    /** argon2id for users' passwords; never below OWASP's recommendation (19 MiB, 2 passes, 1 lane). */
    passwords: z
      .strictObject({
        memoryKiB: z.number().int().min(19_456).max(4_194_304).default(19_456),
        passes: z.number().int().min(2).max(100).default(2),
        parallelism: z.number().int().min(1).max(64).default(1),
      })
      .prefault({}),
    personalTokens: z
      .strictObject({
        /** Tokens a user may hold that are neither revoked nor expired. */
        maxActivePerUser: z.number().int().min(1).max(1000).default(25),
      })
      .prefault({}),
    /** Webhook delivery; see docs/webhooks.md and docs/decisions/023-webhook-delivery.md. */
    webhooks: z
      .strictObject({
        /**
         * Seconds before each retry after a failed attempt, each with ±10% jitter; after the last one the
         * delivery has failed. Default: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
         */
        retrySchedule: z
          .array(
            z
              .number()
              .min(0)
              .max(7 * 86_400),
          )
          .max(50)
          .default([5, 300, 1800, 7200, 18_000, 36_000, 36_000]),
        /** An attempt not answered within this fails (and is retried). */
        timeoutMs: z.number().int().min(100).max(60_000).default(15_000),
        /**
         * Deliver to (and register) loopback, private, link-local, CGNAT and metadata addresses: for local
         * development and tests only. Off, such targets are refused at registration and again at delivery.
         */
        allowPrivateNetworks: z.boolean().default(false),
        /** Attempts in flight on one node, in total and to one endpoint. */
        concurrency: z.number().int().min(1).max(10_000).default(200),
        perEndpointConcurrency: z.number().int().min(1).max(1000).default(50),
        /** How often a node looks for due deliveries (its own commits wake it at once). */
        pollIntervalMs: z.number().int().min(10).max(60_000).default(500),
        /** An endpoint whose deliveries have failed for this long is disabled. */
        disableAfterFailingDays: z.number().min(0.0001).max(365).default(5),
        /** `key.expiring` is sent this many days before a key expires. */
        keyExpiringDays: z.number().int().min(1).max(365).default(7),
        /** The platform's own event types (`POST /api/v1/tenants/{tenantId}/events`). */
        eventTypes: z
          .array(
            z.strictObject({
              type: z
                .string()
                .regex(
                  /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/,
                  'must be dot-separated lowercase words, e.g. "booking.created"',
                ),
              description: z.string().max(500).default(''),
            }),
          )
          .max(1000)
          .default([]),
      })
      .prefault({}),
    audit: z
      .strictObject({
        flushIntervalMs: z.number().int().min(10).max(60_000).default(250),
        retentionSweepIntervalMs: z.number().int().min(1000).max(86_400_000).default(3_600_000),
      })
      .prefault({}),
  })
  .prefault({});

export type ConfigInput = z.input<typeof configSchema>;
export type ScopeDefinitionConfig = z.output<typeof scopeDefinitionSchema>;
export type PlanConfig = z.output<typeof planSchema>;
