import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import { createVerifier } from './portcullis.js';

/**
 * Hono on Node (`@hono/node-server`): `requireKey(verifier, scopes)` lets the call through only when
 * Portcullis says the key is valid and holds every scope in `scopes`; the principal is `c.get('principal')`.
 * A third argument `{ consume: 1 }` spends the key's usage credits on each call (never from the cache).
 * On another runtime, take the address from that runtime's `getConnInfo` instead.
 *
 *   const verifier = createVerifier({ baseUrl: process.env.PORTCULLIS_URL, platformKey: process.env.PORTCULLIS_VERIFY_KEY });
 *   app.get('/records', requireKey(verifier, ['read:records']), (c) => …);
 */
export function requireKey(verifier, scopes = [], options = {}) {
  return createMiddleware(async (c, next) => {
    const decision = await verifier.check(
      {
        authorization: c.req.header('authorization'),
        ip: getConnInfo(c).remote.address,
        method: c.req.method,
        path: c.req.path,
        workspaceId: c.req.header('x-workspace-id'),
      },
      scopes,
      options,
    );
    if (!decision.allow) return c.json(decision.body, decision.status, decision.headers);
    c.set('principal', decision.principal);
    await next();
  });
}

export { createVerifier };
