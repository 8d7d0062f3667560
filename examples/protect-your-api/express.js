import { createVerifier } from './portcullis.js';

/**
 * Express 4 or 5: `requireKey(verifier, scopes)` is middleware that lets the call through only when
 * Portcullis says the key is valid and holds every scope in `scopes`; the principal is on `req.principal`.
 * A third argument `{ consume: 1 }` spends the key's usage credits on each call (never from the cache).
 * Behind a proxy, set `app.set('trust proxy', …)` so `req.ip` is the caller's address.
 *
 *   const verifier = createVerifier({ baseUrl: process.env.PORTCULLIS_URL, platformKey: process.env.PORTCULLIS_VERIFY_KEY });
 *   app.get('/records', requireKey(verifier, ['read:records']), (req, res) => …);
 */
export function requireKey(verifier, scopes = [], options = {}) {
  return (req, res, next) => {
    verifier
      .check(
        {
          authorization: req.get('authorization'),
          ip: req.ip,
          method: req.method,
          path: req.path,
          workspaceId: req.get('x-workspace-id'),
        },
        scopes,
        options,
      )
      .then((decision) => {
        if (!decision.allow) return res.status(decision.status).set(decision.headers).json(decision.body);
        req.principal = decision.principal;
        next();
      }, next);
  };
}

export { createVerifier };
