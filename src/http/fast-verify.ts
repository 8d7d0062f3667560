import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isPortcullisError, PortcullisError } from '../core/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { authorizeCachedPlatformKey, authorizePlatformKey } from './auth/platform.ts';
import { PROBLEM_CONTENT_TYPE, problemBody, validationProblem } from './problem.ts';
import { answerCachedVerify, answerVerify, verifyBody, verifyResultJson } from './routes/verify.ts';
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

/** Reads a JSON body up to `limit` bytes; larger is 413, not JSON is 415, unparsable is 400. */
function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
      reject(new PortcullisError('unsupported_media_type'));
      request.resume();
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      reject(new PortcullisError('payload_too_large'));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > limit) return reject(new PortcullisError('payload_too_large'));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new PortcullisError('bad_request', 'the request body is not valid JSON'));
      }
    });
  });
}

/**
 * `POST /api/v1/verify` served before the framework: the platform's API calls it on every request it
 * receives, so it skips routing, hooks and reply machinery. It does exactly what the framework route does —
 * same body schema, same credential check, same service call, same problem documents — and anything else
 * (another path, a query string, another method) goes to the framework. See docs/decisions/002.
 */
export function withFastVerify(options: FastVerifyOptions, framework: RequestListener): RequestListener {
  const { context, bodyLimitBytes } = options;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    try {
      // The framework route's order: read, validate, then authenticate.
      const json = await readJson(request, bodyLimitBytes);
      const parsed = verifyBody.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.map((part) => `.${String(part)}`).join(''),
          message: issue.message,
        }));
        throw validationProblem('body', issues);
      }
      // A platform key and a credential in steady use are cached: answered without waiting on anything.
      if (!authorizeCachedPlatformKey(context, request, 'verify')) {
        await authorizePlatformKey(context, request, 'verify');
      }
      const elapsedMs = () => performance.now() - started;
      const result =
        answerCachedVerify(context, parsed.data, elapsedMs) ??
        (await answerVerify(context, parsed.data, elapsedMs));
      send(response, 200, 'application/json; charset=utf-8', verifyResultJson(result));
    } catch (error) {
      if (isPortcullisError(error) && error.status < 500) return sendError(response, error);
      options.onError(error);
      sendError(response, new PortcullisError('internal_error', 'something went wrong'));
    }
  };
  return (request, response) => {
    if (request.method === 'POST' && request.url === VERIFY_PATH) void handle(request, response);
    else framework(request, response);
  };
}
