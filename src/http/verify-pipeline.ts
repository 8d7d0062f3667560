import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isPortcullisError, PortcullisError } from '../core/errors.ts';
import { isPromise } from '../core/maybe-promise.ts';
import { type Authentication, authenticatePrincipal } from '../services/access/authenticate.ts';
import type { Principal } from '../services/access/principal.ts';
import type { ServiceContext } from '../services/context.ts';
import type { VerifyResult } from '../services/verification/result.ts';
import { verifyCall } from '../services/verification/verify-call.ts';
import { MANAGEMENT_SCHEMES, missingCredential, presentedIn, principalOrProblem } from './auth/principal.ts';
import { callerAddress } from './caller-address.ts';
import { discardBody, readJsonBody } from './json-body.ts';
import { PROBLEM_CONTENT_TYPE, problemBody, problemHeaders, validationProblem } from './problem.ts';
import { scopeSchema } from './schemas.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export const verifyBody = z.strictObject({
  key: z.string().max(4096).describe('The API key or access token the caller presented'),
  scopes: z.array(scopeSchema).max(50).optional().describe('Scopes the call needs'),
  method: z
    .string()
    .regex(/^[A-Za-z]{1,16}$/)
    .optional(),
  path: z.string().max(2048).optional(),
  ip: z
    .string()
    .max(64)
    .refine((value) => isIP(value) !== 0, 'is not an IP address')
    .optional(),
  consume: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe(
      'Usage credits the call spends of an API key that counts them (default 0: not counted); too few left answers `usage_exceeded`',
    ),
  workspaceId: z
    .string()
    .max(64)
    .optional()
    .describe(
      "For a personal access token: the workspace (tenant id) the call acts in, from the caller's `x-workspace-id`; may be omitted when the token's user belongs to one workspace",
    ),
});
export type VerifyBody = z.output<typeof verifyBody>;

export interface VerifyPipelineOptions {
  context: ServiceContext;
  bodyLimitBytes: number;
  /** `server.trustProxy`: the caller's address is the one `X-Forwarded-For` names, as on every other route. */
  trustProxy: boolean;
  onError: (error: unknown) => void;
}

const SECURITY_HEADER_PAIRS = Object.entries(SECURITY_HEADERS).flat();
const JSON_TYPE = 'application/json; charset=utf-8';

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  // A flat [name, value, …] list: Node takes it as is, with no object to build and walk per response.
  response.writeHead(status, [
    ...SECURITY_HEADER_PAIRS,
    ...Object.entries(headers).flat(),
    'content-type',
    contentType,
    'content-length',
    String(Buffer.byteLength(text)),
  ]);
  response.end(text);
}

function parseBody(json: unknown): VerifyBody {
  const parsed = verifyBody.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map((part) => `.${String(part)}`).join(''),
    message: issue.message,
  }));
  throw validationProblem('body', issues);
}

/**
 * `POST /api/v1/verify`, the platform's API asking on every request it receives whether a presented key may
 * make a call. One pipeline — authenticate the caller, read and check the body, run the use case (`verifyCall`:
 * the caller's permission, the credential, its rate limit, the call recorded), answer — behind two entry points that do nothing else: the raw listener
 * that answers before the framework (`fast-verify.ts`) and the framework's route (`routes/verify.ts`). A step
 * whose answer is in memory (a cached caller or credential) runs without waiting; the pipeline waits only
 * for a step that must. The caller is authenticated before the body is read, as on every route.
 */
export function verifyPipeline(
  options: VerifyPipelineOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { context, bodyLimitBytes, trustProxy } = options;

  const fail = (request: IncomingMessage, response: ServerResponse, error: unknown): void => {
    discardBody(request);
    if (response.headersSent) return;
    if (isPortcullisError(error) && error.status < 500) {
      send(
        response,
        error.status,
        PROBLEM_CONTENT_TYPE,
        JSON.stringify(problemBody(error)),
        problemHeaders(error),
      );
      return;
    }
    options.onError(error);
    const problem = new PortcullisError('internal_error', 'something went wrong');
    send(response, problem.status, PROBLEM_CONTENT_TYPE, JSON.stringify(problemBody(problem)));
  };

  const answer = (request: IncomingMessage, response: ServerResponse, result: VerifyResult) => {
    try {
      send(response, 200, JSON_TYPE, verifyResultJson(result));
    } catch (error) {
      fail(request, response, error);
    }
  };

  const verify = (
    request: IncomingMessage,
    response: ServerResponse,
    principal: Principal,
    json: unknown,
    started: number,
  ) => {
    try {
      const result = verifyCall(context, principal, parseBody(json), () => performance.now() - started);
      if (isPromise(result)) {
        result.then(
          (settled) => answer(request, response, settled),
          (error: unknown) => fail(request, response, error),
        );
      } else answer(request, response, result);
    } catch (error) {
      fail(request, response, error);
    }
  };

  const afterCaller = (
    request: IncomingMessage,
    response: ServerResponse,
    authentication: Authentication,
    started: number,
  ) => {
    let principal: Principal;
    try {
      principal = principalOrProblem(authentication);
    } catch (error) {
      return fail(request, response, error);
    }
    readJsonBody(
      request,
      bodyLimitBytes,
      (json) => verify(request, response, principal, json, started),
      (error) => fail(request, response, error),
    );
  };

  return (request, response) => {
    const started = performance.now();
    try {
      const presented = presentedIn(request.headers);
      if (!presented) throw missingCredential(MANAGEMENT_SCHEMES, 'a platform credential is required');
      const authentication = authenticatePrincipal(context, presented, {
        ip: callerAddress(request, trustProxy),
      });
      if (isPromise(authentication)) {
        authentication.then(
          (settled) => afterCaller(request, response, settled, started),
          (error: unknown) => fail(request, response, error),
        );
      } else afterCaller(request, response, authentication, started);
    } catch (error) {
      fail(request, response, error);
    }
  };
}

const scopesJson = new WeakMap<readonly string[], string>();

/**
 * The answer as JSON, in `verifyResultSchema`'s shape. A valid answer's scopes are one shared array per
 * (grant, plan, mode) from the effective scope cache, never changed once made, so their JSON (most of the
 * answer) is made once per array; the rest is written out here rather than through a copy of the object.
 */
export function verifyResultJson(result: VerifyResult): string {
  if (!result.valid) return JSON.stringify(result);
  let scopesText = scopesJson.get(result.scopes);
  if (scopesText === undefined) {
    scopesText = JSON.stringify(result.scopes);
    scopesJson.set(result.scopes, scopesText);
  }
  const { limit, remaining, resetSeconds } = result.ratelimit;
  const who =
    result.credentialType === 'api_key'
      ? `"keyId":${JSON.stringify(result.keyId)},"mode":"${result.mode}","type":"${result.type}"`
      : result.credentialType === 'personal_token'
        ? `"userId":${JSON.stringify(result.userId)},"tokenId":${JSON.stringify(result.tokenId)},"role":"${result.role}","mode":"${result.mode}"`
        : `"clientId":${JSON.stringify(result.clientId)},"mode":"${result.mode}"`;
  // An API key's meta and external id follow its scopes, as the schema lists them.
  const owner =
    result.credentialType === 'api_key'
      ? `,"meta":${result.meta === null ? 'null' : metaJson(result.meta)},"externalId":${result.externalId === null ? 'null' : JSON.stringify(result.externalId)}${result.remaining === undefined ? '' : `,"remaining":${result.remaining}`}`
      : '';
  return `{"valid":true,"credentialType":"${result.credentialType}","tenantId":${JSON.stringify(result.tenantId)},${who},"scopes":${scopesText}${owner},"ratelimit":{"limit":${limit},"remaining":${remaining},"resetSeconds":${resetSeconds}}}`;
}

const metaTexts = new WeakMap<Record<string, unknown>, string>();

/** A key's meta is one object per cached standing, never changed: its JSON is made once per object. */
function metaJson(meta: Record<string, unknown>): string {
  let text = metaTexts.get(meta);
  if (text === undefined) {
    text = JSON.stringify(meta);
    metaTexts.set(meta, text);
  }
  return text;
}
