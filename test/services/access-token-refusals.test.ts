import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { exportSPKI, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { revokeAccessToken } from '../../src/services/tokens/revoke-access-token.ts';
import { verifyAccessToken } from '../../src/services/tokens/verify-access-token.ts';
import { clientRevoker, platformRevoker, SECOND, type ServiceHarness, startServices } from './support.ts';

let h: ServiceHarness;
beforeEach(async () => {
  h = await startServices();
});
afterEach(() => h.close());

const request = {
  clientId: 'cli_abc',
  tenantId: 'ten_abc',
  mode: 'test',
  scopes: ['read:entities', 'bookings:write'],
} as const;
const issue = (overrides: Partial<Parameters<typeof issueAccessToken>[1]> = {}) =>
  issueAccessToken(h.context, { ...request, ...overrides });
const verify = (token: string, options?: { audience?: string }) =>
  verifyAccessToken(h.context, token, options);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims a genuine token carries, for forging variants of it with the ring's own key. */
function genuineClaims(): JWTPayload {
  const iat = Math.floor(h.clock.now() / 1000);
  return {
    iss: h.context.oauth.issuer,
    sub: 'cli_abc',
    aud: h.context.oauth.issuer,
    client_id: 'cli_abc',
    scope: 'read:entities',
    tenant: 'ten_abc',
    mode: 'live',
    jti: 'jti-forged',
    iat,
    exp: iat + 3600,
  };
}

/** Signs with the ring's current private key: a token only a bug or an insider could make. */
async function signWithRing(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = await h.context.signingKeys.current(h.clock.now());
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt', ...header })
    .sign(key.privateKey);
}

// Every way a token can fail verification, each with its precise code (RFC 9068 §4, RFC 8725).
describe('refused tokens', () => {
  const refused = async (token: string, code: string) =>
    assert.deepEqual(await verify(token), { valid: false, code });

  test('alg none (unsecured JWT) → invalid_signature', async () => {
    const claims = genuineClaims();
    await refused(`${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`, 'invalid_signature');
    const kid = (await h.context.signingKeys.current(h.clock.now())).kid;
    await refused(`${b64({ alg: 'none', kid, typ: 'at+jwt' })}.${b64(claims)}.`, 'invalid_signature');
    await refused(`${b64({ alg: 'NONE', kid, typ: 'at+jwt' })}.${b64(claims)}.c2ln`, 'invalid_signature');
  });

  test('HS256 signed with the public key as the HMAC secret (key confusion) → invalid_signature', async () => {
    await h.context.signingKeys.tick(h.clock.now());
    const { kid, ...jwk } = (await h.context.signingKeys.jwks(h.clock.now())).keys[0] ?? assert.fail('a key');
    const publicKey = await importJWK({ ...jwk }, 'ES256', { extractable: true });
    const secrets = [
      new TextEncoder().encode(await exportSPKI(publicKey as Exclude<typeof publicKey, Uint8Array>)),
      new TextEncoder().encode(JSON.stringify({ ...jwk, kid })),
      Buffer.from(jwk.x, 'base64url'),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' })
        .sign(secret);
      await refused(token, 'invalid_signature');
    }
  });

  test('signed by a key outside the ring → unknown_key; under a ring kid → invalid_signature', async () => {
    const kid = (await h.context.signingKeys.current(h.clock.now())).kid;
    const foreign = await generateKeyPair('ES256');
    const sign = (header: Record<string, unknown>) =>
      new SignJWT(genuineClaims())
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', ...header })
        .sign(foreign.privateKey);
    await refused(await sign({ kid: 'not-a-ring-key' }), 'unknown_key');
    await refused(await sign({}), 'unknown_key');
    await refused(await sign({ kid: '' }), 'unknown_key');
    await refused(await sign({ kid }), 'invalid_signature');
    await refused(await sign({ kid, jku: 'https://attacker.example/jwks.json' }), 'invalid_signature');
  });

  test('a tampered payload or header → invalid_signature', async () => {
    const [header, payload, signature] = (await issue()).token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    await refused(`${header}.${b64({ ...claims, scope: 'read:* mcp:*' })}.${signature}`, 'invalid_signature');
    await refused(`${header}.${b64({ ...claims, tenant: 'ten_other' })}.${signature}`, 'invalid_signature');
    const headerClaims = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
    await refused(`${b64({ ...headerClaims, cty: 'x' })}.${payload}.${signature}`, 'invalid_signature');
    const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
    await refused(`${header}.${payload}.${flipped}`, 'invalid_signature');
  });

  test('wrong issuer → wrong_issuer', async () => {
    await refused(await signWithRing({ ...genuineClaims(), iss: 'https://evil.example' }), 'wrong_issuer');
    const token = (await issue()).token;
    h.context.oauth.issuer = 'http://127.0.0.1:9999';
    await refused(token, 'wrong_issuer');
  });

  test('typ other than at+jwt → wrong_type; application/at+jwt is the same type (RFC 9068 §4)', async () => {
    await refused(await signWithRing(genuineClaims(), { typ: 'JWT' }), 'wrong_type');
    await refused(await signWithRing(genuineClaims(), { typ: 'application/jwt' }), 'wrong_type');
    await refused(await signWithRing(genuineClaims(), { typ: undefined }), 'wrong_type');
    assert.equal(
      (await verify(await signWithRing(genuineClaims(), { typ: 'application/at+jwt' }))).valid,
      true,
    );
  });

  test('expired: valid until exp + 30 s, then expired', async () => {
    const issued = await issue();
    h.clock.set(issued.expiresAt - 1);
    assert.equal((await verify(issued.token)).valid, true);
    h.clock.set(issued.expiresAt + 29 * SECOND);
    assert.equal((await verify(issued.token)).valid, true, 'within the clock tolerance');
    h.clock.set(issued.expiresAt + 30 * SECOND);
    await refused(issued.token, 'expired');
  });

  test('nbf or iat in the future beyond 30 s → not_yet_valid', async () => {
    const nowSeconds = Math.floor(h.clock.now() / 1000);
    await refused(await signWithRing({ ...genuineClaims(), nbf: nowSeconds + 31 }), 'not_yet_valid');
    assert.equal(
      (await verify(await signWithRing({ ...genuineClaims(), nbf: nowSeconds + 29 }))).valid,
      true,
    );
    await refused(await signWithRing({ ...genuineClaims(), iat: nowSeconds + 120 }), 'not_yet_valid');
  });

  test('missing or mistyped claims → malformed', async () => {
    const { jti: _jti, ...noJti } = genuineClaims();
    const { tenant: _tenant, ...noTenant } = genuineClaims();
    for (const claims of [
      noJti,
      noTenant,
      { ...genuineClaims(), mode: 'prod' },
      { ...genuineClaims(), scope: ['read:entities'] },
      { ...genuineClaims(), client_id: 'someone_else' },
      { ...genuineClaims(), exp: 'tomorrow' },
    ]) {
      await refused(await signWithRing(claims as JWTPayload), 'malformed');
    }
  });

  test('revoked jti → revoked; revocation ignores bad tokens and refuses another client', async () => {
    const issued = await issue();
    assert.deepEqual(await revokeAccessToken(h.context, 'garbage', platformRevoker), { outcome: 'ignored' });
    const notOwner = await revokeAccessToken(h.context, issued.token, clientRevoker('cli_other'));
    assert.equal(notOwner.outcome, 'not_owner');
    assert.equal((await verify(issued.token)).valid, true, 'a refused revocation changes nothing');
    const revoked = await revokeAccessToken(h.context, issued.token, clientRevoker('cli_abc'));
    assert.equal(revoked.outcome, 'revoked');
    await refused(issued.token, 'revoked');
    assert.equal(
      (await revokeAccessToken(h.context, issued.token, platformRevoker)).outcome,
      'revoked',
      'revoking twice is fine',
    );
    assert.equal((await verify((await issue()).token)).valid, true, 'other tokens are untouched');
    assert.equal(await h.store.revokedTokens.deleteExpired(issued.expiresAt + 30 * SECOND - 1), 0);
    assert.equal(await h.store.revokedTokens.deleteExpired(issued.expiresAt + 30 * SECOND), 1);
  });

  test('garbage strings → malformed', async () => {
    const key = (await issue()).token;
    for (const garbage of [
      '',
      'abc',
      'a.b',
      'a.b.c',
      '..',
      'a.b.c.d',
      `${b64('string')}.${b64({})}.sig`,
      `${b64({ alg: 'ES256' })}.not-json.sig`,
      `${b64([1])}.${b64({})}.sig`,
      'sk_live_AbCdEfGhIjKlMnOpQrStUvWx123456',
      `${key}.`,
      ` ${key}`,
      `${key.slice(0, 20)}!${key.slice(21)}`,
      `${key}${'A'.repeat(5000)}`,
    ]) {
      const result = await verify(garbage);
      assert.equal(result.valid, false, garbage.slice(0, 40));
      assert.ok(
        !result.valid && ['malformed', 'invalid_signature', 'unknown_key'].includes(result.code),
        garbage,
      );
    }
    await refused('a.b.c', 'malformed');
    await refused(`${key}${'A'.repeat(5000)}`, 'malformed');
  });

  test('verification never throws, whatever the input (property)', async () => {
    const token = (await issue()).token;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.nat({ max: token.length }), async (noise, at) => {
        for (const candidate of [noise, token.slice(0, at) + noise + token.slice(at)]) {
          const result = await verify(candidate);
          if (candidate !== token) assert.equal(typeof result.valid, 'boolean');
        }
      }),
      { numRuns: 200 },
    );
  });
});
