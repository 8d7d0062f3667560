import { randomUUID } from 'node:crypto';
import { exportJWK, type GenerateKeyPairResult, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { TestApp } from '../support/app.ts';
import { OAUTH } from './oauth-support.ts';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A client's signing key: the private half signs, the public JWK is what the client registers. */
export interface ClientKey {
  alg: 'ES256' | 'RS256' | 'PS256' | 'EdDSA';
  privateKey: GenerateKeyPairResult['privateKey'];
  publicJwk: JWK;
  kid: string;
}

export async function clientKey(
  alg: ClientKey['alg'] = 'ES256',
  kid: string = randomUUID(),
): Promise<ClientKey> {
  const pair = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid };
  return { alg, privateKey: pair.privateKey, publicJwk, kid };
}

export interface AssertionOptions {
  /** Claims to set or (with `undefined`) to leave out. */
  claims?: Record<string, unknown>;
  /** Leave the header's `kid` out (the server then tries each key). */
  noKid?: boolean;
}

/** A `private_key_jwt` client assertion (RFC 7523 §3) good for a minute from the test clock's now. */
export async function signAssertion(
  t: TestApp,
  clientId: string,
  key: ClientKey,
  options: AssertionOptions = {},
): Promise<string> {
  const now = Math.floor(t.clock.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: `${t.context.oauth.issuer}${OAUTH}/token`,
    jti: randomUUID(),
    iat: now,
    exp: now + 60,
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, ...(options.noKid ? {} : { kid: key.kid }) })
    .sign(key.privateKey);
}

/** The form parameters that carry an assertion. */
export const assertionParams = (assertion: string): Record<string, string> => ({
  client_assertion_type: ASSERTION_TYPE,
  client_assertion: assertion,
});

/** An unsigned JWT (`alg: none`): never accepted. */
export function unsignedAssertion(t: TestApp, clientId: string): string {
  const now = Math.floor(t.clock.now() / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({
    iss: clientId,
    sub: clientId,
    aud: t.context.oauth.issuer,
    jti: randomUUID(),
    exp: now + 60,
  })}.`;
}

/** An HS256 assertion keyed with `secret`: an HMAC is never accepted, whatever the key. */
export function hmacAssertion(t: TestApp, clientId: string, secret: string): Promise<string> {
  const now = Math.floor(t.clock.now() / 1000);
  return new SignJWT({ iss: clientId, sub: clientId, aud: t.context.oauth.issuer, jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(now + 60)
    .sign(new TextEncoder().encode(secret));
}
