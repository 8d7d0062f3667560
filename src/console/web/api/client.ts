import createClient from 'openapi-fetch';
import type { paths } from './openapi';
import { ApiError, type Problem } from './problem.ts';

/**
 * The console's one way to the server: the public `/api/v1` routes, typed from `/openapi.json`. The session
 * cookie rides along by itself; state-changing requests add what the server's CSRF check asks for.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfToken: string | null = null;

/** Set from `GET /api/v1/session` (and sign-in); sent as `X-CSRF-Token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

api.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method)) {
      request.headers.set('x-requested-with', 'XMLHttpRequest');
      if (csrfToken) request.headers.set('x-csrf-token', csrfToken);
    }
    return request;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful answer, or an `ApiError` carrying the problem document. Every query and mutation
 * goes through this, so pages handle one error type.
 */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  throw new ApiError(response.status, asProblem(error, response));
}

function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'code' in error) return error as Problem;
  if (error && typeof error === 'object' && 'error' in error) {
    // OAuth endpoints answer RFC 6749 errors.
    const oauth = error as { error: string; error_description?: string };
    return {
      type: 'about:blank',
      title: oauth.error,
      status: response.status,
      detail: oauth.error_description ?? oauth.error,
      code: oauth.error,
    };
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status}.`,
    code: 'unexpected_response',
  };
}
