import type { VerifyFailureCode } from './result.ts';

/**
 * What each verify refusal means and what the platform's API (and its caller) does about it: the refusal rows
 * of the served error reference (`/docs/errors`). `test/services/refusal-docs.test.ts` fails when a code lacks
 * its entry, and the type does too.
 */
export const refusalDocs = {
  malformed: {
    meaning:
      'The credential is not one this deployment could have issued: the checksum of an API key fails, or an access token cannot be read, is not signed by a current key, is for another audience or is not yet valid.',
    remedy: 'Answer 401. The caller checks the credential was copied whole and belongs to this platform.',
  },
  not_found: {
    meaning: 'A well-formed API key that no tenant holds.',
    remedy: 'Answer 401. The caller uses a key issued to them; a deleted or mistyped key never comes back.',
  },
  revoked: {
    meaning: 'The key or token was revoked.',
    remedy: 'Answer 401. The caller asks the tenant for a new key or gets a new token.',
  },
  rolled: {
    meaning:
      'The key was rolled and this is its previous secret, whose grace period has ended (the key shows when in `previousSecretExpiresAt`).',
    remedy: 'Answer 401. The caller switches to the new secret the roll answered (the tenant has it).',
  },
  usage_exceeded: {
    meaning:
      'The key counts usage credits and has fewer left than the call asked to consume (`consume`); nothing was spent.',
    remedy:
      'Answer 429. The caller waits for the next refill (if the key has one) or asks the tenant to add credits.',
  },
  expired: {
    meaning: 'The key passed its `expiresAt`, or the access token its `exp`.',
    remedy: 'Answer 401. The caller gets a new token (client credentials) or asks for a new key.',
  },
  tenant_suspended: {
    meaning:
      'The tenant that owns the credential is suspended, or is on a plan the configuration no longer defines (the server warns of those as it starts).',
    remedy:
      'Answer 401. Nothing the caller can change; the platform resumes the tenant, or restores its plan or moves it to another.',
  },
  ip_not_allowed: {
    meaning: 'The key has an IP allowlist and the `ip` sent to verify is not on it.',
    remedy:
      'Answer 403. Send the caller’s real address as `ip` (behind a proxy, the client address it forwards). The caller calls from an allowed address.',
  },
  insufficient_scope: {
    meaning:
      'The credential is valid but its effective scopes do not cover every scope asked for; `missingScopes` names them.',
    remedy:
      'Answer 403, with `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750 §3.1). The caller uses a key with those scopes, or the tenant’s plan must entitle them.',
  },
  rate_limited: {
    meaning:
      'The credential used up its plan’s requests per minute; `retryAfterSeconds` says when the next call is allowed.',
    remedy: 'Answer 429 with `Retry-After: <retryAfterSeconds>`. The caller waits that long.',
  },
  wrong_issuer: {
    meaning: 'An access token signed by this deployment for another issuer (another public URL).',
    remedy: 'Answer 401. The caller gets its token from this deployment’s token endpoint.',
  },
  workspace_required: {
    meaning:
      'A personal access token whose user belongs to several workspaces, and the call did not name one.',
    remedy: 'Answer 400. The caller names the workspace with `x-workspace-id`; pass it on as `workspaceId`.',
  },
  workspace_not_allowed: {
    meaning: 'A personal access token used in a workspace its user is not a member of.',
    remedy: 'Answer 403. The caller names one of their own workspaces.',
  },
} as const satisfies Record<VerifyFailureCode, { meaning: string; remedy: string }>;
