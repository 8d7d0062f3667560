import type { ErrorCode } from './errors.ts';

/**
 * What a caller does about each problem code: the "what to do" column of the served error reference
 * (`/docs/errors`). Kept beside the registry's status and title; `test/core/error-docs.test.ts` fails when a
 * code lacks its entry, and the type does too.
 */
export const errorRemedies = {
  validation_failed:
    'Fix the request: `errors` lists each field the request’s shape got wrong as `{ field, message }` (`body.scopes.0`), or `field` names the one a rule refused (`meta`). An unknown scope is named in `unknownScopes`; read the vocabulary at `GET /api/v1/scopes`.',
  bad_request:
    'Send well-formed JSON (or a valid form body on the OAuth endpoints) and a percent-encoded path. Do not resend the same bytes.',
  credential_in_query:
    'Move the credential into a header: `Authorization: Bearer <key>` (or `ApiKey <key>`), or `X-Api-Key` with `X-Api-Secret`. A credential that was sent in a URL may be in logs; roll it.',
  payload_too_large: 'Send a smaller body; the limit is the server’s `server.bodyLimitBytes`.',
  headers_too_large: 'Send fewer or shorter headers (cookies are the usual cause).',
  request_timeout: 'Send the whole request promptly; retry it on a new connection.',
  unsupported_media_type:
    'Send the body as `Content-Type: application/json` (the OAuth endpoints take `application/x-www-form-urlencoded`).',
  workspace_required:
    'The personal access token works in several workspaces: name the one this call acts in with the `x-workspace-id` header (or `workspaceId` in the verify body).',
  invalid_credential:
    'Send a credential that is valid now: check it was copied whole, is not revoked or expired, and belongs to this deployment. `WWW-Authenticate` says which scheme the route takes; `error="invalid_token"` means one was sent and refused.',
  insufficient_scope:
    'Use a credential that holds the scope or permission the problem names, or ask an admin to grant it. A restricted key can be replaced by one with the right scopes.',
  plan_required:
    'The tenant’s plan does not entitle the scope named in `scope`; `plans` lists the plans that do. Upgrade the tenant’s plan or ask for a scope the plan includes.',
  ip_not_allowed: 'Call from an address on the key’s IP allowlist, or have an admin add this address to it.',
  tenant_suspended:
    'The tenant was suspended by the platform. Contact the platform; nothing can be changed until it is resumed.',
  workspace_not_allowed:
    'The token’s user is not a member of the workspace named by `x-workspace-id`. Name one of the user’s workspaces or ask to be added.',
  csrf_refused:
    'Requests made with the console’s session cookie must come from the console page. Automation should use a management key pair or a machine client instead of a cookie.',
  not_found:
    'Check the path and the ids in it. An object of another tenant, or of the other mode for a test-mode credential, is also answered as not found.',
  method_not_allowed: 'Use one of the methods the `Allow` header lists for this path.',
  conflict:
    'Read the object again and retry with a change that fits its current state (the detail says what conflicts).',
  key_limit_reached:
    'Revoke a key the tenant no longer uses, or move the tenant to a plan with a higher `maxActiveKeys` (`GET /api/v1/plans`).',
  idempotency_key_in_use:
    'A request with the same `Idempotency-Key` is still being answered. Wait for it and retry; the stored answer is then replayed.',
  idempotency_key_reused:
    'An `Idempotency-Key` belongs to one request body and path. Use a new key for a different request.',
  rate_limited:
    'Wait the number of seconds in `Retry-After`, then retry. Spread calls out or ask for a plan with a higher limit.',
  internal_error: 'Retry later. If it persists, the operator finds the cause in the server log.',
  service_unavailable:
    'The node is starting, shutting down or cannot reach its database. Retry shortly, on another node if there is one.',
  config_invalid:
    'For the operator: fix the configuration file or environment the message names, then start the server again.',
} as const satisfies Record<ErrorCode, string>;
