import { createHash } from 'node:crypto';

/**
 * The framework-neutral part: asks Portcullis whether the credential on an incoming request may make the
 * call, and turns the answer into what your API should reply. Needs Node 18+ (global fetch). The Express,
 * Fastify and Hono files next to this one are thin adapters around `check()`.
 */

/** The status your API answers for each verify refusal code (see /docs/errors#verify-refusal-codes). */
export const STATUS_OF_REFUSAL = {
  malformed: 401,
  not_found: 401,
  revoked: 401,
  rolled: 401,
  expired: 401,
  tenant_suspended: 401,
  wrong_issuer: 401,
  ip_not_allowed: 403,
  insufficient_scope: 403,
  workspace_not_allowed: 403,
  rate_limited: 429,
  usage_exceeded: 429,
  workspace_required: 400,
};

/** Refusals that do not change from one second to the next may be cached like a valid answer. */
const CACHEABLE_REFUSALS = new Set(['malformed', 'not_found', 'revoked', 'rolled', 'expired']);

/** `Authorization: Bearer <key>` or `Authorization: ApiKey <key>`; anything else is no credential. */
export function credentialOf(authorization) {
  const match = /^(?:Bearer|ApiKey) +(\S+)$/i.exec(authorization ?? '');
  return match ? match[1] : undefined;
}

/** A refusal as an RFC 9457 problem document with the code your callers can act on. */
function problem(status, code, title, headers = {}, extra = {}) {
  return {
    allow: false,
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: { title, status, code, ...extra },
  };
}

/**
 * @param {object} options
 * @param {string} options.baseUrl   Where Portcullis listens, e.g. `http://127.0.0.1:4400`.
 * @param {string} options.platformKey  A platform key with the `verify` permission (never a `manage` one).
 * @param {number} [options.cacheTtlMs=5000]  How long an answer is reused; 0 asks Portcullis every time.
 * @param {number} [options.timeoutMs=2000]  After this, the call fails closed (503).
 * @param {number} [options.maxCacheEntries=10000]
 * @param {typeof fetch} [options.fetch]
 * @param {(error: unknown) => void} [options.onError]  Told why a call failed closed (log it; no secret in it).
 */
export function createVerifier(options) {
  const {
    baseUrl,
    platformKey,
    cacheTtlMs = 5_000,
    timeoutMs = 2_000,
    maxCacheEntries = 10_000,
    fetch = globalThis.fetch,
    onError = () => {},
  } = options;
  const endpoint = new URL('/api/v1/verify', baseUrl);
  /** SHA-256 of (key, scopes, ip) → { answer, expiresAt }. The plaintext key is never kept. */
  const cache = new Map();

  const cacheKey = (key, scopes, ip) =>
    createHash('sha256')
      .update(`${key}\n${[...scopes].sort().join(' ')}\n${ip ?? ''}`)
      .digest('base64url');

  function remember(id, answer) {
    if (cacheTtlMs <= 0) return;
    if (cache.size >= maxCacheEntries) cache.delete(cache.keys().next().value); // the oldest entry
    cache.set(id, { answer, expiresAt: Date.now() + cacheTtlMs });
  }

  /** Fails closed: Portcullis could not say yes, so the call is not let through. */
  function unavailable(error) {
    onError(error);
    return problem(503, 'verification_unavailable', 'Credentials cannot be checked right now', {
      'retry-after': '5',
    });
  }

  async function ask(key, scopes, request, consume) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${platformKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          key,
          ...(scopes.length > 0 ? { scopes } : {}),
          ...(request.ip ? { ip: request.ip } : {}),
          ...(request.method ? { method: request.method } : {}),
          ...(request.path ? { path: request.path } : {}),
          ...(request.workspaceId ? { workspaceId: request.workspaceId } : {}),
          ...(consume > 0 ? { consume } : {}),
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { answer: unavailable(error), cacheable: false }; // timeout, connection refused, DNS …
    }
    if (response.status !== 200) {
      // 5xx: Portcullis is unwell. 401/403: this server's platform key is wrong or lacks `verify`.
      // 4xx otherwise: this code sent a bad request. None of these is the caller's fault.
      await response.body?.cancel();
      return { answer: unavailable(new Error(`verify answered ${response.status}`)), cacheable: false };
    }
    const result = await response.json();
    if (result.valid) {
      const principal = {
        credentialType: result.credentialType,
        tenantId: result.tenantId,
        mode: result.mode,
        scopes: result.scopes,
        keyId: result.keyId,
        clientId: result.clientId,
        userId: result.userId,
        // What the platform stored with an API key: its own JSON and the id of its customer.
        meta: result.meta ?? null,
        externalId: result.externalId ?? null,
        // Usage credits left after this call, when it spent some.
        remaining: result.remaining,
      };
      return { answer: { allow: true, principal }, cacheable: true };
    }
    const status = STATUS_OF_REFUSAL[result.code] ?? 401; // a code this file does not know yet: refuse
    const headers = {};
    const extra = {};
    if (result.code === 'rate_limited') headers['retry-after'] = String(result.retryAfterSeconds ?? 1);
    if (result.code === 'insufficient_scope') {
      // RFC 6750 §3.1: say which scopes the call needs.
      headers['www-authenticate'] = `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"`;
      extra.missingScopes = result.missingScopes;
    }
    if (status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
    return {
      answer: problem(status, result.code, 'The credential may not make this call', headers, extra),
      cacheable: CACHEABLE_REFUSALS.has(result.code),
    };
  }

  /**
   * Decides one incoming call. `request` carries what the adapter read from it: `authorization` (the header),
   * `ip`, `method`, `path`, and `workspaceId` (from `x-workspace-id`, for personal access tokens).
   * `options.consume` spends that many of the key's usage credits: such a call always asks Portcullis, and
   * an exhausted key is refused with 429 `usage_exceeded`.
   * Resolves to `{ allow: true, principal }` or `{ allow: false, status, headers, body }`; never rejects.
   */
  async function check(request, scopes = [], options = {}) {
    const consume = options.consume ?? 0;
    const key = credentialOf(request.authorization);
    if (!key) {
      return problem(401, 'credential_missing', 'Send a key as Authorization: Bearer <key>', {
        'www-authenticate': 'Bearer',
      });
    }
    // A call that spends credits is counted by Portcullis every time: never answered from the cache.
    if (consume > 0) return (await ask(key, scopes, request, consume)).answer;
    const id = cacheKey(key, scopes, request.ip);
    const cached = cache.get(id);
    if (cached && cached.expiresAt > Date.now()) return cached.answer;
    cache.delete(id);
    const { answer, cacheable } = await ask(key, scopes, request, 0);
    if (cacheable) remember(id, answer);
    return answer;
  }

  return { check };
}
