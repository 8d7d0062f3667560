/**
 * Every failure Portcullis reports has one stable machine `code`. The registry below maps each code to its
 * HTTP status, a fixed title and a docs anchor; `test/core/errors.test.ts` fails when a code lacks either.
 * Titles and details never carry a secret, a hash or a stored row.
 */
export const errorRegistry = {
  validation_failed: { status: 422, title: 'The request is not valid' },
  bad_request: { status: 400, title: 'The request could not be read' },
  credential_in_query: { status: 400, title: 'Credentials are not accepted in the query string' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  request_timeout: { status: 408, title: 'The request did not arrive in time' },
  unsupported_media_type: { status: 415, title: 'The request body must be JSON' },
  workspace_required: {
    status: 400,
    title: 'The credential works in several workspaces: name one with `x-workspace-id` or `workspaceId`',
  },
  invalid_credential: { status: 401, title: 'The credential is missing or not valid' },
  insufficient_scope: { status: 403, title: 'The credential lacks a required scope' },
  plan_required: { status: 403, title: "The tenant's plan does not include this" },
  ip_not_allowed: { status: 403, title: "The caller's IP address is not on the allowlist" },
  tenant_suspended: { status: 403, title: 'The tenant is suspended' },
  workspace_not_allowed: { status: 403, title: "The credential's user is not a member of this workspace" },
  csrf_refused: {
    status: 403,
    title: 'A request made with the session cookie must come from the console itself',
  },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  key_limit_reached: { status: 409, title: "The plan's limit of active keys is reached" },
  idempotency_key_in_use: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used with another request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'The service is shutting down or not ready' },
  config_invalid: { status: 500, title: 'The configuration is not valid' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorRegistry;

export const errorCodes = Object.keys(errorRegistry) as ErrorCode[];

export interface ErrorOptions {
  /** Extra members of the problem document, e.g. `missingScopes` or `field`. Never a secret. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
  /** Response headers that belong to this error (`Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
}

/** The one base error. `switch (err.code)` narrows; `detail` is a fixed, non-revealing sentence. */
export class PortcullisError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: ErrorOptions = {}) {
    super(detail ?? errorRegistry[code].title, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'PortcullisError';
    this.code = code;
    this.status = errorRegistry[code].status;
    this.detail = detail ?? errorRegistry[code].title;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isPortcullisError(value: unknown): value is PortcullisError {
  return value instanceof PortcullisError;
}

/** The `type` URI of a problem document: a stable anchor in the served error reference. */
export function problemType(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}
