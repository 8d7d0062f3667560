import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/context.ts';
import {
  abandonIdempotentRequest,
  finishIdempotentRequest,
  type IdempotencyHold,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  startIdempotentRequest,
} from '../services/idempotency/keys.ts';
import type { App } from './routes/types.ts';

/** The credentials of the management API (and a console session): a POST that takes one takes the header. */
const MANAGEMENT_SCHEMES = new Set(['PlatformKey', 'ApiKey', 'M2MBearerToken', 'ConsoleSession']);

interface OpenApiOperation {
  security?: Record<string, string[]>[];
  parameters?: unknown[];
}

/**
 * Names `Idempotency-Key` among the parameters of every POST in the API description that the hook below serves:
 * those a management credential or a console session may call, but verify.
 */
export function documentIdempotencyKey<Document extends { paths?: object | undefined }>(
  document: Document,
): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const post = (item as { post?: OpenApiOperation } | undefined)?.post;
    if (!post || path === '/api/v1/verify') continue;
    const managed = post.security?.some((requirement) =>
      Object.keys(requirement).some((scheme) => MANAGEMENT_SCHEMES.has(scheme)),
    );
    if (!managed) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        description:
          'A key of your choice (one per intended change) that makes a retry safe: the same key with the same request answers the first response again, with `Idempotent-Replayed: true`, for 24 hours; with another request it is 422 `idempotency_key_reused`',
        schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
      },
    ];
  }
  return document;
}

/** POSTs of the management API; `POST /api/v1/verify` answers a question and changes nothing. */
function isManagementPost(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? '';
  return request.method === 'POST' && request.principal !== null && url !== '/api/v1/verify';
}

/**
 * `Idempotency-Key` on every POST of the management API (draft-ietf-httpapi-idempotency-key-header, with
 * Stripe's semantics). Claimed after authentication and body validation (a request that failed validation is
 * not kept), answered from the kept response when the key was seen, and the response kept as it is sent.
 */
export function addIdempotency(app: App, context: ServiceContext): void {
  const holds = new WeakMap<FastifyRequest, IdempotencyHold>();

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || !isManagementPost(request) || !request.principal) return;
    const { tenantId } = (request.params ?? {}) as { tenantId?: string };
    const started = await startIdempotentRequest(
      context,
      request.principal,
      tenantId ?? null,
      Array.isArray(key) ? key.join(',') : key,
      { method: request.method, path: request.url.split('?', 1)[0] ?? '', body: request.body },
    );
    if (started.kind === 'proceed') {
      holds.set(request, started.hold);
      return;
    }
    const { response } = started;
    if (response.contentType) reply.header('content-type', response.contentType);
    reply.header('idempotent-replayed', 'true');
    reply.header('cache-control', 'no-store');
    return reply.code(response.status).send(response.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const hold = holds.get(request);
    if (!hold) return payload;
    holds.delete(request);
    if (typeof payload === 'string' || Buffer.isBuffer(payload) || payload === null) {
      const contentType = reply.getHeader('content-type');
      await finishIdempotentRequest(context, hold, {
        status: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : null,
        body: payload === null ? '' : payload.toString(),
      });
    } else {
      await abandonIdempotentRequest(context, hold);
    }
    return payload;
  });

  app.addHook('onRequestAbort', async (request) => {
    const hold = holds.get(request);
    if (hold) await abandonIdempotentRequest(context, hold);
  });
}
