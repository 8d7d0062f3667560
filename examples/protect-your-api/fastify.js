import { createVerifier } from './portcullis.js';

/**
 * Fastify: `requireKey(verifier, scopes)` is a `preHandler` that lets the call through only when Portcullis
 * says the key is valid and holds every scope in `scopes`; the principal is on `request.principal`.
 * A third argument `{ consume: 1 }` spends the key's usage credits on each call (never from the cache).
 *
 *   const verifier = createVerifier({ baseUrl: process.env.PORTCULLIS_URL, platformKey: process.env.PORTCULLIS_VERIFY_KEY });
 *   app.get('/records', { preHandler: requireKey(verifier, ['read:records']) }, async (request) => …);
 */
export function requireKey(verifier, scopes = [], options = {}) {
  return async function portcullis(request, reply) {
    const decision = await verifier.check(
      {
        authorization: request.headers.authorization,
        ip: request.ip,
        method: request.method,
        path: request.url.split('?')[0],
        workspaceId: request.headers['x-workspace-id'],
      },
      scopes,
      options,
    );
    if (!decision.allow) return reply.code(decision.status).headers(decision.headers).send(decision.body);
    request.principal = decision.principal;
  };
}

export { createVerifier };
