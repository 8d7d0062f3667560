import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { issueAccessToken } from '../../src/services/tokens/issue-access-token.ts';
import { looksLikeJwt, verifyAccessToken } from '../../src/services/tokens/verify-access-token.ts';
import { HOUR, type ServiceHarness, startServices } from './support.ts';

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
describe('issue and verify', () => {
  test('round trip: RFC 9068 header and claims, and the claims verify back', async () => {
    const issued = await issue();
    assert.equal(issued.expiresIn, 3600);
    assert.equal(issued.expiresAt, Math.floor(h.clock.now() / 1000) * 1000 + HOUR);
    const header = decodeProtectedHeader(issued.token);
    const kid = (await h.context.signingKeys.current(h.clock.now())).kid;
    assert.deepEqual(header, { alg: 'ES256', kid, typ: 'at+jwt' });
    const payload = decodeJwt(issued.token);
    assert.deepEqual(payload, {
      client_id: 'cli_abc',
      scope: 'read:entities bookings:write',
      tenant: 'ten_abc',
      mode: 'test',
      iss: h.context.oauth.issuer,
      sub: 'cli_abc',
      aud: h.context.oauth.issuer,
      jti: issued.jti,
      iat: Math.floor(h.clock.now() / 1000),
      exp: issued.expiresAt / 1000,
    });
    assert.deepEqual(await verify(issued.token), {
      valid: true,
      claims: {
        jti: issued.jti,
        clientId: 'cli_abc',
        tenantId: 'ten_abc',
        mode: 'test',
        scopes: ['read:entities', 'bookings:write'],
        audience: [h.context.oauth.issuer],
        issuedAt: Math.floor(h.clock.now() / 1000) * 1000,
        expiresAt: issued.expiresAt,
        subject: 'cli_abc',
      },
    });
    assert.ok(looksLikeJwt(issued.token));
  });

  test('every token gets its own 128-bit jti', async () => {
    const jtis = new Set<string>();
    for (let index = 0; index < 20; index++) jtis.add((await issue()).jti);
    assert.equal(jtis.size, 20);
    for (const jti of jtis) assert.match(jti, /^[A-Za-z0-9_-]{22}$/);
  });

  test('an empty scope list is an empty scope string and verifies to []', async () => {
    const result = await verify((await issue({ scopes: [] })).token);
    assert.ok(result.valid);
    assert.deepEqual(result.claims.scopes, []);
  });
});

describe('audiences', () => {
  test('configured resource servers: the first is the default; options.audience must be included', async () => {
    await h.close();
    h = await startServices({
      oauth: {
        resourceServers: [{ audience: 'https://api.example.com' }, { audience: 'https://mcp.example.com' }],
      },
    });
    const defaultToken = (await issue()).token;
    assert.equal(decodeJwt(defaultToken).aud, 'https://api.example.com');
    assert.equal((await verify(defaultToken)).valid, true);
    const mcp = (await issue({ audience: 'https://mcp.example.com' })).token;
    assert.equal((await verify(mcp)).valid, true, 'any configured audience passes without options');
    assert.equal((await verify(mcp, { audience: 'https://mcp.example.com' })).valid, true);
    assert.deepEqual(await verify(mcp, { audience: 'https://api.example.com' }), {
      valid: false,
      code: 'wrong_audience',
    });
    const issuerToken = (await issue({ audience: h.context.oauth.issuer })).token;
    assert.deepEqual(
      await verify(issuerToken),
      { valid: false, code: 'wrong_audience' },
      'issuer not a resource server',
    );
    const both = (await issue({ audience: ['https://other.example', 'https://mcp.example.com'] })).token;
    assert.deepEqual(decodeJwt(both).aud, ['https://other.example', 'https://mcp.example.com']);
    assert.equal((await verify(both, { audience: 'https://mcp.example.com' })).valid, true);
  });

  test('a token for another audience → wrong_audience', async () => {
    const token = (await issue({ audience: 'https://elsewhere.example' })).token;
    assert.deepEqual(await verify(token), { valid: false, code: 'wrong_audience' });
    assert.deepEqual(await verify((await issue()).token, { audience: 'https://elsewhere.example' }), {
      valid: false,
      code: 'wrong_audience',
    });
  });
});

describe('looksLikeJwt', () => {
  test('three base64url segments only', () => {
    assert.ok(looksLikeJwt('eyJh.eyJi.c2ln'));
    assert.ok(looksLikeJwt('eyJh.eyJi.'));
    for (const text of ['sk_live_AbC', 'a.b', 'a.b.c.d', 'a+b.c.d', '', '.b.c', 'a..c', 'a.b.c '])
      assert.equal(looksLikeJwt(text), false, text);
  });
});
