import { createRemoteJWKSet, customFetch, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import { bearerChallenge, protectedResourceMetadataUrl } from './www-authenticate.ts';

/**
 * What a platform's API or MCP server needs to accept Portcullis credentials: check the bearer token of a
 * request for an audience and scopes, answer the right 401 / 403 with its challenge, and serve the RFC 9728
 * metadata that points clients at Portcullis.
 *
 * @example
 * ```ts
 * const guard = protectResource({
 *   issuer: 'https://auth.example.com',
 *   resource: 'https://api.example.com/mcp',
 *   verifyWith: { apiKey: process.env.PORTCULLIS_VERIFIER_KEY! }, // or omit: JWTs checked offline (JWKS)
 *   scopesSupported: ['mcp:*'],
 * });
 * const result = await guard.check(request.headers.authorization, { scopes: ['mcp:tools'] });
 * if (!result.ok) return respond(result.status, result.headers, result.body);
 * ```
 */
export interface ProtectedResourceOptions {
  /** The Portcullis deployment's issuer, e.g. `https://auth.example.com` (its `/.well-known/oauth-authorization-server` issuer). */
  issuer: string;
  /** This resource server's identifier (RFC 8707 `resource`, RFC 9728 `resource`): access tokens must name it in `aud`. */
  resource: string;
  /**
   * Verify through Portcullis (`POST /api/v1/verify`) with a platform key that may verify. Revocation and
   * uninstalling then hold from the next request, and API keys and personal tokens are accepted too. Without
   * it, access tokens are checked offline against the issuer's JWKS: faster, but a revoked token stays valid
   * until it expires.
   */
  verifyWith?: { apiKey: string; timeoutMs?: number };
  /**
   * Also take runtime API keys as `Authorization: ApiKey <key>`, for platforms that keep `Bearer` for other
   * tokens (Portcullis' `credentials.authorizationSchemes`). Needs `verifyWith`: an API key is checked only
   * through Portcullis.
   */
  apiKeyScheme?: boolean;
  /** Scopes this resource understands, for its metadata. */
  scopesSupported?: readonly string[];
  /** A human-readable name, for its metadata (RFC 9728 §2 `resource_name`). */
  resourceName?: string;
  /** Seconds of clock skew allowed on `exp` / `nbf` in offline checks. */
  clockToleranceSeconds?: number;
  /** A `fetch` to call Portcullis with (tests, proxies). */
  fetch?: typeof fetch;
}

/** Who is calling, once the credential is accepted. */
export interface Caller {
  credentialType: 'access_token' | 'api_key' | 'personal_token';
  tenantId: string;
  /** The scopes the credential holds now (through Portcullis: after plan and role; offline: as issued). */
  scopes: string[];
  /** The approving user of an installed app, or a personal token's owner. */
  subject?: string;
  clientId?: string;
  installationId?: string;
  keyId?: string;
}

export interface Refusal {
  ok: false;
  status: 400 | 401 | 403 | 429 | 503;
  /** `WWW-Authenticate` on 401 and 403, `Retry-After` on 429. */
  headers: Record<string, string>;
  /** An RFC 6750-style body: `{ error, error_description }`. */
  body: { error: string; error_description: string };
}

export type CheckResult = { ok: true; caller: Caller } | Refusal;

export interface CheckOptions {
  /** Every one of these is needed; a credential lacking one gets 403 `insufficient_scope`. */
  scopes?: readonly string[];
  /** The caller's address, for keys with an IP allowlist (through Portcullis only). */
  ip?: string;
  method?: string;
  path?: string;
  /** For personal tokens: the workspace the call acts in (`x-workspace-id`). */
  workspaceId?: string;
}

/** RFC 9728 §2: what `GET /.well-known/oauth-protected-resource[/path]` answers. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  bearer_methods_supported: string[];
  scopes_supported?: string[];
  resource_name?: string;
}

/** Does `pattern` (exact, or ending in `*`) cover `scope`, as Portcullis decides. */
function covers(pattern: string, scope: string): boolean {
  return pattern === scope || (pattern.endsWith('*') && scope.startsWith(pattern.slice(0, -1)));
}

/** The credential of an `Authorization` header in an accepted scheme; null for another form, undefined for none. */
function credentialOf(authorization: string | undefined, apiKeyScheme: boolean): string | null | undefined {
  if (authorization === undefined || authorization === '') return undefined;
  const match = /^(Bearer|ApiKey) +([\x21-\x7e]+)\s*$/i.exec(authorization);
  if (!match || (!apiKeyScheme && match[1]?.toLowerCase() === 'apikey')) return null;
  return match[2] as string;
}

export function protectResource(options: ProtectedResourceOptions) {
  if (options.apiKeyScheme && !options.verifyWith)
    throw new TypeError('apiKeyScheme needs verifyWith: API keys are checked through Portcullis');
  const apiKeyScheme = options.apiKeyScheme ?? false;
  const issuer = options.issuer.replace(/\/$/, '');
  const metadataUrl = protectedResourceMetadataUrl(options.resource);
  const resourceMetadata = metadataUrl.href;
  const doFetch = options.fetch ?? fetch;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });

  const refuse = (
    status: Refusal['status'],
    error: string,
    description: string,
    extra: { scope?: readonly string[]; retryAfter?: number } = {},
  ): Refusal => {
    const headers: Record<string, string> = {};
    if (status === 400 || status === 401 || status === 403) {
      headers['www-authenticate'] = bearerChallenge({
        error: error as 'invalid_request' | 'invalid_token' | 'insufficient_scope',
        description,
        ...(extra.scope ? { scope: extra.scope } : {}),
        resourceMetadata,
      });
    }
    if (status === 429 && extra.retryAfter !== undefined) headers['retry-after'] = String(extra.retryAfter);
    return { ok: false, status, headers, body: { error, error_description: description } };
  };

  const audienceOf = (payload: JWTPayload): string[] =>
    typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];

  async function checkOffline(token: string, check: CheckOptions): Promise<CheckResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        audience: options.resource,
        typ: 'at+jwt',
        algorithms: ['ES256'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
      }));
    } catch {
      return refuse(401, 'invalid_token', 'the access token is not valid for this resource');
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    const missing = (check.scopes ?? []).filter((needed) => !scopes.some((held) => covers(held, needed)));
    if (missing.length > 0)
      return refuse(403, 'insufficient_scope', 'the token lacks a required scope', { scope: missing });
    if (typeof payload.tenant !== 'string')
      return refuse(401, 'invalid_token', 'the access token names no tenant');
    return {
      ok: true,
      caller: {
        credentialType: 'access_token',
        tenantId: payload.tenant,
        scopes,
        ...(typeof payload.sub === 'string' ? { subject: payload.sub } : {}),
        ...(typeof payload.client_id === 'string' ? { clientId: payload.client_id } : {}),
        ...(typeof payload.installation_id === 'string' ? { installationId: payload.installation_id } : {}),
      },
    };
  }

  async function checkThroughPortcullis(
    token: string,
    check: CheckOptions,
    verifier: NonNullable<ProtectedResourceOptions['verifyWith']>,
  ): Promise<CheckResult> {
    let answer: Record<string, unknown>;
    try {
      const response = await doFetch(`${issuer}/api/v1/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${verifier.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          key: token,
          ...(check.scopes?.length ? { scopes: check.scopes } : {}),
          ...(check.ip ? { ip: check.ip } : {}),
          ...(check.method ? { method: check.method } : {}),
          ...(check.path ? { path: check.path } : {}),
          ...(check.workspaceId ? { workspaceId: check.workspaceId } : {}),
        }),
        signal: AbortSignal.timeout(verifier.timeoutMs ?? 3000),
      });
      // Anything but an answer is "cannot tell": fail closed, and say it is not the caller's fault.
      if (response.status !== 200)
        return refuse(503, 'temporarily_unavailable', 'the credential could not be checked');
      answer = (await response.json()) as Record<string, unknown>;
    } catch {
      return refuse(503, 'temporarily_unavailable', 'the credential could not be checked');
    }
    if (answer.valid !== true) {
      const code = String(answer.code);
      if (code === 'insufficient_scope') {
        const missing = Array.isArray(answer.missingScopes)
          ? (answer.missingScopes as string[])
          : check.scopes;
        return refuse(403, 'insufficient_scope', 'the credential lacks a required scope', {
          ...(missing ? { scope: missing } : {}),
        });
      }
      if (code === 'usage_exceeded')
        return refuse(429, 'usage_exceeded', 'the credential has no usage credits left');
      if (code === 'rate_limited') {
        const retryAfter =
          typeof answer.retryAfterSeconds === 'number' ? Math.ceil(answer.retryAfterSeconds) : 1;
        return refuse(429, 'rate_limited', 'too many requests for this credential', { retryAfter });
      }
      return refuse(401, 'invalid_token', `the credential is not valid (${code})`);
    }
    const credentialType = answer.credentialType as Caller['credentialType'];
    let claims: JWTPayload = {};
    if (credentialType === 'access_token') {
      // Portcullis checked the signature; the audience is this resource's to check.
      claims = decodeJwt(token);
      if (!audienceOf(claims).includes(options.resource))
        return refuse(401, 'invalid_token', 'the access token is not meant for this resource');
    }
    return {
      ok: true,
      caller: {
        credentialType,
        tenantId: String(answer.tenantId),
        scopes: Array.isArray(answer.scopes) ? (answer.scopes as string[]) : [],
        ...(typeof claims.sub === 'string' ? { subject: claims.sub } : {}),
        ...(typeof answer.userId === 'string' ? { subject: answer.userId } : {}),
        ...(typeof answer.clientId === 'string' ? { clientId: answer.clientId } : {}),
        ...(typeof claims.installation_id === 'string' ? { installationId: claims.installation_id } : {}),
        ...(typeof answer.keyId === 'string' ? { keyId: answer.keyId } : {}),
      },
    };
  }

  return {
    /** Where this resource's metadata is served (RFC 9728 §3.1). */
    metadataUrl,
    /** The document to answer at `metadataUrl`'s path. */
    metadata(): ProtectedResourceMetadata {
      return {
        resource: options.resource,
        authorization_servers: [issuer],
        bearer_methods_supported: ['header'],
        ...(options.scopesSupported ? { scopes_supported: [...options.scopesSupported] } : {}),
        ...(options.resourceName ? { resource_name: options.resourceName } : {}),
      };
    },
    /** Checks the `Authorization` header of a request; never throws. */
    async check(authorization: string | undefined, check: CheckOptions = {}): Promise<CheckResult> {
      const token = credentialOf(authorization, apiKeyScheme);
      if (token === undefined) {
        // No credential: a bare challenge, which tells an OAuth client where to start (RFC 6750 §3.1).
        return {
          ok: false,
          status: 401,
          headers: { 'www-authenticate': bearerChallenge({ resourceMetadata }) },
          body: { error: 'invalid_request', error_description: 'a bearer token is required' },
        };
      }
      if (token === null)
        return refuse(
          400,
          'invalid_request',
          apiKeyScheme
            ? 'the Authorization header is neither a bearer token nor an API key'
            : 'the Authorization header is not a bearer token',
        );
      return options.verifyWith
        ? checkThroughPortcullis(token, check, options.verifyWith)
        : checkOffline(token, check);
    },
  };
}

export type ProtectedResource = ReturnType<typeof protectResource>;
