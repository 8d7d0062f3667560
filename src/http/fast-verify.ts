import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isPortcullisError, PortcullisError } from '../core/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import type { VerifyResult } from '../services/verification/result.ts';
import { authorizeCachedPlatformKey, authorizePlatformKey } from './auth/platform.ts';
import { PROBLEM_CONTENT_TYPE, problemBody, validationProblem } from './problem.ts';
import {
  answerCachedVerify,
  answerVerify,
  type VerifyBody,
  verifyBody,
  verifyResultJson,
} from './routes/verify.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export const VERIFY_PATH = '/api/v1/verify';

export interface FastVerifyOptions {
  context: ServiceContext;
  bodyLimitBytes: number;
  onError: (error: unknown) => void;
}

const SECURITY_HEADER_PAIRS = Object.entries(SECURITY_HEADERS).flat();

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

function sendError(response: ServerResponse, error: PortcullisError): void {
  send(response, error.status, PROBLEM_CONTENT_TYPE, JSON.stringify(problemBody(error)), error.headers);
}

/**
 * Reads a JSON body up to `limit` bytes and hands it to `done`; larger is 413, not JSON is 415, unparsable is
 * 400, each handed to `fail`. Callbacks rather than a promise: the verify path has nothing else to wait for.
 */
function readJson(
  request: IncomingMessage,
  limit: number,
  done: (json: unknown) => void,
  fail: (error: PortcullisError) => void,
): void {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
    request.resume();
    fail(new PortcullisError('unsupported_media_type'));
    return;
  }
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    fail(new PortcullisError('payload_too_large'));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  // A stream error (a client that went away mid-body): answer if the socket still takes it, once.
  request.on('error', () => {
    if (settled) return;
    settled = true;
    fail(new PortcullisError('bad_request', 'the request body could not be read'));
  });
  request.on('end', () => {
    if (settled) return;
    settled = true;
    if (size > limit) return fail(new PortcullisError('payload_too_large'));
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return fail(new PortcullisError('bad_request', 'the request body is not valid JSON'));
    }
    done(json);
  });
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
 * `POST /api/v1/verify` served before the framework: the platform's API calls it on every request it
 * receives, so it skips routing, hooks and reply machinery. It does exactly what the framework route does —
 * same body schema, same credential check, same service call, same problem documents — and anything else
 * (another path, a query string, another method) goes to the framework. See docs/decisions/002.
 */
export function withFastVerify(options: FastVerifyOptions, framework: RequestListener): RequestListener {
  const { context, bodyLimitBytes } = options;
  const fail = (response: ServerResponse, error: unknown) => {
    if (isPortcullisError(error) && error.status < 500) return sendError(response, error);
    options.onError(error);
    sendError(response, new PortcullisError('internal_error', 'something went wrong'));
  };
  const answer = (response: ServerResponse, result: VerifyResult) =>
    send(response, 200, 'application/json; charset=utf-8', verifyResultJson(result));
  // A platform key or a credential not cached yet: look them up.
  const answerAfterLookups = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: VerifyBody,
    elapsedMs: () => number,
  ) => {
    try {
      await authorizePlatformKey(context, request, 'verify');
      answer(response, await answerVerify(context, body, elapsedMs));
    } catch (error) {
      fail(response, error);
    }
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const elapsedMs = () => performance.now() - started;
    // The framework route's order: read, validate, then authenticate.
    readJson(
      request,
      bodyLimitBytes,
      (json) => {
        try {
          const body = parseBody(json);
          // A platform key and a credential in steady use are cached: answered without waiting on anything.
          const result =
            authorizeCachedPlatformKey(context, request, 'verify') &&
            answerCachedVerify(context, body, elapsedMs);
          if (result) answer(response, result);
          else void answerAfterLookups(request, response, body, elapsedMs);
        } catch (error) {
          fail(response, error);
        }
      },
      (error) => fail(response, error),
    );
  };
  return (request, response) => {
    if (request.method === 'POST' && request.url === VERIFY_PATH) handle(request, response);
    else framework(request, response);
  };
}
