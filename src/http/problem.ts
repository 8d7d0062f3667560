import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { redactCredentials } from '../core/credential-format.ts';
import {
  type ErrorCode,
  errorRegistry,
  isPortcullisError,
  PortcullisError,
  problemType,
} from '../core/errors.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const PROBLEM_MEMBERS = ['type', 'title', 'status', 'code'];

interface DocumentedResponse {
  content?: Record<string, { schema?: { required?: unknown } } | undefined>;
}

/**
 * Declares the media type problems are sent with (`application/problem+json`, RFC 9457 §3) on every error
 * response of the API description whose schema is a problem document; route schemas can only say JSON.
 */
export function documentProblemMediaType<Document extends { paths?: object | undefined }>(
  document: Document,
): Document {
  for (const item of Object.values(document.paths ?? {}) as Record<string, unknown>[]) {
    for (const operation of Object.values(item ?? {}) as {
      responses?: Record<string, DocumentedResponse>;
    }[]) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (Number(status) < 400) continue;
        // Under whatever the route produces (JSON, or the metrics' text format), a problem is a problem.
        const problem = Object.values(response.content ?? {}).find((media) => {
          const required = media?.schema?.required;
          return Array.isArray(required) && PROBLEM_MEMBERS.every((member) => required.includes(member));
        });
        if (problem) response.content = { 'application/problem+json': problem };
      }
    }
  }
  return document;
}

/** What the body reader refuses before a route runs: unreadable (400), over the limit (413), another type (415). */
const BODY_REFUSALS = {
  400: 'The body cannot be read: not valid JSON, or a JSON body declared but empty',
  413: 'The body is over the configured limit',
  415: 'The body is not `application/json`',
} as const;

interface DocumentedOperation {
  requestBody?: unknown;
  responses?: Record<string, DocumentedResponse & { description?: string }>;
}

/**
 * Declares, on every operation a client sends a body to (POST, PUT, PATCH, or one with a request body), the
 * problems the body reader answers before any route schema applies, where the route does not name them
 * itself. Runs after `documentProblemMediaType`: the problem schema is the one the routes' own error responses
 * use. The OAuth endpoints answer these in their own form and declare them in their routes.
 */
export function documentBodyRefusals<Document extends { paths?: object | undefined }>(
  document: Document,
): Document {
  const items = Object.entries(document.paths ?? {}) as [string, Record<string, DocumentedOperation>][];
  const problem = items
    .flatMap(([, item]) => Object.values(item ?? {}))
    .flatMap((operation) => Object.values(operation?.responses ?? {}))
    .map((response) => response.content?.['application/problem+json'])
    .find((media) => media !== undefined);
  if (!problem) return document;
  for (const [path, item] of items) {
    if (path.startsWith('/api/v1/platform/oauth/')) continue;
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!operation?.responses) continue;
      if (!['post', 'put', 'patch'].includes(method) && operation.requestBody === undefined) continue;
      for (const [status, description] of Object.entries(BODY_REFUSALS)) {
        operation.responses[status] ??= { description, content: { 'application/problem+json': problem } };
      }
    }
  }
  return document;
}

/** The RFC 9457 document of an error. The detail is always one of our own fixed sentences. */
export function problemBody(error: PortcullisError): Record<string, unknown> {
  return {
    type: problemType(error.code),
    title: errorRegistry[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...error.extensions,
  };
}

/**
 * The headers a problem is sent with: its own, and for a 403 `insufficient_scope` the RFC 6750 §3.1 challenge
 * naming the scope the request needs, for both schemes a management credential travels in.
 */
export function problemHeaders(error: PortcullisError): Record<string, string> {
  if (error.code !== 'insufficient_scope' || error.headers['www-authenticate'] !== undefined)
    return error.headers;
  const missing = error.extensions.missingScopes;
  const scope = Array.isArray(missing) && missing.length > 0 ? `, scope="${missing.join(' ')}"` : '';
  const params = `realm="portcullis", error="insufficient_scope"${scope}`;
  return { ...error.headers, 'www-authenticate': `Bearer ${params}, ApiKey ${params}` };
}

export function sendProblem(reply: FastifyReply, error: PortcullisError): FastifyReply {
  for (const [name, value] of Object.entries(problemHeaders(error))) reply.header(name, value);
  return reply
    .code(error.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .serializer(JSON.stringify)
    .send(problemBody(error));
}

/**
 * `validation_failed` naming each bad field (`body.scopes.0`). Zod quotes unknown field names; redaction
 * keeps a key sent as a field name out of the answer.
 */
export function validationProblem(
  where: string,
  issues: readonly { path: string; message: string | undefined }[],
): PortcullisError {
  const errors = issues.map((issue) => ({
    field: redactCredentials(`${where}${issue.path}`.replace(/\.$/, '')),
    message: redactCredentials(issue.message ?? 'is not valid'),
  }));
  const first = errors[0];
  return new PortcullisError('validation_failed', first ? `${first.field}: ${first.message}` : undefined, {
    extensions: { errors },
  });
}

function fromFrameworkError(error: FastifyError): PortcullisError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return validationProblem(
      error.validationContext ?? 'body',
      error.validation.map((issue) => ({
        path: issue.instancePath.replaceAll('/', '.'),
        message: issue.message,
      })),
    );
  }
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'bad_request',
    404: 'not_found',
    405: 'method_not_allowed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
  };
  const code = error.statusCode === undefined ? undefined : byStatus[error.statusCode];
  if (code === 'bad_request') return new PortcullisError(code, 'the request body is not valid JSON');
  if (code) return new PortcullisError(code);
  return new PortcullisError('internal_error', 'something went wrong', { cause: error });
}

/** The one error handler: known errors become problems; anything else is logged and answered as 500. */
export function handleError(
  error: FastifyError | PortcullisError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const problem = isPortcullisError(error) ? error : fromFrameworkError(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return sendProblem(reply, problem);
}
