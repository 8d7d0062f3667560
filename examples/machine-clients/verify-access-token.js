import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

/** What jose throws for a token that is at fault, as opposed to a key set it could not fetch. */
const TOKEN_ERRORS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JWKSNoMatchingKey,
];

/**
 * Your API's side, offline: checks an access token's signature against the JWKS and its claims, with no
 * call to Portcullis per request. jose caches the key set and fetches it again when a token names a key it
 * has not seen, which is how a new signing key is picked up.
 *
 *   const verifier = createAccessTokenVerifier({ issuer: process.env.PORTCULLIS_ISSUER, audience: 'https://api.example.com' });
 *   const decision = await verifier.check(token, ['read:records']);
 */
export function createAccessTokenVerifier({ issuer, audience }) {
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', issuer));

  return {
    /** `{ allow: true, principal }`, or `{ allow: false, status, code }` for your API to answer. */
    async check(token, neededScopes = []) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          issuer,
          audience,
          typ: 'at+jwt',
          algorithms: ['ES256'],
        }));
      } catch (error) {
        // The token's own fault (bad signature or shape, another issuer or audience, expired, an unknown key):
        // 401. Anything else, such as a key set that could not be fetched, fails closed.
        if (TOKEN_ERRORS.some((kind) => error instanceof kind))
          return { allow: false, status: 401, code: error.code };
        return { allow: false, status: 503, code: 'verification_unavailable' };
      }
      const granted = new Set(String(payload.scope ?? '').split(' '));
      const missingScopes = neededScopes.filter((scope) => !granted.has(scope));
      if (missingScopes.length > 0)
        return { allow: false, status: 403, code: 'insufficient_scope', missingScopes };
      return {
        allow: true,
        principal: {
          tenantId: payload.tenant,
          mode: payload.mode,
          clientId: payload.client_id,
          scopes: [...granted],
        },
      };
    },
  };
}
