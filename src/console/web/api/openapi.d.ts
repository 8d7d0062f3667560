// Generated from /openapi.json by `npm run generate:console-api`; do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database (and Redis where configured) answers in time */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Metrics in the Prometheus text format (0.0.4)
         * @description Verify results by code and latency, token issuance, cache and key-directory lookups, rate-limited calls, the invalidation bus, the database pool, the backlog of the request feed, where rate limits are counted, and the process. With `metrics.token` set, send it as a bearer token.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scope vocabulary */
        get: operations["listScopes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans and their entitlements */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/management-permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The built-in management permissions: what management key pairs and machine clients may hold (never plan-gated) */
        get: operations["listManagementPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List platform keys, newest first (never the secret) */
        get: operations["listPlatformKeys"];
        put?: never;
        /** Issue a platform key (`verify` for API servers, `manage` for automation, `*` for both) */
        post: operations["createPlatformKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a platform key at once */
        delete: operations["revokePlatformKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify access tokens, including the next key before it signs */
        get: operations["jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Authorization server metadata (RFC 8414) */
        get: operations["authorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the access-token signing key now */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants, newest first */
        get: operations["listTenants"];
        put?: never;
        /** Create a tenant on a plan */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a tenant, change its plan, or suspend / resume it */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's keys, newest first (never the secret), filtered by status, mode, type, app or name */
        get: operations["listKeys"];
        put?: never;
        /** Issue an API key; the plaintext is in this response only */
        post: operations["createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a key (never the secret) */
        get: operations["getKey"];
        put?: never;
        post?: never;
        /** Revoke a key at once (the row is kept for audit) */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        /**
         * Change a key's settings; the next verification on every node sees them
         * @description Fields left out stay as they are. A revoked or expired key cannot be changed (409). The activity feed records each changed field with its old and new value.
         */
        patch: operations["updateKey"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/keys/{keyId}/roll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new secret for the same key; the old one works for the grace period */
        post: operations["rollKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's apps, newest first */
        get: operations["listApps"];
        put?: never;
        /** Register an app */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/apps/{appId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an app */
        get: operations["getApp"];
        put?: never;
        post?: never;
        /** Delete an app; 409 while a client that is not deleted belongs to it */
        delete: operations["deleteApp"];
        options?: never;
        head?: never;
        /** Change an app; a list given replaces the stored one, null clears the logo or homepage */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's clients, newest first (never the secret); deleted ones only on request */
        get: operations["listClients"];
        put?: never;
        /** Create an API client; the `client_secret` is in this response only */
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a client (never the secret); a deleted client is 404 */
        get: operations["getClient"];
        put?: never;
        post?: never;
        /** Delete a client for good: no more tokens, its secrets stop now, it cannot be recovered */
        delete: operations["deleteClient"];
        options?: never;
        head?: never;
        /** Change scopes (from the next token on, no new secret needed) or suspend / resume */
        patch: operations["updateClient"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/clients/{clientId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new client secret; the old one stops at once unless a grace period is given */
        post: operations["rotateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/installations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's installed apps, newest first */
        get: operations["listInstallations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/installations/{installationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an installation */
        get: operations["getInstallation"];
        put?: never;
        post?: never;
        /** Uninstall an app: its refresh tokens are revoked and its access tokens refused from now on */
        delete: operations["deleteInstallation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/management-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's management keys, newest first (never the secret) */
        get: operations["listManagementKeys"];
        put?: never;
        /** Issue a management key pair; the secret is in this response only */
        post: operations["createManagementKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/management-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a management key (never the secret) */
        get: operations["getManagementKey"];
        put?: never;
        post?: never;
        /** Revoke a management key at once (the row is kept for audit) */
        delete: operations["revokeManagementKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users, newest first; filter by email or externalId */
        get: operations["listUsers"];
        put?: never;
        /** Create a user: a person, platform-wide */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user and their memberships */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user; `status: disabled` ends their sessions and refuses their tokens at once */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{userId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End every console session of the user (an admin's sign-out everywhere) */
        delete: operations["endUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's members and their roles, newest first */
        get: operations["listMembers"];
        put?: never;
        /**
         * Add an existing user to the tenant with a role
         * @description A member may hand out roles up to their own; a tenant credential only roles whose permissions it holds.
         */
        post: operations["addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member: their sessions and personal tokens lose the tenant at once */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Change a member's role (the tenant keeps at least one owner) */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's invitations, newest first (never the token) */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite someone by email: a single-use link, shown in this response only
         * @description The link (`url`) carries the token in its fragment; `POST /api/v1/invitations/accept` spends it. It expires after `invitations.ttlDays` (7).
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invitation */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/console-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hand a user the platform has signed in over to the tenant's console
         * @description Finds the user by `externalId` (or creates them) and gives them the membership with `role`. Answers a single-use `url`, valid until `expiresAt` (60 s at most): opening it sets the session cookie and redirects (303) into `/console`.
         */
        post: operations["createConsoleSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their memberships and roles, and the CSRF token */
        get: operations["getSession"];
        put?: never;
        /**
         * Sign in with email and password: sets the session cookie
         * @description Sets `__Host-portcullis_session` (Secure, HttpOnly, SameSite=Lax, Path=/). A new session every time; one the browser sent ends. Failures are throttled per account and per address (429).
         */
        post: operations["signIn"];
        /** Sign out: ends this session server-side and clears the cookie */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's sessions */
        get: operations["listMySessions"];
        put?: never;
        post?: never;
        /** Sign out everywhere: ends every one of the user's sessions, this one included */
        delete: operations["signOutEverywhere"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/console-sessions/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform's hand-off link: sets the session cookie and redirects (303) into the console
         * @description A link that is not valid, was used or has expired is 404; a browser (`Accept: text/html`) is sent to the console's sign-in instead (303), which says so.
         */
        get: operations["openConsoleSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: creates the invited user or links the existing one, and adds the membership
         * @description A user who already exists must be signed in (the session cookie) or give their password. A new user is created with `name` and `password` and signed in.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your personal access tokens, newest first (never the token) */
        get: operations["listPersonalTokens"];
        put?: never;
        /**
         * Create a personal access token; the token is in this response only
         * @description Use it as `Authorization: ApiKey <token>` or `Authorization: Bearer <token>`, naming the workspace in `x-workspace-id` when you belong to several.
         */
        post: operations["createPersonalToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one of your personal access tokens */
        get: operations["getPersonalToken"];
        put?: never;
        post?: never;
        /** Revoke a personal access token: refused from the next request */
        delete: operations["revokePersonalToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{tokenId}/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The token's calls in one of your workspaces, newest first (Settings → API Keys → Activity) */
        get: operations["listPersonalTokenRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an API key or access token for a call
         * @description Answers 200 with `valid: true` or `valid: false` and a `code`; a key that fails its checksum is answered without a lookup. Needs a platform key with the `verify` permission.
         */
        post: operations["verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling credential's tenant, mode, type and effective scopes
         * @description Send an API key as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`, or an access token as `Authorization: Bearer <token>`. A personal access token names its workspace in `x-workspace-id` (optional when its user belongs to one). Answers carry `RateLimit-Policy` and `RateLimit` fields.
         */
        get: operations["whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/audit/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The request feed: every verified call, per credential, newest first */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/audit/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The activity feed: who created, rolled, revoked or changed what, newest first */
        get: operations["listActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/audit/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform activity feed: every tenant's rows and the platform-level ones (tenants created, platform keys issued, signing keys rotated), newest first */
        get: operations["listPlatformActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verified calls counted per interval and outcome, for the tenant or one credential
         * @description Counted from rollups the request feed keeps as it is written, never by reading the feed. `since` is rounded down and `until` up to a bucket boundary; without `since` the window is the last 60 minutes, 24 hours or 30 days (by `interval`), ending with the current bucket. A window holds at most 1000 buckets. Minute buckets are kept 2 days, hour buckets 40 days and day buckets as long as the plan keeps the request feed.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event catalogue: Portcullis lifecycle events and the platform’s own */
        get: operations["listWebhookEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's webhook endpoints, newest first (never a secret) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /** Register a webhook endpoint; its signing secret is in this response only */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/endpoints/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint (never its secret) */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint and its deliveries; nothing more is sent to it */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change the URL, events or description, or disable or enable the endpoint */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/endpoints/{endpointId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, returned once; the previous one also signs for the grace period */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/endpoints/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a `webhook.ping` event to the endpoint */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/endpoints/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's deliveries, newest first, with every attempt's status, latency and response */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/webhooks/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attempt a delivery again now, with the same `webhook-id` */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish one of the platform's event types to the tenant's endpoints of that mode */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token endpoint: client_credentials, authorization_code (PKCE) and refresh_token grants */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/oauth/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token introspection (RFC 7662) */
        post: operations["introspectToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/oauth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token revocation (RFC 7009) */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/oauth/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Authorization endpoint: response_type=code with PKCE S256; shows the consent screen to a signed-in admin */
        get: operations["authorize"];
        put?: never;
        /** The consent form's answer: approve (installs the app, redirects with a code) or deny */
        post: operations["authorizeDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/oauth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dynamic client registration (RFC 7591): open, or with an initial access token, per config */
        post: operations["registerClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        /** @description Each check by name: `database`, and `redis` where configured. `ok`, or what is wrong: a node stays ready without Redis (`unreachable: limits counted per node`), so this is where to see that it is away */
                        checks: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4; charset=utf-8": string;
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listScopes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            description: string;
                            implies: string[];
                            /** @description Plans that entitle this scope */
                            plans: string[];
                        }[];
                    };
                };
            };
        };
    };
    listPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            description: string;
                            /** @description Entitled scope patterns; `*` at the end matches any suffix */
                            scopes: string[];
                            requestsPerMinute: number;
                            maxActiveKeys: number;
                            requestRetentionDays: number;
                            features: string[];
                        }[];
                    };
                };
            };
        };
    };
    listManagementPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            description: string;
                        }[];
                    };
                };
            };
        };
    };
    listPlatformKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            permissions: string[];
                            displayPrefix: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            revokedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createPlatformKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    permissions: ("*" | "manage" | "verify")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        permissions: string[];
                        displayPrefix: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        revokedAt: string | null;
                        key: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokePlatformKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    jwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JWK Set (RFC 7517 §5) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            kty: string;
                            kid: string;
                            alg: string;
                            /** @enum {string} */
                            use: "sig";
                            crv: string;
                            x: string;
                            y: string;
                        }[];
                    };
                };
            };
        };
    };
    authorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OAuth 2.0 Authorization Server Metadata (RFC 8414 §2) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        authorization_endpoint: string;
                        token_endpoint: string;
                        introspection_endpoint: string;
                        revocation_endpoint: string;
                        jwks_uri: string;
                        registration_endpoint?: string;
                        grant_types_supported: string[];
                        response_types_supported: string[];
                        response_modes_supported: string[];
                        code_challenge_methods_supported: string[];
                        authorization_response_iss_parameter_supported: boolean;
                        client_id_metadata_document_supported?: boolean;
                        token_endpoint_auth_methods_supported: string[];
                        token_endpoint_auth_signing_alg_values_supported: string[];
                        introspection_endpoint_auth_methods_supported: string[];
                        introspection_endpoint_auth_signing_alg_values_supported: string[];
                        revocation_endpoint_auth_methods_supported: string[];
                        revocation_endpoint_auth_signing_alg_values_supported: string[];
                        scopes_supported: string[];
                        service_documentation: string;
                    };
                };
            };
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The key that signs from now on */
                        kid: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        activeFrom: string;
                        /** @description Keys that stopped signing; each stays in the JWKS until `expiresAt`, when its last token has expired */
                        retired: {
                            kid: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            retiredAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            expiresAt: string;
                        }[];
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            plan: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    plan?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        plan: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        plan: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    plan?: string;
                    /** @enum {string} */
                    status?: "active" | "suspended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        plan: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description As the `status` field shows it */
                status?: "active" | "expired" | "revoked";
                mode?: "live" | "test";
                type?: "secret" | "restricted";
                /** @description Only the keys of this app */
                appId?: string;
                /** @description Names starting with this, case-sensitive */
                namePrefix?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            tenantId: string;
                            name: string;
                            /** @enum {string} */
                            mode: "live" | "test";
                            /** @enum {string} */
                            type: "secret" | "restricted";
                            /** @description The tenant's app (integration) the key serves; null for none */
                            appId: string | null;
                            /** @description Listed scopes of a restricted key; null for a secret key */
                            scopes: string[] | null;
                            ipAllowlist: string[] | null;
                            /** @description The first 12 characters of the key, safe to show */
                            displayPrefix: string;
                            /** @enum {string} */
                            status: "active" | "expired" | "revoked";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                            previousSecretExpiresAt: string | null;
                            /** @description A JSON object verify returns with the key */
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            /** @description The platform's own id of the key's owner or customer */
                            externalId: string | null;
                            /** @description This key's rate instead of the plan's; null: the plan's */
                            rateLimit: {
                                requestsPerMinute: number;
                            } | null;
                            /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                            credits: {
                                remaining: number;
                                refill: {
                                    amount: number;
                                    /** @enum {string} */
                                    interval: "day" | "month";
                                } | null;
                            } | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description Default: the caller's mode when it is confined to one (a test credential), else live
                     * @enum {string}
                     */
                    mode?: "live" | "test";
                    /**
                     * @description `secret`: every scope the plan entitles, now and after plan changes; `restricted`: the listed `scopes`. Default: `restricted` when `scopes` are given, else `secret`
                     * @enum {string}
                     */
                    type?: "secret" | "restricted";
                    scopes?: string[];
                    /** @description One of the tenant's apps, the integration the key serves (a label: it grants nothing) */
                    appId?: string;
                    /** Format: date-time */
                    expiresAt?: string;
                    ipAllowlist?: string[];
                    /** @description A JSON object verify returns with the key: at most 20 top-level members and 4096 bytes as JSON */
                    meta?: {
                        [key: string]: unknown;
                    };
                    /** @description The platform's own id of the key's owner or customer */
                    externalId?: string;
                    /** @description This key's rate instead of the plan's, at most the plan's (above: 403 plan_required naming the plans that allow it); null: the plan's */
                    rateLimit?: {
                        requestsPerMinute: number;
                    } | null;
                    /** @description Usage credits (Unkey's "remaining"): verify calls that send `consume: n` spend n; too few left answers `usage_exceeded`. null: not counted */
                    credits?: {
                        remaining: number;
                        /** @description Sets `remaining` back to `amount` at each UTC day's or month's start (applied at the next spend) */
                        refill?: {
                            amount: number;
                            /** @enum {string} */
                            interval: "day" | "month";
                        } | null;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description The tenant's app (integration) the key serves; null for none */
                        appId: string | null;
                        /** @description Listed scopes of a restricted key; null for a secret key */
                        scopes: string[] | null;
                        ipAllowlist: string[] | null;
                        /** @description The first 12 characters of the key, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                        previousSecretExpiresAt: string | null;
                        /** @description A JSON object verify returns with the key */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner or customer */
                        externalId: string | null;
                        /** @description This key's rate instead of the plan's; null: the plan's */
                        rateLimit: {
                            requestsPerMinute: number;
                        } | null;
                        /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                        credits: {
                            remaining: number;
                            refill: {
                                amount: number;
                                /** @enum {string} */
                                interval: "day" | "month";
                            } | null;
                        } | null;
                        /** @description The plaintext key. Shown once, in this response only. */
                        key: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description The tenant's app (integration) the key serves; null for none */
                        appId: string | null;
                        /** @description Listed scopes of a restricted key; null for a secret key */
                        scopes: string[] | null;
                        ipAllowlist: string[] | null;
                        /** @description The first 12 characters of the key, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                        previousSecretExpiresAt: string | null;
                        /** @description A JSON object verify returns with the key */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner or customer */
                        externalId: string | null;
                        /** @description This key's rate instead of the plan's; null: the plan's */
                        rateLimit: {
                            requestsPerMinute: number;
                        } | null;
                        /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                        credits: {
                            remaining: number;
                            refill: {
                                amount: number;
                                /** @enum {string} */
                                interval: "day" | "month";
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description The tenant's app (integration) the key serves; null for none */
                        appId: string | null;
                        /** @description Listed scopes of a restricted key; null for a secret key */
                        scopes: string[] | null;
                        ipAllowlist: string[] | null;
                        /** @description The first 12 characters of the key, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                        previousSecretExpiresAt: string | null;
                        /** @description A JSON object verify returns with the key */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner or customer */
                        externalId: string | null;
                        /** @description This key's rate instead of the plan's; null: the plan's */
                        rateLimit: {
                            requestsPerMinute: number;
                        } | null;
                        /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                        credits: {
                            remaining: number;
                            refill: {
                                amount: number;
                                /** @enum {string} */
                                interval: "day" | "month";
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description A restricted key's scopes, within the plan as at creation */
                    scopes?: string[];
                    /** @description null: never expires */
                    expiresAt?: string | null;
                    /** @description null or []: any address */
                    ipAllowlist?: string[] | null;
                    meta?: {
                        [key: string]: unknown;
                    } | null;
                    externalId?: string | null;
                    /** @description This key's rate instead of the plan's, at most the plan's (above: 403 plan_required naming the plans that allow it); null: the plan's */
                    rateLimit?: {
                        requestsPerMinute: number;
                    } | null;
                    /** @description Usage credits (Unkey's "remaining"): verify calls that send `consume: n` spend n; too few left answers `usage_exceeded`. null: not counted */
                    credits?: {
                        remaining: number;
                        /** @description Sets `remaining` back to `amount` at each UTC day's or month's start (applied at the next spend) */
                        refill?: {
                            amount: number;
                            /** @enum {string} */
                            interval: "day" | "month";
                        } | null;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description The tenant's app (integration) the key serves; null for none */
                        appId: string | null;
                        /** @description Listed scopes of a restricted key; null for a secret key */
                        scopes: string[] | null;
                        ipAllowlist: string[] | null;
                        /** @description The first 12 characters of the key, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                        previousSecretExpiresAt: string | null;
                        /** @description A JSON object verify returns with the key */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner or customer */
                        externalId: string | null;
                        /** @description This key's rate instead of the plan's; null: the plan's */
                        rateLimit: {
                            requestsPerMinute: number;
                        } | null;
                        /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                        credits: {
                            remaining: number;
                            refill: {
                                amount: number;
                                /** @enum {string} */
                                interval: "day" | "month";
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rollKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 0 */
                    gracePeriodSeconds?: number;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description The tenant's app (integration) the key serves; null for none */
                        appId: string | null;
                        /** @description Listed scopes of a restricted key; null for a secret key */
                        scopes: string[] | null;
                        ipAllowlist: string[] | null;
                        /** @description The first 12 characters of the key, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        expiresAt: string | null;
                        revokedAt: string | null;
                        /** @description When the secret the last roll replaced stops verifying (it then answers `rolled`); null for a key never rolled */
                        previousSecretExpiresAt: string | null;
                        /** @description A JSON object verify returns with the key */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner or customer */
                        externalId: string | null;
                        /** @description This key's rate instead of the plan's; null: the plan's */
                        rateLimit: {
                            requestsPerMinute: number;
                        } | null;
                        /** @description Usage credits, spent by verify calls that ask (`consume`); `remaining` as of now, a refill due since the last spend included (a new UTC day or month sets it back to `refill.amount`). null: calls are not counted */
                        credits: {
                            remaining: number;
                            refill: {
                                amount: number;
                                /** @enum {string} */
                                interval: "day" | "month";
                            } | null;
                        } | null;
                        /** @description The plaintext key. Shown once, in this response only. */
                        key: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listApps: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            tenantId: string;
                            name: string;
                            /** @enum {string} */
                            type: "confidential" | "public";
                            /** @description Exact origins allowed for CORS on the OAuth endpoints */
                            allowedOrigins: string[];
                            /** @description Exact redirect URIs for the authorization code flow */
                            redirectUris: string[];
                            logoUrl: string | null;
                            homepageUrl: string | null;
                            /**
                             * @description `private`: installable only by its own tenant; `public`: by every tenant (set by the platform)
                             * @enum {string}
                             */
                            visibility: "private" | "public";
                            /** @description Public keys for the clients' `private_key_jwt` authentication; null: the clients hold secrets (or their keys are at `jwksUri`) */
                            jwks: {
                                keys: {
                                    kty: string;
                                    kid?: string;
                                    alg?: string;
                                    use?: string;
                                    crv?: string;
                                    x?: string;
                                    y?: string;
                                    n?: string;
                                    e?: string;
                                }[];
                            } | null;
                            /** @description Where the clients' public keys are published (RFC 7591 `jwks_uri`): dynamically registered and metadata-document apps only; null otherwise */
                            jwksUri: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description `confidential` apps have clients with secrets; `public` ones use PKCE alone. Fixed.
                     * @default confidential
                     * @enum {string}
                     */
                    type?: "confidential" | "public";
                    /** @default [] */
                    allowedOrigins?: string[];
                    /** @default [] */
                    redirectUris?: string[];
                    /** @description An absolute https URL */
                    logoUrl?: string;
                    /** @description An absolute https URL */
                    homepageUrl?: string;
                    /** @description Public keys (JWK Set, 1 to 10 keys: EC P-256, RSA ≥ 2048 bits or Ed25519; no private members) with which the app's clients sign `private_key_jwt` client assertions instead of holding a secret. Confidential apps only. */
                    jwks?: {
                        keys: ({
                            kty: string;
                            kid?: string;
                            alg?: string;
                            use?: string;
                            crv?: string;
                            x?: string;
                            y?: string;
                            n?: string;
                            e?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        type: "confidential" | "public";
                        /** @description Exact origins allowed for CORS on the OAuth endpoints */
                        allowedOrigins: string[];
                        /** @description Exact redirect URIs for the authorization code flow */
                        redirectUris: string[];
                        logoUrl: string | null;
                        homepageUrl: string | null;
                        /**
                         * @description `private`: installable only by its own tenant; `public`: by every tenant (set by the platform)
                         * @enum {string}
                         */
                        visibility: "private" | "public";
                        /** @description Public keys for the clients' `private_key_jwt` authentication; null: the clients hold secrets (or their keys are at `jwksUri`) */
                        jwks: {
                            keys: {
                                kty: string;
                                kid?: string;
                                alg?: string;
                                use?: string;
                                crv?: string;
                                x?: string;
                                y?: string;
                                n?: string;
                                e?: string;
                            }[];
                        } | null;
                        /** @description Where the clients' public keys are published (RFC 7591 `jwks_uri`): dynamically registered and metadata-document apps only; null otherwise */
                        jwksUri: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                appId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        type: "confidential" | "public";
                        /** @description Exact origins allowed for CORS on the OAuth endpoints */
                        allowedOrigins: string[];
                        /** @description Exact redirect URIs for the authorization code flow */
                        redirectUris: string[];
                        logoUrl: string | null;
                        homepageUrl: string | null;
                        /**
                         * @description `private`: installable only by its own tenant; `public`: by every tenant (set by the platform)
                         * @enum {string}
                         */
                        visibility: "private" | "public";
                        /** @description Public keys for the clients' `private_key_jwt` authentication; null: the clients hold secrets (or their keys are at `jwksUri`) */
                        jwks: {
                            keys: {
                                kty: string;
                                kid?: string;
                                alg?: string;
                                use?: string;
                                crv?: string;
                                x?: string;
                                y?: string;
                                n?: string;
                                e?: string;
                            }[];
                        } | null;
                        /** @description Where the clients' public keys are published (RFC 7591 `jwks_uri`): dynamically registered and metadata-document apps only; null otherwise */
                        jwksUri: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                appId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                appId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    allowedOrigins?: string[];
                    redirectUris?: string[];
                    logoUrl?: string | null;
                    homepageUrl?: string | null;
                    /** @description Replaces the key set; null removes it, and the clients go back to secrets */
                    jwks?: {
                        keys: ({
                            kty: string;
                            kid?: string;
                            alg?: string;
                            use?: string;
                            crv?: string;
                            x?: string;
                            y?: string;
                            n?: string;
                            e?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } | null;
                    /**
                     * @description Platform keys only: `public` makes the app installable by every tenant
                     * @enum {string}
                     */
                    visibility?: "private" | "public";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        name: string;
                        /** @enum {string} */
                        type: "confidential" | "public";
                        /** @description Exact origins allowed for CORS on the OAuth endpoints */
                        allowedOrigins: string[];
                        /** @description Exact redirect URIs for the authorization code flow */
                        redirectUris: string[];
                        logoUrl: string | null;
                        homepageUrl: string | null;
                        /**
                         * @description `private`: installable only by its own tenant; `public`: by every tenant (set by the platform)
                         * @enum {string}
                         */
                        visibility: "private" | "public";
                        /** @description Public keys for the clients' `private_key_jwt` authentication; null: the clients hold secrets (or their keys are at `jwksUri`) */
                        jwks: {
                            keys: {
                                kty: string;
                                kid?: string;
                                alg?: string;
                                use?: string;
                                crv?: string;
                                x?: string;
                                y?: string;
                                n?: string;
                                e?: string;
                            }[];
                        } | null;
                        /** @description Where the clients' public keys are published (RFC 7591 `jwks_uri`): dynamically registered and metadata-document apps only; null otherwise */
                        jwksUri: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listClients: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description `true` lists deleted clients too, with status `deleted` */
                includeDeleted?: "true" | "false";
                /** @description Only clients with this status now; `deleted` lists deleted ones whatever `includeDeleted` says */
                status?: "active" | "suspended" | "expired" | "deleted";
                /** @description Only clients of this mode */
                mode?: "live" | "test";
                /** @description Only this app's clients */
                appId?: string;
                /** @description Only clients whose name starts with this (case-sensitive) */
                namePrefix?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The `client_id` */
                            id: string;
                            tenantId: string;
                            appId: string | null;
                            name: string;
                            /** @enum {string} */
                            mode: "live" | "test";
                            /** @description Scopes the client may request: vocabulary scopes, management permissions */
                            scopes: string[];
                            /**
                             * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                             * @enum {string}
                             */
                            status: "active" | "suspended" | "expired" | "deleted";
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                            deletedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description An app of the same tenant; a public app's client gets no secret (PKCE alone) */
                    appId?: string;
                    scopes: string[];
                    expiresInDays?: number;
                    /**
                     * @description Default: the caller's mode when it is confined to one (a test credential), else live
                     * @enum {string}
                     */
                    mode?: "live" | "test";
                };
            };
        };
        responses: {
            /** @description The client in camelCase, plus `client_id` and `client_secret` under their OAuth names */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `client_id` */
                        id: string;
                        tenantId: string;
                        appId: string | null;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Scopes the client may request: vocabulary scopes, management permissions */
                        scopes: string[];
                        /**
                         * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                         * @enum {string}
                         */
                        status: "active" | "suspended" | "expired" | "deleted";
                        expiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        deletedAt: string | null;
                        /** @description The client id, named as OAuth 2.1 names it (same as `id`) */
                        client_id: string;
                        /** @description The plaintext client secret. Shown once, in this response only; absent for a public app's client. */
                        client_secret?: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `client_id` */
                        id: string;
                        tenantId: string;
                        appId: string | null;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Scopes the client may request: vocabulary scopes, management permissions */
                        scopes: string[];
                        /**
                         * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                         * @enum {string}
                         */
                        status: "active" | "suspended" | "expired" | "deleted";
                        expiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        deletedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `client_id` */
                        id: string;
                        tenantId: string;
                        appId: string | null;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Scopes the client may request: vocabulary scopes, management permissions */
                        scopes: string[];
                        /**
                         * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                         * @enum {string}
                         */
                        status: "active" | "suspended" | "expired" | "deleted";
                        expiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        deletedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scopes?: string[];
                    /** @enum {string} */
                    status?: "active" | "suspended";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `client_id` */
                        id: string;
                        tenantId: string;
                        appId: string | null;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Scopes the client may request: vocabulary scopes, management permissions */
                        scopes: string[];
                        /**
                         * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                         * @enum {string}
                         */
                        status: "active" | "suspended" | "expired" | "deleted";
                        expiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        deletedAt: string | null;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rotateClientSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 0 */
                    gracePeriodSeconds?: number;
                } | null;
            };
        };
        responses: {
            /** @description The client in camelCase, plus `client_id` and `client_secret` under their OAuth names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `client_id` */
                        id: string;
                        tenantId: string;
                        appId: string | null;
                        name: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Scopes the client may request: vocabulary scopes, management permissions */
                        scopes: string[];
                        /**
                         * @description Only `active` clients get tokens; `expired` follows from `expiresAt`; `deleted` is final
                         * @enum {string}
                         */
                        status: "active" | "suspended" | "expired" | "deleted";
                        expiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        deletedAt: string | null;
                        /** @description The client id, named as OAuth 2.1 names it (same as `id`) */
                        client_id: string;
                        /** @description The plaintext client secret. Shown once, in this response only. */
                        client_secret: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listInstallations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            tenantId: string;
                            /** @description The OAuth client the tenant approved */
                            clientId: string;
                            appId: string | null;
                            /** @description The scopes the approver granted */
                            scopes: string[];
                            /** @description The resource server (RFC 8707) its tokens are for */
                            resource: string | null;
                            /** @description The user who approved it last */
                            approvedBy: string;
                            /** @description That user's name (or email); null if the user is gone */
                            approvedByName: string | null;
                            /** @description The installed app, as its owner describes it */
                            app: {
                                name: string;
                                logoUrl: string | null;
                                homepageUrl: string | null;
                                /**
                                 * @description `tenant`: this workspace's own app; `platform`: an app the platform made public; `registered`: registered through dynamic client registration, not by the platform
                                 * @enum {string}
                                 */
                                publisher: "tenant" | "platform" | "registered";
                            };
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                installationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        /** @description The OAuth client the tenant approved */
                        clientId: string;
                        appId: string | null;
                        /** @description The scopes the approver granted */
                        scopes: string[];
                        /** @description The resource server (RFC 8707) its tokens are for */
                        resource: string | null;
                        /** @description The user who approved it last */
                        approvedBy: string;
                        /** @description That user's name (or email); null if the user is gone */
                        approvedByName: string | null;
                        /** @description The installed app, as its owner describes it */
                        app: {
                            name: string;
                            logoUrl: string | null;
                            homepageUrl: string | null;
                            /**
                             * @description `tenant`: this workspace's own app; `platform`: an app the platform made public; `registered`: registered through dynamic client registration, not by the platform
                             * @enum {string}
                             */
                            publisher: "tenant" | "platform" | "registered";
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                installationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Uninstalled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listManagementKeys: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only pairs of this mode */
                mode?: "live" | "test";
                /** @description Only active or only revoked pairs */
                status?: "active" | "revoked";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The public half of the pair: send it as `X-Api-Key` */
                            id: string;
                            /** @description Same as `id` */
                            apiKey: string;
                            tenantId: string;
                            name: string;
                            /**
                             * @description A test-mode pair sees and manages only test-mode objects
                             * @enum {string}
                             */
                            mode: "live" | "test";
                            permissions: string[];
                            /** @description The first 12 characters of the secret, safe to show */
                            displayPrefix: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createManagementKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Management permissions the pair holds; a tenant credential grants only its own */
                    permissions: ("manage:keys" | "manage:clients" | "manage:apps" | "manage:management-keys" | "manage:members" | "read:tenant" | "read:audit" | "manage:webhooks")[];
                    /**
                     * @description Default: the caller's mode when it is confined to one (a test credential), else live
                     * @enum {string}
                     */
                    mode?: "live" | "test";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The public half of the pair: send it as `X-Api-Key` */
                        id: string;
                        /** @description Same as `id` */
                        apiKey: string;
                        tenantId: string;
                        name: string;
                        /**
                         * @description A test-mode pair sees and manages only test-mode objects
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        permissions: string[];
                        /** @description The first 12 characters of the secret, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description Send as `X-Api-Secret`. Shown once, in this response only. */
                        apiSecret: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getManagementKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The public half of the pair: send it as `X-Api-Key` */
                        id: string;
                        /** @description Same as `id` */
                        apiKey: string;
                        tenantId: string;
                        name: string;
                        /**
                         * @description A test-mode pair sees and manages only test-mode objects
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        permissions: string[];
                        /** @description The first 12 characters of the secret, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokeManagementKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The public half of the pair: send it as `X-Api-Key` */
                        id: string;
                        /** @description Same as `id` */
                        apiKey: string;
                        tenantId: string;
                        name: string;
                        /**
                         * @description A test-mode pair sees and manages only test-mode objects
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        permissions: string[];
                        /** @description The first 12 characters of the secret, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                email?: string;
                externalId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            email: string;
                            name: string;
                            externalId: string | null;
                            /** @enum {string} */
                            status: "active" | "disabled";
                            /** @description Whether the user can sign in with a password (never the password) */
                            hasPassword: boolean;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    name: string;
                    /** @description Hashed with argon2id; never shown again */
                    password?: string;
                    /** @description The user's id in the platform's own user system (the hand-off links by it) */
                    externalId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        externalId: string | null;
                        /** @enum {string} */
                        status: "active" | "disabled";
                        /** @description Whether the user can sign in with a password (never the password) */
                        hasPassword: boolean;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        externalId: string | null;
                        /** @enum {string} */
                        status: "active" | "disabled";
                        /** @description Whether the user can sign in with a password (never the password) */
                        hasPassword: boolean;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        memberships: {
                            /** @description The workspace: use it as `x-workspace-id` */
                            tenantId: string;
                            tenantName: string;
                            /** @enum {string} */
                            tenantStatus: "active" | "suspended";
                            /** @enum {string} */
                            role: "owner" | "manager" | "developer" | "viewer";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string;
                    name?: string;
                    /** @description null removes the password */
                    password?: string | null;
                    externalId?: string | null;
                    /** @enum {string} */
                    status?: "active" | "disabled";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        externalId: string | null;
                        /** @enum {string} */
                        status: "active" | "disabled";
                        /** @description Whether the user can sign in with a password (never the password) */
                        hasPassword: boolean;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    endUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            userId: string;
                            tenantId: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "owner" | "manager" | "developer" | "viewer";
                            /** @enum {string} */
                            userStatus: "active" | "disabled";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    addMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                    /** @enum {string} */
                    role: "owner" | "manager" | "developer" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        tenantId: string;
                        email: string;
                        name: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        userStatus: "active" | "disabled";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "owner" | "manager" | "developer" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        tenantId: string;
                        email: string;
                        name: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        userStatus: "active" | "disabled";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            tenantId: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "manager" | "developer" | "viewer";
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            expiresAt: string;
                            acceptedAt: string | null;
                            acceptedBy: string | null;
                            revokedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "manager" | "developer" | "viewer";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        status: "pending" | "accepted" | "revoked" | "expired";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        expiresAt: string;
                        acceptedAt: string | null;
                        acceptedBy: string | null;
                        revokedAt: string | null;
                        /** @description Shown once */
                        token: string;
                        /** @description The link to hand on; shown once */
                        url: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        status: "pending" | "accepted" | "revoked" | "expired";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        expiresAt: string;
                        acceptedAt: string | null;
                        acceptedBy: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createConsoleSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user: {
                        externalId: string;
                        /** Format: email */
                        email: string;
                        name: string;
                    };
                    /** @enum {string} */
                    role: "owner" | "manager" | "developer" | "viewer";
                    /** @description Where the console opens (default `/console`) */
                    returnTo?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        expiresAt: string;
                        userId: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            name: string;
                            externalId: string | null;
                            /** @enum {string} */
                            status: "active" | "disabled";
                            /** @description Whether the user can sign in with a password (never the password) */
                            hasPassword: boolean;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        };
                        memberships: {
                            /** @description The workspace: use it as `x-workspace-id` */
                            tenantId: string;
                            tenantName: string;
                            /** @enum {string} */
                            tenantStatus: "active" | "suspended";
                            /** @enum {string} */
                            role: "owner" | "manager" | "developer" | "viewer";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /** @description The role's management permissions in this workspace */
                            permissions: string[];
                            /** @description Permissions on test-mode objects only */
                            testModePermissions: string[];
                            /** @description The role may read every resource of the workspace */
                            readsEverything: boolean;
                            /** @description Scope patterns the user's personal tokens may use in this workspace (`*` anywhere) */
                            runtimeScopes: string[];
                        }[];
                        /** @description Send as `X-CSRF-Token` with every state-changing request */
                        csrfToken: string;
                        session: {
                            id: string;
                            /** @enum {string} */
                            method: "password" | "handoff" | "invitation";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description The absolute end, whatever the use
                             */
                            expiresAt: string;
                            /**
                             * Format: date-time
                             * @description The end if the session is not used again
                             */
                            idleExpiresAt: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            email: string;
                            name: string;
                            externalId: string | null;
                            /** @enum {string} */
                            status: "active" | "disabled";
                            /** @description Whether the user can sign in with a password (never the password) */
                            hasPassword: boolean;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        };
                        memberships: {
                            /** @description The workspace: use it as `x-workspace-id` */
                            tenantId: string;
                            tenantName: string;
                            /** @enum {string} */
                            tenantStatus: "active" | "suspended";
                            /** @enum {string} */
                            role: "owner" | "manager" | "developer" | "viewer";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /** @description The role's management permissions in this workspace */
                            permissions: string[];
                            /** @description Permissions on test-mode objects only */
                            testModePermissions: string[];
                            /** @description The role may read every resource of the workspace */
                            readsEverything: boolean;
                            /** @description Scope patterns the user's personal tokens may use in this workspace (`*` anywhere) */
                            runtimeScopes: string[];
                        }[];
                        /** @description Send as `X-CSRF-Token` with every state-changing request */
                        csrfToken: string;
                        session: {
                            id: string;
                            /** @enum {string} */
                            method: "password" | "handoff" | "invitation";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description The absolute end, whatever the use
                             */
                            expiresAt: string;
                            /**
                             * Format: date-time
                             * @description The end if the session is not used again
                             */
                            idleExpiresAt: string;
                        };
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listMySessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            method: "password" | "handoff" | "invitation";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            lastSeenAt: string;
                            /**
                             * Format: date-time
                             * @description The absolute end of the session
                             */
                            expiresAt: string;
                            ip: string | null;
                            userAgent: string | null;
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    signOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: number;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    openConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    name?: string;
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenantId: string;
                        userId: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        signedIn: boolean;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listPersonalTokens: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @description The token's scopes; in each workspace narrowed by the role and the plan */
                            scopes: string[];
                            /** @description The first 12 characters of the token, safe to show */
                            displayPrefix: string;
                            /** @enum {string} */
                            status: "active" | "expired" | "revoked";
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createPersonalToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scopes: string[];
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description The token's scopes; in each workspace narrowed by the role and the plan */
                        scopes: string[];
                        /** @description The first 12 characters of the token, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description Shown once */
                        token: string;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getPersonalToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description The token's scopes; in each workspace narrowed by the role and the plan */
                        scopes: string[];
                        /** @description The first 12 characters of the token, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokePersonalToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description The token's scopes; in each workspace narrowed by the role and the plan */
                        scopes: string[];
                        /** @description The first 12 characters of the token, safe to show */
                        displayPrefix: string;
                        /** @enum {string} */
                        status: "active" | "expired" | "revoked";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listPersonalTokenRequests: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Optional when you belong to one workspace */
                workspaceId?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            at: string;
                            method: string | null;
                            path: string | null;
                            status: number;
                            outcome: string;
                            latencyMs: number;
                            ip: string | null;
                            rateLimited: boolean;
                            tenantId: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The API key or access token the caller presented */
                    key: string;
                    /** @description Scopes the call needs */
                    scopes?: string[];
                    method?: string;
                    path?: string;
                    ip?: string;
                    /** @description Usage credits the call spends of an API key that counts them (default 0: not counted); too few left answers `usage_exceeded` */
                    consume?: number;
                    /** @description For a personal access token: the workspace (tenant id) the call acts in, from the caller's `x-workspace-id`; may be omitted when the token's user belongs to one workspace */
                    workspaceId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        valid: true;
                        /** @enum {string} */
                        credentialType: "api_key";
                        tenantId: string;
                        keyId: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        /** @description Effective scopes: granted ∩ plan now ∩ mode, expanded by implies */
                        readonly scopes: string[];
                        /** @description The key's meta, as set at creation or by an update; null when it has none */
                        meta: {
                            [key: string]: unknown;
                        } | null;
                        /** @description The platform's own id of the key's owner; null when unset */
                        externalId: string | null;
                        /** @description Usage credits left after this call, when the call spent some (`consume`) of a key that counts them */
                        remaining?: number;
                        ratelimit: {
                            limit: number;
                            remaining: number;
                            resetSeconds: number;
                        };
                    } | {
                        /** @enum {boolean} */
                        valid: true;
                        /** @enum {string} */
                        credentialType: "access_token";
                        tenantId: string;
                        /** @description The client the token was issued to */
                        clientId: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Effective scopes: granted ∩ plan now ∩ mode, expanded by implies */
                        readonly scopes: string[];
                        ratelimit: {
                            limit: number;
                            remaining: number;
                            resetSeconds: number;
                        };
                    } | {
                        /** @enum {boolean} */
                        valid: true;
                        /** @enum {string} */
                        credentialType: "personal_token";
                        /** @description The workspace the call acts in */
                        tenantId: string;
                        /** @description The token's owner */
                        userId: string;
                        tokenId: string;
                        /**
                         * @description The owner's role in the workspace
                         * @enum {string}
                         */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @description Effective scopes: the token's ∩ what the owner's role allows ∩ the workspace's plan now */
                        readonly scopes: string[];
                        ratelimit: {
                            limit: number;
                            remaining: number;
                            resetSeconds: number;
                        };
                    } | {
                        /** @enum {boolean} */
                        valid: false;
                        /** @enum {string} */
                        code: "malformed" | "not_found" | "revoked" | "rolled" | "expired" | "tenant_suspended" | "ip_not_allowed" | "insufficient_scope" | "rate_limited" | "usage_exceeded" | "wrong_issuer" | "workspace_required" | "workspace_not_allowed";
                        /** @enum {string} */
                        credentialType?: "api_key" | "access_token" | "personal_token";
                        tenantId?: string;
                        keyId?: string;
                        clientId?: string;
                        userId?: string;
                        tokenId?: string;
                        missingScopes?: string[];
                        retryAfterSeconds?: number;
                        ratelimit?: {
                            limit: number;
                            remaining: number;
                            resetSeconds: number;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    whoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        credentialType: "api_key";
                        tenantId: string;
                        keyId: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        type: "secret" | "restricted";
                        scopes: string[];
                    } | {
                        /** @enum {string} */
                        credentialType: "access_token";
                        tenantId: string;
                        clientId: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        scopes: string[];
                    } | {
                        /** @enum {string} */
                        credentialType: "personal_token";
                        /** @description The workspace the call acts in */
                        tenantId: string;
                        userId: string;
                        tokenId: string;
                        /** @enum {string} */
                        role: "owner" | "manager" | "developer" | "viewer";
                        /** @enum {string} */
                        mode: "live" | "test";
                        scopes: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                since?: string;
                until?: string;
                keyId?: string;
                /** @description `valid`, or the refusal code the call was answered with */
                outcome?: "valid" | "malformed" | "not_found" | "revoked" | "rolled" | "expired" | "tenant_suspended" | "ip_not_allowed" | "insufficient_scope" | "rate_limited" | "usage_exceeded" | "wrong_issuer" | "workspace_required" | "workspace_not_allowed";
                /** @description The HTTP status answered */
                status?: number;
                rateLimited?: "true" | "false";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            at: string;
                            credentialId: string;
                            credentialType: string;
                            method: string | null;
                            path: string | null;
                            status: number;
                            outcome: string;
                            latencyMs: number;
                            ip: string | null;
                            rateLimited: boolean;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listActivity: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                since?: string;
                until?: string;
                action?: string;
                /** @description Rows by one actor (`user:usr_…`) or one kind of actor (`system`, `platform_key`) */
                actor?: string;
                /** @description Rows about objects of this mode, and rows about objects of neither (members, the tenant itself) */
                mode?: "live" | "test";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            at: string;
                            actor: {
                                type: string;
                                id: string | null;
                                ip: string | null;
                            };
                            action: string;
                            target: {
                                type: string;
                                id: string;
                            };
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listPlatformActivity: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                since?: string;
                until?: string;
                action?: string;
                /** @description Rows by one actor (`user:usr_…`) or one kind of actor (`system`, `platform_key`) */
                actor?: string;
                /** @description Rows about objects of this mode, and rows about objects of neither (members, the tenant itself) */
                mode?: "live" | "test";
                /** @description One tenant's rows; `platform` for the rows outside every tenant */
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: number;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            at: string;
                            actor: {
                                type: string;
                                id: string | null;
                                ip: string | null;
                            };
                            action: string;
                            target: {
                                type: string;
                                id: string;
                            };
                            details: {
                                [key: string]: unknown;
                            };
                            /** @description The tenant the row belongs to; null for platform-level rows */
                            tenantId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description The width of each bucket */
                interval?: "minute" | "hour" | "day";
                since?: string;
                until?: string;
                /** @description One credential's calls (an API key, a client or a personal token); the whole tenant's without */
                keyId?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        interval: "minute" | "hour" | "day";
                        /**
                         * Format: date-time
                         * @description The first bucket's start
                         */
                        since: string;
                        /**
                         * Format: date-time
                         * @description The last bucket's end (exclusive)
                         */
                        until: string;
                        /** @description Every bucket of the window, oldest first; those without calls are zeros */
                        buckets: {
                            /**
                             * Format: date-time
                             * @description The bucket's first instant (UTC)
                             */
                            start: string;
                            /** @description Every verified call in the bucket */
                            total: number;
                            /** @description Calls per outcome: valid, or the code of the refusal */
                            outcomes: {
                                valid: number;
                                malformed: number;
                                not_found: number;
                                revoked: number;
                                rolled: number;
                                expired: number;
                                tenant_suspended: number;
                                ip_not_allowed: number;
                                insufficient_scope: number;
                                rate_limited: number;
                                usage_exceeded: number;
                                wrong_issuer: number;
                                workspace_required: number;
                                workspace_not_allowed: number;
                            };
                            /** @description Calls refused for the rate limit (the same as outcomes.rate_limited) */
                            rateLimited: number;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhookEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            type: string;
                            description: string;
                            /** @enum {string} */
                            source: "portcullis" | "platform";
                        }[];
                    };
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only the endpoints of this mode */
                mode?: "live" | "test";
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            tenantId: string;
                            url: string;
                            description: string;
                            /**
                             * @description The endpoint receives events of this mode only
                             * @enum {string}
                             */
                            mode: "live" | "test";
                            /** @description Event types and prefix patterns (`key.*`, `*`) it subscribes to */
                            events: string[];
                            disabled: boolean;
                            disabledAt: string | null;
                            /** @description `manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long) */
                            disabledReason: string | null;
                            /** @description Until then, after a rotation, deliveries are signed with the previous secret too */
                            previousSecretExpiresAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: string[];
                    /**
                     * @description Default: the caller's mode when it is confined to one (a test credential), else live
                     * @enum {string}
                     */
                    mode?: "live" | "test";
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        url: string;
                        description: string;
                        /**
                         * @description The endpoint receives events of this mode only
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        /** @description Event types and prefix patterns (`key.*`, `*`) it subscribes to */
                        events: string[];
                        disabled: boolean;
                        disabledAt: string | null;
                        /** @description `manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long) */
                        disabledReason: string | null;
                        /** @description Until then, after a rotation, deliveries are signed with the previous secret too */
                        previousSecretExpiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        /** @description The `whsec_…` signing secret. Shown once, in this response only. */
                        secret: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        url: string;
                        description: string;
                        /**
                         * @description The endpoint receives events of this mode only
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        /** @description Event types and prefix patterns (`key.*`, `*`) it subscribes to */
                        events: string[];
                        disabled: boolean;
                        disabledAt: string | null;
                        /** @description `manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long) */
                        disabledReason: string | null;
                        /** @description Until then, after a rotation, deliveries are signed with the previous secret too */
                        previousSecretExpiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: string[];
                    description?: string;
                    /** @description Enabling forgets past failures */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        url: string;
                        description: string;
                        /**
                         * @description The endpoint receives events of this mode only
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        /** @description Event types and prefix patterns (`key.*`, `*`) it subscribes to */
                        events: string[];
                        disabled: boolean;
                        disabledAt: string | null;
                        /** @description `manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long) */
                        disabledReason: string | null;
                        /** @description Until then, after a rotation, deliveries are signed with the previous secret too */
                        previousSecretExpiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default 86400 */
                    gracePeriodSeconds?: number;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        tenantId: string;
                        url: string;
                        description: string;
                        /**
                         * @description The endpoint receives events of this mode only
                         * @enum {string}
                         */
                        mode: "live" | "test";
                        /** @description Event types and prefix patterns (`key.*`, `*`) it subscribes to */
                        events: string[];
                        disabled: boolean;
                        disabledAt: string | null;
                        /** @description `manual` (PATCH), `gone` (the endpoint answered 410) or `failing` (failing for too long) */
                        disabledReason: string | null;
                        /** @description Until then, after a rotation, deliveries are signed with the previous secret too */
                        previousSecretExpiresAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        /** @description The `whsec_…` signing secret. Shown once, in this response only. */
                        secret: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        endpointId: string;
                        /** @description The `webhook-id` header: the same on every attempt */
                        eventId: string;
                        eventType: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        status: "pending" | "succeeded" | "failed";
                        attemptCount: number;
                        nextAttemptAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        attempts: {
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            attemptedAt: string;
                            /** @description null: no response (refused, timed out, address refused) */
                            statusCode: number | null;
                            latencyMs: number;
                            /** @description The first 1 KiB of the response body */
                            responseExcerpt: string | null;
                            error: string | null;
                        }[];
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
                endpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            endpointId: string;
                            /** @description The `webhook-id` header: the same on every attempt */
                            eventId: string;
                            eventType: string;
                            /** @enum {string} */
                            mode: "live" | "test";
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed";
                            attemptCount: number;
                            nextAttemptAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            updatedAt: string;
                            attempts: {
                                /**
                                 * Format: date-time
                                 * @description ISO-8601 date-time
                                 */
                                attemptedAt: string;
                                /** @description null: no response (refused, timed out, address refused) */
                                statusCode: number | null;
                                latencyMs: number;
                                /** @description The first 1 KiB of the response body */
                                responseExcerpt: string | null;
                                error: string | null;
                            }[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        endpointId: string;
                        /** @description The `webhook-id` header: the same on every attempt */
                        eventId: string;
                        eventType: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /** @enum {string} */
                        status: "pending" | "succeeded" | "failed";
                        attemptCount: number;
                        nextAttemptAt: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        updatedAt: string;
                        attempts: {
                            /**
                             * Format: date-time
                             * @description ISO-8601 date-time
                             */
                            attemptedAt: string;
                            /** @description null: no response (refused, timed out, address refused) */
                            statusCode: number | null;
                            latencyMs: number;
                            /** @description The first 1 KiB of the response body */
                            responseExcerpt: string | null;
                            error: string | null;
                        }[];
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type: string;
                    /** @enum {string} */
                    mode: "live" | "test";
                    data: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The `webhook-id` of its deliveries */
                        id: string;
                        type: string;
                        /** @enum {string} */
                        mode: "live" | "test";
                        /**
                         * Format: date-time
                         * @description ISO-8601 date-time
                         */
                        createdAt: string;
                    };
                };
            };
            /** @description The body cannot be read: not valid JSON, or a JSON body declared but empty */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is over the configured limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details with a stable `code` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        code: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description application/x-www-form-urlencoded parameters (RFC 6749 §4.4.2) */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        expires_in: number;
                        scope: string;
                        /** @description authorization_code and refresh_token grants: the next refresh token (rotated on every use) */
                        refresh_token?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
        };
    };
    introspectToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description application/x-www-form-urlencoded parameters (RFC 6749 §4.4.2) */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description application/x-www-form-urlencoded parameters (RFC 6749 §4.4.2) */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
        };
    };
    authorize: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent screen (text/html) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description To the sign-in page, or back to the client with an error */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An unknown client or redirect URI (text/html); never redirected */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    authorizeDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused` */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The consent form: the request parameters, csrf_token, tenant_id and decision */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": unknown;
            };
        };
        responses: {
            /** @description Back to the client with code, state and iss, or error=access_denied */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An unknown client or redirect URI, or a form that cannot be read (text/html) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Not signed in (text/html) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Cross-site post, or the role may not approve (text/html) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description A form over the body limit (text/html) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description A body that is not a form (text/html) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    registerClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description RFC 7591 §2 client metadata */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description RFC 7591 §3.2.1 client information response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        client_id: string;
                        /** @description Shown once; absent for token_endpoint_auth_method `none` and `private_key_jwt` */
                        client_secret?: string;
                        client_id_issued_at: number;
                        /** @description 0: the secret does not expire */
                        client_secret_expires_at?: number;
                        client_name: string;
                        redirect_uris: string[];
                        grant_types: string[];
                        response_types: string[];
                        token_endpoint_auth_method: string;
                        scope: string;
                        logo_uri?: string;
                        client_uri?: string;
                        /** @description private_key_jwt: the public keys registered, as stored */
                        jwks?: {
                            keys: ({
                                kty: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        };
                        /** @description private_key_jwt: where the client publishes its public keys */
                        jwks_uri?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description: string;
                    };
                };
            };
        };
    };
}
