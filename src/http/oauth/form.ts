import type { FastifyInstance, FastifyRequest } from 'fastify';
import { redactCredentials } from '../../core/credential-format.ts';
import { OAuthError } from './errors.ts';

const FORM = 'application/x-www-form-urlencoded';
const FORM_BODY_LIMIT = 16 * 1024;
/** Parameters that may repeat: RFC 8707 §2 lets a client name several resources. */
const REPEATABLE = new Set(['resource']);

/** Registers the form parser on the OAuth scope only; the rest of the API stays JSON-only. */
export function acceptForms(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    FORM,
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    },
  );
}

/** The request's form parameters. A parameter sent twice is `invalid_request` (RFC 6749 §3.1, §3.2). */
export interface OAuthForm {
  get(name: string): string | undefined;
  all(name: string): string[];
  has(name: string): boolean;
}

/** A parameter name as an error may quote it: short, and never a credential sent in its place. */
function parameterName(name: string): string {
  return redactCredentials(name).slice(0, 40);
}

export function readForm(request: FastifyRequest): OAuthForm {
  const body = request.body;
  if (!(body instanceof URLSearchParams)) {
    throw new OAuthError('invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  for (const name of new Set(body.keys())) {
    if (!REPEATABLE.has(name) && body.getAll(name).length > 1) {
      throw new OAuthError('invalid_request', `parameter "${parameterName(name)}" is repeated`);
    }
    if (body.getAll(name).some((value) => value.length > 4096)) {
      throw new OAuthError('invalid_request', `parameter "${parameterName(name)}" is too long`);
    }
  }
  return {
    // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
    get: (name) => body.get(name) || undefined,
    all: (name) => body.getAll(name).filter(Boolean),
    has: (name) => Boolean(body.get(name)),
  };
}
