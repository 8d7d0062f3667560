import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isPortcullisError } from '../../core/errors.ts';

/** RFC 6749 §5.2 error codes, plus RFC 8707's `invalid_target`. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'unsupported_token_type'
  /** Too many failed client authentications: answered 429 with `Retry-After` (RFC 6585 §4). */
  | 'temporarily_unavailable';

/** An OAuth error answered as `{error, error_description}`, never as problem+json. */
export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;
  /** `WWW-Authenticate` on a 401 when the client tried HTTP Basic (RFC 6749 §5.2). */
  readonly challenge: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    error: OAuthErrorCode,
    description: string,
    options: { status?: number; basic?: boolean; retryAfterSeconds?: number } = {},
  ) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.status = options.status ?? (error === 'invalid_client' ? 401 : 400);
    // Only a 401 challenges: a scope or grant refusal is not fixed by other credentials.
    this.challenge =
      options.basic && this.status === 401 ? 'Basic realm="portcullis", charset="UTF-8"' : undefined;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The answer to a client whose authentication is throttled after repeated failures. */
export function throttledClient(retryAfterSeconds: number): OAuthError {
  return new OAuthError('temporarily_unavailable', 'too many failed client authentications; retry later', {
    status: 429,
    retryAfterSeconds,
  });
}

export function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error.challenge) reply.header('www-authenticate', error.challenge);
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ error: error.error, error_description: error.message });
}

/** The OAuth endpoints' error handler: every failure, including body parsing, in RFC 6749 form. */
export function handleOAuthError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof OAuthError) return sendOAuthError(reply, error);
  if (isPortcullisError(error) && error.status < 500) {
    return sendOAuthError(reply, new OAuthError('invalid_request', error.detail));
  }
  const status = 'statusCode' in error ? error.statusCode : undefined;
  if (status === 413)
    return sendOAuthError(
      reply,
      new OAuthError('invalid_request', 'the request body is too large', { status: 413 }),
    );
  if (status === 415) {
    return sendOAuthError(
      reply,
      new OAuthError('invalid_request', 'the body must be application/x-www-form-urlencoded', {
        status: 415,
      }),
    );
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return sendOAuthError(reply, new OAuthError('invalid_request', 'the request could not be read'));
  }
  request.log.error({ err: error }, 'oauth request failed');
  return reply
    .code(500)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: 'server_error', error_description: 'something went wrong' });
}
