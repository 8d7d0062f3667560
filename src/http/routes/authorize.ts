import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isPortcullisError } from '../../core/errors.ts';
import type { SessionPrincipal } from '../../services/access/principal.ts';
import type { ServiceContext } from '../../services/context.ts';
import { approveAuthorization } from '../../services/oauth/approve.ts';
import {
  type AuthorizationParameters,
  type AuthorizationRequestCheck,
  checkAuthorizationRequest,
  installTargets,
  type ValidAuthorizationRequest,
} from '../../services/oauth/authorize.ts';
import { authenticateSession, csrfTokenMatches, csrfTokenOf } from '../../services/people/sessions.ts';
import { callerOf, readSessionCookie } from '../auth/session.ts';
import { consentPage, consentPolicy, errorPage } from '../oauth/consent-page.ts';
import { acceptForms } from '../oauth/form.ts';
import { OAUTH_PREFIX } from './oauth.ts';
import type { RouteDeps } from './types.ts';

export const AUTHORIZE_PATH = `${OAUTH_PREFIX}/authorize`;
/** The console's sign-in page; it sends the user back to `next` (a path on this origin) once signed in. */
export const SIGN_IN_PATH = '/console/sign-in';

const MAX_PARAMETER_LENGTH = 4096;
/** Parameters whose repetition makes the request unusable before the client is known (RFC 6749 §3.1). */
const IDENTIFYING = new Set(['client_id', 'redirect_uri']);

/** Parameters from a query or form: a repeated or oversized one is `invalid_request` (RFC 6749 §3.1). */
function parametersOf(search: URLSearchParams): { params: AuthorizationParameters; malformed: string[] } {
  const malformed: string[] = [];
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    if (values.length > 1 || values.some((value) => value.length > MAX_PARAMETER_LENGTH))
      malformed.push(name);
  }
  return {
    malformed,
    params: {
      // RFC 6749 §3.1: a parameter without a value is omitted; an unusable client_id or redirect_uri is absent.
      get: (name) =>
        IDENTIFYING.has(name) && malformed.includes(name) ? undefined : search.get(name) || undefined,
    },
  };
}

function htmlPage(reply: FastifyReply, status: number, html: string, redirectOrigin?: string): FastifyReply {
  return (
    reply
      .code(status)
      .header('content-security-policy', consentPolicy(redirectOrigin))
      .header('x-frame-options', 'DENY')
      .header('cache-control', 'no-store')
      // Not `no-referrer` (the default everywhere else): under it a browser sends `Origin: null` with the
      // consent form's post, which the same-origin check must refuse. `same-origin` still sends nothing to the app.
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(html)
  );
}

function showError(reply: FastifyReply, status: number, title: string, detail: string): FastifyReply {
  return htmlPage(reply, status, errorPage(title, detail));
}

/**
 * Sends the user back to the client: 303 (after a POST a 307 would repost the form to the client; OAuth 2.1
 * §7.5.1), parameters added to the redirect URI's own query (RFC 6749 §3.1.2), `iss` always (RFC 9207 §2).
 */
function redirectBack(
  context: ServiceContext,
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries({ ...params, iss: context.oauth.issuer })) {
    if (value !== undefined) target.searchParams.append(name, value);
  }
  return reply.code(303).header('location', target.href).header('cache-control', 'no-store').send();
}

/** Answers a request that failed its checks: a page for an unknown client or redirect URI, else a redirect. */
function refuse(
  context: ServiceContext,
  reply: FastifyReply,
  check: Exclude<AuthorizationRequestCheck, { ok: true }>,
): FastifyReply {
  if (!check.redirect) return showError(reply, 400, 'This app cannot be connected', check.description);
  return redirectBack(context, reply, check.redirectUri, {
    error: check.error,
    error_description: check.description,
    state: check.state,
  });
}

/** Checks a request's parameters; a repeated one is `invalid_request` once the client is known. */
async function checkParameters(
  context: ServiceContext,
  search: URLSearchParams,
): Promise<AuthorizationRequestCheck> {
  const { params, malformed } = parametersOf(search);
  const check = await checkAuthorizationRequest(context, params);
  if (malformed.length === 0 || !check.ok) return check;
  const { redirectUri, state } = check.request;
  return {
    ok: false,
    redirect: true,
    redirectUri,
    state,
    error: 'invalid_request',
    description: `parameter "${malformed[0]?.slice(0, 40)}" is repeated or too long`,
  };
}

async function signedIn(
  context: ServiceContext,
  request: FastifyRequest,
): Promise<{ principal: SessionPrincipal; secret: string } | undefined> {
  const secret = readSessionCookie(request);
  if (secret === undefined) return undefined;
  const result = await authenticateSession(context, secret, callerOf(request));
  return result.ok ? { principal: result.principal, secret } : undefined;
}

async function showConsent(
  context: ServiceContext,
  reply: FastifyReply,
  principal: SessionPrincipal,
  secret: string,
  request: ValidAuthorizationRequest,
): Promise<FastifyReply> {
  const targets = await installTargets(context, principal, request);
  const user = await context.store.users.get(principal.userId);
  const html = consentPage({
    request,
    targets,
    vocabulary: context.model.vocabulary,
    csrfToken: csrfTokenOf(secret),
    userName: user ? `${user.name} (${user.email})` : principal.userId,
    action: AUTHORIZE_PATH,
  });
  return htmlPage(reply, 200, html, new URL(request.redirectUri).origin);
}

/**
 * A form post carries no custom header, so the consent form proves its origin another way: the browser's
 * `Origin` or `Sec-Fetch-Site` must name this origin, and the form's `csrf_token` must be the session's
 * (decision 022's token, derived from the cookie, which only a page of this origin was given). The cookie is
 * SameSite=Lax as well, so a cross-site post does not carry it at all.
 */
function sameOriginForm(
  context: ServiceContext,
  request: FastifyRequest,
  secret: string,
  token: string | null,
) {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined && origin !== new URL(context.oauth.issuer).origin) return false;
  if (site === undefined && origin === undefined) return false;
  return token !== null && csrfTokenMatches(secret, token);
}

function handleAuthorizeError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const status = isPortcullisError(error)
    ? error.status
    : 'statusCode' in error
      ? error.statusCode
      : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    return showError(reply, status, 'This request cannot be completed', 'The request could not be read.');
  }
  request.log.error({ err: error }, 'authorization request failed');
  return showError(reply, 500, 'Something went wrong', 'Please try again later.');
}

/** The authorization endpoint (RFC 6749 §3.1, OAuth 2.1 §4.1): the consent screen and its answer. */
export async function authorizeRoutes(app: import('fastify').FastifyInstance, { context }: RouteDeps) {
  await app.register(async (scope) => {
    acceptForms(scope);
    scope.setErrorHandler(handleAuthorizeError);

    scope.get(
      AUTHORIZE_PATH,
      {
        schema: {
          tags: ['oauth'],
          operationId: 'authorize',
          summary:
            'Authorization endpoint: response_type=code with PKCE S256; shows the consent screen to a signed-in admin',
          security: [{ ConsoleSession: [] }],
          querystring: z.object({}).catchall(z.string().or(z.array(z.string()))),
          // The answers with a body are pages; a redirect has none.
          produces: ['text/html'],
          response: {
            200: z.string().describe('The consent screen (text/html)'),
            303: z.null().describe('To the sign-in page, or back to the client with an error'),
            400: z.string().describe('An unknown client or redirect URI (text/html); never redirected'),
          },
        },
      },
      async (request, reply) => {
        const query = new URL(request.url, 'http://localhost').searchParams;
        const check = await checkParameters(context, query);
        if (!check.ok) return refuse(context, reply, check);
        const session = await signedIn(context, request);
        if (!session) {
          const next = encodeURIComponent(request.url);
          return reply.code(303).header('location', `${SIGN_IN_PATH}?next=${next}`).send();
        }
        return showConsent(context, reply, session.principal, session.secret, check.request);
      },
    );

    scope.post(
      AUTHORIZE_PATH,
      {
        schema: {
          tags: ['oauth'],
          operationId: 'authorizeDecision',
          summary: "The consent form's answer: approve (installs the app, redirects with a code) or deny",
          security: [{ ConsoleSession: [] }],
          consumes: ['application/x-www-form-urlencoded'],
          produces: ['text/html'],
          body: z
            .any()
            .describe('The consent form: the request parameters, csrf_token, tenant_id and decision'),
          response: {
            303: z.null().describe('Back to the client with code, state and iss, or error=access_denied'),
            400: z
              .string()
              .describe('An unknown client or redirect URI, or a form that cannot be read (text/html)'),
            401: z.string().describe('Not signed in (text/html)'),
            403: z.string().describe('Cross-site post, or the role may not approve (text/html)'),
            413: z.string().describe('A form over the body limit (text/html)'),
            415: z.string().describe('A body that is not a form (text/html)'),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!(body instanceof URLSearchParams)) {
          return showError(reply, 415, 'This request cannot be completed', 'The form could not be read.');
        }
        const secret = readSessionCookie(request);
        const session = secret === undefined ? undefined : await signedIn(context, request);
        if (!session) {
          return showError(reply, 401, 'Sign in again', 'Your session has ended. Start again from the app.');
        }
        if (!sameOriginForm(context, request, session.secret, body.get('csrf_token'))) {
          return showError(reply, 403, 'This request was refused', 'The form did not come from this page.');
        }
        const form = new URLSearchParams(body);
        for (const name of ['csrf_token', 'tenant_id', 'decision']) form.delete(name);
        const check = await checkParameters(context, form);
        if (!check.ok) return refuse(context, reply, check);
        const { redirectUri, state } = check.request;
        if (body.get('decision') !== 'approve') {
          return redirectBack(context, reply, redirectUri, {
            error: 'access_denied',
            error_description: 'the request was denied',
            state,
          });
        }
        const tenantId = body.get('tenant_id');
        if (!tenantId) {
          return showError(reply, 400, 'Choose a workspace', 'Go back and choose where to install the app.');
        }
        try {
          const approval = await approveAuthorization(context, session.principal, check.request, tenantId);
          return redirectBack(context, reply, redirectUri, { code: approval.code, state });
        } catch (error) {
          if (isPortcullisError(error) && (error.status === 403 || error.status === 404)) {
            return showError(
              reply,
              403,
              'You cannot install this app there',
              'Only an owner or manager of the workspace can approve an app.',
            );
          }
          throw error;
        }
      },
    );
  });
}
